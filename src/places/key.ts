// The lookup key of a place name: case, accents, dash and space variants folded, so that
// "Ulan-Bator", "ULAN BATOR" and "Ulan Bator" meet, and "Zürich" meets "Zurich".
// The same function builds the gazetteer index and looks text up in it.

const MARKS = /\p{M}+/gu;
const DASHES = /[\u2010-\u2015\u2212-]/g;
const QUOTES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const SPACES = /\s+/g;

/** Fold a name to its gazetteer key. */
export function placeKey(name: string): string {
  let s = name;
  // fast path for plain ASCII without dashes, curly quotes or double spaces
  if (!/[^\x20-\x7e]|-|\s\s/.test(s)) return s.toLowerCase().trim();
  s = s.normalize('NFD').replace(MARKS, '');
  s = s.replace(DASHES, ' ').replace(QUOTES, "'").replace(SPACES, ' ');
  // letters that NFD does not decompose
  s = s.replace(/[ßøØłŁđĐæÆœŒıİ]/g, (c) => FOLD[c] ?? c);
  return s.toLowerCase().trim();
}

const FOLD: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ı: 'i',
  İ: 'I',
};

/** 32-bit FNV-1a over the UTF-16 code units of `s`. */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
