// Matching keys shared by the knowledge base and the document side: lower case, no
// diacritics, no periods ("U.S." = "US" = "us"), straight apostrophes. Hyphens separate
// words ("Kim Jong-il" = "Kim Jong Il") and are skipped when a name is matched.

const MARKS = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** The matching key of one token's text. */
export function tokenKey(text: string): string {
  let s = text;
  // one pass over the characters decides what needs doing (most tokens: nothing, or lower case)
  let upper = false;
  let other = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 128 || c === 46 || c === 96) other = true;
  }
  if (!other) return upper ? s.toLowerCase() : s;
  if (NON_ASCII.test(s))
    s = s
      .normalize('NFD')
      .replace(MARKS, '')
      .replace(/[’‘ʼ`]/g, "'");
  s = s.toLowerCase();
  if (s.length > 1 && s.indexOf('.') >= 0) {
    const stripped = s.replace(/\./g, '');
    if (stripped !== '') s = stripped;
  }
  return s;
}

const PUNCT_SPLIT = /([,()/&:;"])/g;

/** The token keys of a knowledge-base phrase, split the way the tokenizer splits text. */
const SIMPLE = /^[A-Za-z]+( [A-Za-z]+)*$/;

export function phraseKeys(phrase: string): string[] {
  // fast path: plain words separated by single blanks (most names)
  if (SIMPLE.test(phrase)) return phrase.toLowerCase().split(' ');
  const out: string[] = [];
  const spaced = phrase.replace(PUNCT_SPLIT, ' $1 ').replace(/[-‐–—_]/g, ' ');
  for (const piece of spaced.split(/\s+/)) {
    if (piece === '') continue;
    const k = tokenKey(piece);
    if (k === '') continue;
    // "PEOPLE'S" -> "people" "'s"; "WORKERS'" -> "workers" "'"
    if (k.length > 2 && k.endsWith("'s")) out.push(k.slice(0, -2), "'s");
    else if (k.length > 2 && k.endsWith("'") && k.indexOf("'") === k.length - 1) out.push(k.slice(0, -1), "'");
    else out.push(k);
  }
  return out;
}

/** Tokens that are skipped inside a name ("Kim Jong - il"). */
export function isJoiner(key: string): boolean {
  return key === '-' || key === '‐' || key === '–';
}
