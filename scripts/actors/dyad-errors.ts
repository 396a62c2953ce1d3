// Error analysis of event dyads on the PLOVER GSR dev records (../shared, CC BY-SA, not copied):
// for every sentence, the gold event's source/target spans and codes, and the coded events of
// the gold PLOVER type (or all events when none has it), with the mentions they were read from.
// `npx tsx scripts/actors/dyad-errors.ts [--all]`
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../eval/lib.js';
import { createPipeline } from '../../src/pipeline/presets.js';

const all = process.argv.includes('--all');
const recs = readFileSync(sharedPath('data/cameo-dev/plover-gsr-dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const p = createPipeline('full');
for (const r of recs) {
  const doc = p.run({ id: r.id, text: r.text, date: null });
  const g = r.events[0];
  const evs = doc.events.filter((e) => !e.negated && !e.hypothetical && e.plover?.event);
  const same = evs.filter((e) => e.plover!.event === g.plover);
  const ctry = (s: (typeof evs)[0]['source']) => {
    const a = s?.actor ? doc.actors.find((x) => x.id === s.actor) : null;
    return a?.country ?? s?.code?.slice(0, 3) ?? null;
  };
  const gs = new Set(g.sources.map((x: { country: string }) => x.country));
  const gt = new Set(g.targets.map((x: { country: string }) => x.country));
  const ok = same.some((e) =>
    g.reciprocal || !g.targets.length
      ? [...gs, ...gt].includes(ctry(e.source))
      : gs.has(ctry(e.source)) && gt.has(ctry(e.target)),
  );
  if (!all && (ok || !same.length)) continue;
  console.log(
    `\n${r.id} [${same.length ? (ok ? 'OK' : 'DYAD') : 'TYPE'}] ${g.plover} ${g.cameo}${g.reciprocal ? ' recip' : ''}`,
  );
  console.log(`  ${r.text}`);
  const fmt = (xs: Array<{ text: string; code: string }>) => xs.map((x) => `"${x.text}"=${x.code}`).join(' + ');
  console.log(`  gold: ${fmt(g.sources)} -> ${fmt(g.targets)}`);
  for (const e of same.length ? same : evs)
    console.log(
      `  got ${e.code} ${e.rule}: "${e.source?.name}"=${e.source?.code} -> "${e.target?.name ?? '-'}"=${e.target?.code ?? '-'} trig "${e.trigger?.text}"`,
    );
  console.log(
    `  actors: ${doc.actors.map((a) => `${a.mentions.map((m) => `"${doc.text.slice(m.start, m.end)}"`).join('/')}=${a.code ?? a.country ?? '?'}`).join('; ')}`,
  );
}
