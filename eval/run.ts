// `npm run eval [-- component...] [--sample N] [--json]`: run the pipeline over the
// development data in ../shared/data and print, per component, the metric its README names.
import { COMPONENTS } from './components/index.js';
import { type EvalResult, hasShared, sharedDir } from './lib.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sampleAt = args.indexOf('--sample');
const sample = sampleAt >= 0 ? Number(args[sampleAt + 1]) : undefined;
const names = args.filter((a, i) => !a.startsWith('--') && !(sampleAt >= 0 && i === sampleAt + 1));
const unknown = names.filter((n) => !COMPONENTS.some((c) => c.name === n));
if (unknown.length) {
  console.error(`unknown component(s): ${unknown.join(', ')}; known: ${COMPONENTS.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
if (!hasShared('data')) {
  console.error(`development data not found at ${sharedDir()}/data (set EVENTWIRE_SHARED)`);
  process.exit(2);
}

const fmt = (v: number | null) => (v === null ? '-' : Math.abs(v) <= 1 ? v.toFixed(4) : v.toFixed(2));
const all: Array<EvalResult & { component: string }> = [];
for (const c of COMPONENTS) {
  if (names.length && !names.includes(c.name)) continue;
  if (!json) console.log(`\n== ${c.name}: ${c.title}`);
  if (!c.run) {
    if (!json) console.log('   not implemented');
    continue;
  }
  const t0 = performance.now();
  const results = await c.run({ sample });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  for (const r of results) {
    all.push({ component: c.name, ...r });
    if (!json)
      console.log(
        `   ${r.dataset.padEnd(34)} ${r.metric.padEnd(30)} ${fmt(r.value).padStart(8)}${r.n !== undefined ? `  n=${r.n}` : ''}${r.note ? `  ${r.note}` : ''}`,
      );
  }
  if (!json) console.log(`   (${secs} s)`);
}
if (json) console.log(JSON.stringify(all, null, 2));
