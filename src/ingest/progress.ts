// Progress of a long ingest on stderr: a bar with rate and ETA on a terminal, a plain line
// every few seconds otherwise (logs, CI). ETA comes from the share of input bytes read.
import type { Writable } from 'node:stream';

export interface ProgressState {
  documents: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  bytesDone: number;
  /** Total input bytes, or null when unknown (stdin). */
  bytesTotal: number | null;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(r).padStart(2, '0')}s` : `${r}s`;
}

export class Progress {
  private readonly start = performance.now();
  private last = 0;
  private drawn = false;

  constructor(
    private readonly out: Writable & { isTTY?: boolean; columns?: number },
    private readonly enabled = true,
    private readonly plainEveryMs = 5000,
  ) {}

  get tty(): boolean {
    return this.out.isTTY === true;
  }

  update(s: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    const every = this.tty ? 100 : this.plainEveryMs;
    if (!force && now - this.last < every) return;
    this.last = now;
    const elapsed = (now - this.start) / 1000;
    const rate = elapsed > 0 ? s.documents / elapsed : 0;
    const frac = s.bytesTotal ? Math.min(1, s.bytesDone / s.bytesTotal) : null;
    const eta = frac && frac > 0.001 ? (elapsed * (1 - frac)) / frac : Number.NaN;
    const counts = `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed`;
    if (this.tty) {
      const width = 24;
      const filled = frac === null ? 0 : Math.round(frac * width);
      const bar =
        frac === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% `;
      const line = `${bar}${s.documents} docs (${counts}) ${rate.toFixed(0)}/s ETA ${frac === null ? '?' : formatDuration(eta)}`;
      const cols = this.out.columns ?? 120;
      this.out.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length + 4))}`);
      this.drawn = true;
    } else {
      const pct = frac === null ? '' : `, ${(frac * 100).toFixed(0)}% of input, ETA ${formatDuration(eta)}`;
      this.out.write(`ingest: ${s.documents} documents (${counts}), ${rate.toFixed(0)}/s${pct}\n`);
    }
  }

  /** End the bar's line so the next output starts clean. */
  done(): void {
    if (this.drawn && this.tty) this.out.write('\n');
    this.drawn = false;
  }
}
