// An HTML page to a document: the article body (Mozilla Readability over linkedom, with a
// plain block-text fallback), the title, and the publication date, site name and URL from
// the page's meta tags and JSON-LD. Paragraph structure is kept as line breaks.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DocumentInput } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import { isValidDay } from './jsonl.js';

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD']);

/** The charset an HTML page declares in its first bytes, if any. */
export function sniffHtmlCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? m[1] : null;
}

/** The part of a DOM element this module reads (linkedom's elements satisfy it). */
interface Element {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of a DOM subtree with one line per block element and collapsed spaces. */
export function blockText(root: DomNode): string {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  // iterative walk: deep nesting in hostile HTML must not overflow the stack
  const stack: Array<DomNode | 'end-block'> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'end-block') {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      cur += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push('end-block');
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  flush();
  return lines.join('\n');
}

/** Extract a document from an HTML page. Throws `no-body` when there is no article text. */
export function htmlToDocument(html: string, fallbackId: string | null): DocumentInput {
  if (!/<[a-z!][^<>]*>/i.test(html)) throw new EventwireError('malformed-html', 'input has no HTML tags');
  let parsed: ReturnType<typeof parseHTML>;
  try {
    // the DOM parser is quadratic in nesting depth: a pathologically deep page is flattened first
    parsed = parseHTML(markupDepth(html) > MAX_PARSE_DEPTH ? flattenMarkup(html) : html);
  } catch (err) {
    throw new EventwireError('malformed-html', `cannot parse HTML: ${err instanceof Error ? err.message : err}`);
  }
  const document = parsed.document;
  // e.g. a page that is one unclosed comment: nothing to read
  if (!document.documentElement) throw new EventwireError('no-body', 'HTML page has no elements (unclosed comment?)');
  const meta = readMeta(document);
  const body = document.body as unknown as DomNode | null;
  if (!body || !(body.textContent ?? '').trim()) throw new EventwireError('no-body', 'HTML page has no body text');
  let text = '';
  let title: string | null = meta.title;
  // Readability walks ancestors for every node: on pathologically deep or huge trees it is
  // slow (minutes), so such pages go straight to the plain block text
  if (treeFitsReadability(body)) {
    try {
      // Readability mutates the DOM: give it its own copy
      const copy = parseHTML(html).document;
      const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], {
        charThreshold: 200,
      }).parse();
      if (article?.content) {
        const inner = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document;
        text = blockText(inner.body as unknown as DomNode);
        title = title ?? article.title ?? null;
        meta.date = meta.date ?? dateOf(article.publishedTime ?? null);
        meta.source = meta.source ?? article.siteName ?? null;
      }
    } catch {
      // fall back to the whole body below
    }
  }
  if (text.trim().length < 80) {
    const full = blockText(body);
    if (full.trim().length > text.trim().length) text = full;
  }
  if (!text.trim()) throw new EventwireError('no-body', 'HTML page has no article text');
  return {
    id: fallbackId,
    text,
    title: title ? title.trim() : null,
    date: meta.date,
    source: meta.source,
    url: meta.url,
    meta: {},
  };
}

/** Deepest element nesting parsed as written (real pages stay far below). */
export const MAX_PARSE_DEPTH = 1000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Upper estimate of element nesting depth from the tags alone (unclosed tags count as open). */
export function markupDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(m[2].toLowerCase())) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

/** The page without nesting: head kept, scripts, styles and comments dropped, block tags as line
 * breaks, other tags removed (entities are left for the parser). */
export function flattenMarkup(html: string): string {
  const lower = html.toLowerCase();
  const headStart = lower.indexOf('<head');
  const headEnd = headStart >= 0 ? lower.indexOf('</head>', headStart) : -1;
  const head = headEnd >= 0 ? html.slice(headStart, headEnd + 7) : '';
  const body = (headEnd >= 0 ? html.slice(0, headStart) + html.slice(headEnd + 7) : html)
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?([a-zA-Z][\w:-]*)[^<>]*>/g, (_, name: string) => (BLOCK.has(name.toUpperCase()) ? '<br>' : ' '));
  return `<!doctype html><html>${head}<body>${body}</body></html>`;
}

/** Limits for the Readability pass (a real article page is far below both). */
export const READABILITY_MAX_DEPTH = 200;
export const READABILITY_MAX_ELEMENTS = 20000;

/** Whether a DOM tree is shallow and small enough for Readability. */
export function treeFitsReadability(root: DomNode): boolean {
  const stack: Array<[DomNode, number]> = [[root, 0]];
  let elements = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node.nodeType !== 1) continue;
    if (++elements > READABILITY_MAX_ELEMENTS || depth > READABILITY_MAX_DEPTH) return false;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) stack.push([kids[i], depth + 1]);
  }
  return true;
}

interface PageMeta {
  title: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
}

const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'datePublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'date',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'og:updated_time',
];

function readMeta(document: ReturnType<typeof parseHTML>['document']): PageMeta {
  const byName = new Map<string, string>();
  for (const m of Array.from(document.querySelectorAll('meta')) as Element[]) {
    const key = (
      m.getAttribute('property') ??
      m.getAttribute('name') ??
      m.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    const content = m.getAttribute('content');
    if (key && content && !byName.has(key)) byName.set(key, content);
  }
  let date: string | null = null;
  for (const k of DATE_META) {
    date = dateOf(byName.get(k.toLowerCase()) ?? null);
    if (date) break;
  }
  if (!date) {
    for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]')) as Element[]) {
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(s.textContent ?? '');
      if (m) date = dateOf(m[1]);
      if (date) break;
    }
  }
  if (!date) {
    const t = document.querySelector('time[datetime]');
    if (t) date = dateOf(t.getAttribute('datetime'));
  }
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const titleTag = document.querySelector('title')?.textContent ?? null;
  return {
    title: byName.get('og:title') ?? byName.get('twitter:title') ?? (titleTag?.trim() || null),
    date,
    source: byName.get('og:site_name') ?? null,
    url: byName.get('og:url') ?? canonical,
  };
}

/** YYYY-MM-DD from an ISO-like timestamp, or null. */
function dateOf(v: string | null): string | null {
  if (!v) return null;
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m || !isValidDay(+m[1], +m[2], +m[3])) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
