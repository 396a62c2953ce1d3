// `eventwire code --explain`: a readable account, sentence by sentence, of what each stage
// found (tokens with their parse, entities, actors, times, places, quotes, events) and the
// notes stages left on why something was or was not coded.
import type { Doc } from '../doc/doc.js';
import { sentenceTokens } from '../doc/doc.js';
import type { Span } from '../doc/types.js';

const inSentence = (s: Span, x: Span) => x.start >= s.start && x.end <= s.end;

export function explainDocument(doc: Doc): string {
  const lines: string[] = [`# ${doc.id}  date=${doc.date ?? 'null'}  stages=${doc.layers.join(',')}`];
  if (doc.dateline) lines.push(`dateline: ${JSON.stringify(doc.text.slice(doc.dateline.start, doc.dateline.end))}`);
  doc.sentences.forEach((s, i) => {
    lines.push('', `[${i}] ${doc.text.slice(s.start, s.end)}`);
    const [a, b] = sentenceTokens(doc, i);
    if (doc.tokens.slice(a, b).some((t) => t.pos)) {
      for (let k = a; k < b; k++) {
        const t = doc.tokens[k];
        const head = t.head === undefined ? '' : t.head < 0 ? 'ROOT' : `${doc.tokens[t.head].text}#${t.head - a + 1}`;
        lines.push(`    ${k - a + 1}\t${t.text}\t${t.lemma ?? ''}\t${t.pos ?? ''}\t${t.dep ?? ''}\t${head}`);
      }
    }
    for (const e of doc.entities.filter((x) => inSentence(s, x))) lines.push(`  entity  ${e.type} "${e.text}"`);
    for (const actor of doc.actors)
      for (const m of actor.mentions.filter((x) => inSentence(s, x)))
        lines.push(`  actor   ${actor.id} ${actor.code ?? '-'} "${doc.text.slice(m.start, m.end)}" (${actor.name})`);
    for (const t of doc.times.filter((x) => inSentence(s, x)))
      lines.push(`  time    ${t.type} "${t.text}" = ${t.value}`);
    for (const p of doc.places.filter((x) => inSentence(s, x)))
      lines.push(`  place   "${p.text}" = ${p.name}, ${p.country ?? '?'} (${p.lat}, ${p.lon})`);
    for (const q of doc.quotes.filter((x) => x.start >= s.start && x.start < s.end))
      lines.push(
        `  quote   ${q.kind} by ${q.speaker?.name ?? '?'}: "${q.text.slice(0, 80)}${q.text.length > 80 ? '…' : ''}"`,
      );
    for (const e of doc.events.filter((x) => x.sentence === i))
      lines.push(
        `  event   ${e.code} ${e.label}: ${e.source?.code ?? '-'} -> ${e.target?.code ?? '-'} "${e.trigger?.text ?? ''}" date=${e.date}${e.negated ? ' NEGATED' : ''}${e.hypothetical ? ' HYPOTHETICAL' : ''}${e.rule ? ` rule=${e.rule}` : ''}`,
      );
    for (const n of doc.explain.filter((x) => x.sentence === i)) lines.push(`  why     [${n.stage}] ${n.message}`);
  });
  return `${lines.join('\n')}\n\n`;
}
