// CPU time per thread of an ingest run, or of the bare pipeline on the same documents, read
// from /proc (Linux): where the CPU goes (coding workers, the main thread storing, V8's helper
// threads). Not registered in run.ts; usage: npx tsx bench/threads.ts [DOCS] [bare]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../src/ingest/ingest.js';
import { spawnWorker } from '../src/ingest/spawn.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { repeatedSample, writeJsonl } from '../test/fixtures/samples.js';

const TICK_MS = 10; // USER_HZ = 100
/** Latest CPU time seen per thread id (threads that exit keep their last reading). */
const seen = new Map<string, { name: string; ms: number }>();
function sample(): void {
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim();
      seen.set(t, { name, ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // the thread ended between listing and reading
    }
  }
}

const n = Number(process.argv[2]) || 2000;
const bare = process.argv.includes('bare');
const dir = mkdtempSync(join(tmpdir(), 'ew-threads-'));
const inputs = repeatedSample(n);
const file = join(dir, 'docs.jsonl');
writeJsonl(file, inputs);
sample();
const before = new Map([...seen].map(([k, v]) => [k, v.ms]));
const timer = setInterval(sample, 100);
const t0 = performance.now();
if (bare) {
  await Promise.all(
    [0, 1].map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const share = inputs.filter((_, i) => i % 2 === w);
          const worker = spawnWorker(new URL('./bare-worker.ts', import.meta.url), { workerData: { inputs: share } });
          worker.once('message', () => {
            sample();
            worker.terminate().then(() => resolve());
          });
          worker.once('error', reject);
        }),
    ),
  );
} else {
  const store = new SqliteStore(join(dir, 's.db'));
  await runIngest([file], { store, workers: 2, progress: null });
  sample();
  await store.close();
}
clearInterval(timer);
const wall = performance.now() - t0;
let total = 0;
const rows: Array<[string, number]> = [];
for (const [tid, v] of seen) {
  const ms = v.ms - (before.get(tid) ?? 0);
  if (ms <= 0) continue;
  total += ms;
  rows.push([tid === String(process.pid) ? 'main' : `${v.name} ${tid}`, ms]);
}
console.log(
  `${bare ? 'bare pipeline' : 'ingest'}: ${n} documents, 2 workers, ${(wall / n).toFixed(2)} ms/document wall`,
);
for (const [k, ms] of rows.sort((a, b) => b[1] - a[1]))
  console.log(`  ${k.padEnd(16)} ${(ms / n).toFixed(3)} ms CPU/document`);
console.log(`  ${'all threads'.padEnd(16)} ${(total / n).toFixed(3)} ms CPU/document`);
rmSync(dir, { recursive: true, force: true });
