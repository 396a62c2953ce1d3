// `eventwire ingest SOURCE...`: files, folders (recursive), JSONL, HTML, RSS/Atom feeds and
// plain text, coded on every core and stored (default ./eventwire.db). Resumable: re-running
// skips what is stored. Exit 0 when every document was coded, 1 when some failed, 130 when
// interrupted (what was committed stays; re-run to finish).
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option } from 'commander';
import { EventwireError } from '../errors.js';
import { EXIT_FAILED, EXIT_OK, packageVersion, parseByteSize, parseDateOption, registerCommand } from './main.js';

export const EXIT_INTERRUPTED = 130;

function parseWorkers(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('expected a number of workers, 0-256');
  return n;
}

registerCommand((program, setExit) => {
  program
    .command('ingest')
    .description('read files, folders, JSONL, HTML pages and RSS/Atom feeds; code them and store them (resumable)')
    .argument('<sources...>', 'files or folders ("-" reads JSONL from stdin)')
    .option('--store <path|url>', 'store: SQLite file or postgres:// URL (default ./eventwire.db, or $EVENTWIRE_STORE)')
    .addOption(
      new Option(
        '--input <format>',
        'input format (default: by extension; .jsonl=jsonl, .html=html, .rss/.atom/.xml=feed, else text)',
      ).choices(['text', 'jsonl', 'html', 'feed']),
    )
    .option('--date <YYYY-MM-DD>', 'publication date of text/html input', parseDateOption)
    .option('--workers <n>', 'coding threads (default: one per core; 0 codes in the main thread)', parseWorkers)
    .option('--max-bytes <size>', 'largest document accepted', parseByteSize, 10 * 1024 * 1024)
    .option('--preset <name>', 'pipeline preset (full, or text for a fast text-only pass)', 'full')
    .option('--recode', 'code again documents that are already stored unchanged')
    .option('--enqueue', 'put the documents on the PostgreSQL work queue for `eventwire worker` instead of coding them')
    .option('--quiet', 'no progress output')
    .action(async (sources: string[], opts) => {
      const { openStore, storeLocation } = await import('../store/index.js');
      const { runIngest, pipelineSignature } = await import('../ingest/ingest.js');
      const { PRESETS } = await import('../pipeline/presets.js');
      if (!Object.hasOwn(PRESETS, opts.preset))
        throw new EventwireError(
          'usage',
          `--preset: unknown preset ${JSON.stringify(opts.preset)} (one of ${Object.keys(PRESETS).join(', ')})`,
        );
      const { Progress } = await import('../ingest/progress.js');
      const location = storeLocation(opts.store);
      if (opts.enqueue) {
        const { runEnqueueCommand } = await import('./worker.js');
        setExit(await runEnqueueCommand(sources, location, opts));
        return;
      }
      const store = await openStore(location);
      const controller = new AbortController();
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals === 1) {
          process.stderr.write(
            '\neventwire: interrupted; finishing the documents in progress (Ctrl-C again to stop now)\n',
          );
          controller.abort();
        } else process.exit(EXIT_INTERRUPTED);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const summary = await runIngest(sources, {
          store,
          input: opts.input,
          date: opts.date ?? null,
          workers: opts.workers ?? availableParallelism(),
          maxBytes: opts.maxBytes,
          recode: opts.recode ?? false,
          preset: opts.preset,
          pipeline: pipelineSignature(opts.preset, packageVersion()),
          signal: controller.signal,
          progress: opts.quiet ? null : new Progress(process.stderr),
        });
        const rate = summary.seconds > 0 ? summary.documents / summary.seconds : 0;
        process.stdout.write(
          `${summary.interrupted ? 'interrupted after' : 'ingested'} ${summary.documents} documents into ${location}: ` +
            `${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed` +
            ` (${summary.seconds.toFixed(1)} s, ${rate.toFixed(0)} documents/s)` +
            (summary.skippedFiles ? `; ${summary.skippedFiles} files of other types skipped` : '') +
            '\n',
        );
        if (summary.interrupted)
          process.stdout.write('re-run the same command to finish; stored documents are skipped\n');
        setExit(summary.interrupted ? EXIT_INTERRUPTED : summary.failed > 0 ? EXIT_FAILED : EXIT_OK);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
});
