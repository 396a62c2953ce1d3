// Shared helpers of the benchmarks: machine details, tables, and recording results in
// bench/RESULTS.md (one section per benchmark, replaced on each --record).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = join(benchDir, '..');

export function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'} (${c.length} cores), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export function table(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Replace (or add) the section `## name` of bench/RESULTS.md. */
export function record(name: string, command: string, body: string): void {
  const path = join(benchDir, 'RESULTS.md');
  const head =
    '# Benchmark results\n\nMeasured with `npm run bench -- <name> --record`; each section is replaced when re-run.\n';
  let text = existsSync(path) ? readFileSync(path, 'utf8') : head;
  const section = `## ${name}\n\n${new Date().toISOString().slice(0, 10)} on ${machine()}\n\nCommand: \`${command}\`\n\n\`\`\`\n${body}\n\`\`\`\n`;
  const re = new RegExp(`## ${name}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section.trimEnd()) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(path, `${text.trimEnd()}\n`);
}

export interface Bench {
  name: string;
  title: string;
  run(args: string[]): Promise<string>;
}
