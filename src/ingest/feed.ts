// RSS 2.0 / RSS 1.0 (RDF) / Atom feeds to documents: one per item, with its title, link,
// publication date and text (content:encoded, content, description or summary, HTML turned
// into plain text with paragraph breaks). A malformed feed is one clear error naming where.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { contentId } from '../doc/doc.js';
import type { DocumentInput } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import { blockText } from './html.js';
import { looseDate } from './jsonl.js';

export type FeedItem = { ok: true; input: DocumentInput } | { ok: false; id: string | null; error: EventwireError };

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: { enabled: true, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
  isArray: (name) => ['item', 'entry', 'link', 'category', 'atom:link'].includes(name),
});

/** Does this text look like an RSS or Atom document? (for `.xml` files) */
export function looksLikeFeed(head: string): boolean {
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(head.slice(0, 4096));
}

/** Parse a feed; throws `malformed-feed` for XML errors or a document that is not a feed. */
export function parseFeed(xml: string, origin: string): FeedItem[] {
  if (/<!ENTITY/i.test(xml.slice(0, 65536)))
    throw new EventwireError('malformed-feed', `${origin}: feeds with entity declarations are not accepted`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // a truncated or partly broken feed: keep every item that is whole
    const salvaged = salvageFeed(xml, origin);
    if (salvaged) return salvaged;
    throw new EventwireError(
      'malformed-feed',
      `malformed feed: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  let root: XmlNode;
  try {
    root = parser.parse(xml) as XmlNode;
  } catch (err) {
    throw new EventwireError('malformed-feed', `malformed feed: ${err instanceof Error ? err.message : err}`);
  }
  const rss = root.rss as XmlNode | undefined;
  const atom = root.feed as XmlNode | undefined;
  const rdf = root['rdf:RDF'] as XmlNode | undefined;
  if (rss) {
    const channel = (rss.channel ?? {}) as XmlNode;
    return arr(channel.item).map((it) => rssItem(it as XmlNode, text(channel.title)));
  }
  if (rdf) {
    const channel = (rdf.channel ?? {}) as XmlNode;
    return arr(rdf.item).map((it) => rssItem(it as XmlNode, text(channel.title)));
  }
  if (atom) return arr(atom.entry).map((e) => atomEntry(e as XmlNode, text(atom.title)));
  const first = Object.keys(root).find((k) => !k.startsWith('?'));
  throw new EventwireError(
    'malformed-feed',
    `not an RSS or Atom feed (the root element is <${first ?? 'none'}>, expected <rss>, <feed> or <rdf:RDF>)`,
  );
}

/**
 * The items of a feed that is not well-formed as a whole (cut off, or one broken item): each
 * complete `<item>`/`<entry>` is read on its own, a broken or unfinished one becomes a failed
 * item. Null when there is no complete item to read.
 */
function salvageFeed(xml: string, origin: string): FeedItem[] | null {
  const atom = /<feed[\s>]/.test(xml.slice(0, 4096)) && !/<rss[\s>]/.test(xml.slice(0, 4096));
  const tag = atom ? 'entry' : 'item';
  const open = `<${tag}`;
  const close = `</${tag}>`;
  const isOpen = (at: number) => at >= 0 && /[\s>]/.test(xml.charAt(at + open.length));
  let at = xml.indexOf(open);
  while (at >= 0 && !isOpen(at)) at = xml.indexOf(open, at + 1);
  if (at < 0) return null;
  const title = /<title[^<>]*>([^<]*)<\/title>/.exec(xml.slice(0, at))?.[1] ?? '';
  const items: FeedItem[] = [];
  let whole = 0;
  while (at >= 0) {
    const end = xml.indexOf(close, at);
    if (end < 0) {
      items.push({
        ok: false,
        id: null,
        error: new EventwireError('malformed-feed', `${tag} ${items.length + 1} is cut off`),
      });
      break;
    }
    const block = xml.slice(at, end + close.length);
    const wrapped = atom
      ? `<feed><title>${title}</title>${block}</feed>`
      : `<rss><channel><title>${title}</title>${block}</channel></rss>`;
    const valid = XMLValidator.validate(wrapped);
    if (valid === true) {
      items.push(...parseFeed(wrapped, origin));
      whole++;
    } else
      items.push({
        ok: false,
        id: null,
        error: new EventwireError('malformed-feed', `${tag} ${items.length + 1}: ${valid.err.msg}`),
      });
    at = xml.indexOf(open, end);
    while (at >= 0 && !isOpen(at)) at = xml.indexOf(open, at + 1);
  }
  return whole > 0 ? items : null;
}

function arr(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element (plain string, or an object with #text). */
function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as XmlNode)['#text']);
  return null;
}

/** Feed HTML (or plain text) to plain text with one line per block. */
export function feedHtmlToText(s: string): string {
  if (!/<[a-z!/][^>]*>/i.test(s)) return s.replace(/[ \t]+/g, ' ').trim();
  const { document } = parseHTML(`<!doctype html><html><body>${s}</body></html>`);
  return blockText(document.body as unknown as Parameters<typeof blockText>[0]);
}

/** RFC 822 ("Tue, 14 Aug 2007 10:00:00 GMT") or ISO 8601 to YYYY-MM-DD, as written (no zone shift). */
export function feedDate(v: string | null): string | null {
  return looseDate(v) ?? null;
}

function rssItem(it: XmlNode, feedTitle: string | null): FeedItem {
  const title = text(it.title);
  const link = text(it.link) ?? atomLink(it['atom:link']);
  const guid = text(it.guid);
  const body = text(it['content:encoded']) ?? text(it.description) ?? text(it['dc:description']);
  const date = feedDate(text(it.pubDate) ?? text(it['dc:date']) ?? text(it.published) ?? text(it.updated));
  const author = text(it.author) ?? text(it['dc:creator']);
  return toItem({ guid, link, title, body, date, feedTitle, author, categories: arr(it.category).map(text) });
}

function atomLink(links: unknown): string | null {
  const list = arr(links) as XmlNode[];
  const alt = list.find((l) => typeof l === 'object' && (!l['@_rel'] || l['@_rel'] === 'alternate')) ?? list[0];
  if (!alt) return null;
  if (typeof alt === 'string') return alt;
  return (alt['@_href'] as string | undefined) ?? text(alt);
}

function atomEntry(e: XmlNode, feedTitle: string | null): FeedItem {
  const author = e.author && typeof e.author === 'object' ? text((e.author as XmlNode).name) : text(e.author);
  return toItem({
    guid: text(e.id),
    link: atomLink(e.link),
    title: text(e.title),
    body: text(e.content) ?? text(e.summary),
    date: feedDate(text(e.published) ?? text(e.updated)),
    feedTitle,
    author,
    categories: arr(e.category).map((c) =>
      c && typeof c === 'object' ? ((c as XmlNode)['@_term'] as string) : text(c),
    ),
  });
}

function toItem(f: {
  guid: string | null;
  link: string | null;
  title: string | null;
  body: string | null;
  date: string | null;
  feedTitle: string | null;
  author: string | null;
  categories: Array<string | null | undefined>;
}): FeedItem {
  const id = f.guid ?? f.link;
  const body = f.body ? feedHtmlToText(f.body) : '';
  if (!body.trim()) return { ok: false, id, error: new EventwireError('empty', 'feed item has no text') };
  const title = f.title ? feedHtmlToText(f.title) : null;
  const meta: Record<string, unknown> = {};
  if (f.author) meta.author = f.author;
  const cats = f.categories.filter((c): c is string => !!c);
  if (cats.length) meta.categories = cats;
  return {
    ok: true,
    input: {
      id: id ?? contentId(body),
      text: body,
      title,
      date: f.date,
      source: f.feedTitle,
      url: f.link,
      meta,
    },
  };
}
