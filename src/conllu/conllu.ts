// CoNLL-U reading and writing (UD v2). Multiword-token lines (1-2) and empty nodes (8.1) are
// kept as lines so a round trip preserves them; `words` holds the syntactic words only.

export interface ConlluWord {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

export interface ConlluMultiword {
  /** First and last word ids covered ("3-4"). */
  first: number;
  last: number;
  form: string;
  misc: string;
}

export interface ConlluSentence {
  /** Comment lines, without the leading "# ". */
  comments: string[];
  words: ConlluWord[];
  multiwords: ConlluMultiword[];
  /** Every non-comment line in order, raw (for faithful output). */
  lines: string[];
}

/** Value of a "# key = value" comment. */
export function comment(s: ConlluSentence, key: string): string | null {
  const prefix = `${key} =`;
  for (const c of s.comments) if (c.startsWith(prefix)) return c.slice(prefix.length).trim();
  return null;
}

export function* parseConllu(text: string): Generator<ConlluSentence> {
  let cur: ConlluSentence = { comments: [], words: [], multiwords: [], lines: [] };
  const lines = text.split('\n');
  for (let raw of lines) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') {
      if (cur.words.length || cur.comments.length) yield cur;
      cur = { comments: [], words: [], multiwords: [], lines: [] };
      continue;
    }
    if (raw.startsWith('#')) {
      cur.comments.push(raw.replace(/^#\s?/, ''));
      continue;
    }
    cur.lines.push(raw);
    const cols = raw.split('\t');
    const id = cols[0];
    if (id.includes('.')) continue; // empty node
    if (id.includes('-')) {
      const [a, b] = id.split('-').map(Number);
      cur.multiwords.push({ first: a, last: b, form: cols[1] ?? '', misc: cols[9] ?? '_' });
      continue;
    }
    cur.words.push({
      id: Number(id),
      form: cols[1] ?? '',
      lemma: cols[2] ?? '_',
      upos: cols[3] ?? '_',
      xpos: cols[4] ?? '_',
      feats: cols[5] ?? '_',
      head: cols[6] === '_' || cols[6] === undefined ? -1 : Number(cols[6]),
      deprel: cols[7] ?? '_',
      deps: cols[8] ?? '_',
      misc: cols[9] ?? '_',
    });
  }
  if (cur.words.length || cur.comments.length) yield cur;
}

/** Whether a word or multiword token is followed by no space (MISC SpaceAfter=No). */
export function noSpaceAfter(misc: string): boolean {
  return misc.split('|').includes('SpaceAfter=No');
}

/** The first problem that makes `text` unreadable as CoNLL-U, or null. */
export function conlluProblem(text: string): string | null {
  if (text.trim() === '') return 'the file is empty';
  if (text.indexOf('\u0000') >= 0) return 'the file is binary';
  const lines = text.split('\n');
  let expect = 1;
  let words = 0;
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') {
      expect = 1;
      continue;
    }
    if (raw.startsWith('#')) continue;
    const cols = raw.split('\t');
    if (cols.length !== 10) return `line ${i + 1}: expected 10 tab-separated columns, found ${cols.length}`;
    const id = cols[0];
    if (/^\d+-\d+$/.test(id) || /^\d+\.\d+$/.test(id)) continue;
    if (!/^\d+$/.test(id)) return `line ${i + 1}: bad ID "${id.slice(0, 20)}"`;
    if (Number(id) !== expect) return `line ${i + 1}: word ID ${id} out of order (expected ${expect})`;
    expect++;
    words++;
  }
  return words === 0 ? 'no word lines found' : null;
}

/** One sentence as CoNLL-U text (comments, then lines; `words` replaces the word lines). */
export function formatConlluSentence(s: ConlluSentence, words: readonly ConlluWord[] = s.words): string {
  const out: string[] = s.comments.map((c) => `# ${c}`);
  let w = 0;
  for (const line of s.lines) {
    const id = line.slice(0, line.indexOf('\t'));
    if (/^\d+$/.test(id) && w < words.length) {
      const x = words[w++];
      out.push(
        [x.id, x.form, x.lemma, x.upos, x.xpos, x.feats, x.head < 0 ? '_' : x.head, x.deprel, x.deps, x.misc].join(
          '\t',
        ),
      );
    } else out.push(line);
  }
  return `${out.join('\n')}\n\n`;
}
