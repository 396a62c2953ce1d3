// `eventwire export`: write stored events, documents or stories as CSV, JSONL, GDELT-style
// TSV, PLOVER JSONL or Parquet, to --out FILE or stdout (text formats).
import { Option } from 'commander';
import { EventwireError } from '../errors.js';
import { EXIT_OK, packageVersion, parseDateOption, registerCommand } from './main.js';

registerCommand((program, setExit) => {
  program
    .command('export')
    .description('write stored events, documents or stories as CSV, JSONL, GDELT-style TSV, PLOVER JSONL or Parquet')
    .option('--store <path|url>', 'store: SQLite file or postgres:// URL (default ./eventwire.db, or $EVENTWIRE_STORE)')
    .addOption(
      new Option('--what <rows>', 'what to export').choices(['events', 'documents', 'stories']).default('events'),
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['csv', 'jsonl', 'gdelt', 'plover', 'parquet'])
        .default('csv'),
    )
    .option('--out <file>', 'output file (default: stdout for text formats)')
    .option(
      '--from <YYYY-MM-DD>',
      'first date (event date for events, publication date for documents)',
      parseDateOption,
    )
    .option('--to <YYYY-MM-DD>', 'last date', parseDateOption)
    .option('--source <code>', 'events: source actor code (a trailing * matches a prefix)')
    .option('--target <code>', 'events: target actor code')
    .option('--code <code>', 'events: CAMEO event code (a trailing * matches a prefix)')
    .option('--country <ISO3>', 'events: country of the event location')
    .option('--unique', 'events: one row per unique event (near-duplicate copies left out; GDELT counts in every row)')
    .exitOverride()
    .action(async (opts) => {
      const { checkExport, runExport } = await import('../export/export.js');
      const { openStore, storeLocation } = await import('../store/index.js');
      checkExport(opts.what, opts.format, !!opts.out);
      const location = storeLocation(opts.store);
      const store = await openStore(location, { readonly: true });
      let out: import('node:stream').Writable = process.stdout;
      let fileStream: import('node:fs').WriteStream | null = null;
      try {
        if (opts.out && opts.format !== 'parquet') {
          const { createWriteStream } = await import('node:fs');
          fileStream = createWriteStream(opts.out);
          await new Promise<void>((resolve, reject) => {
            fileStream!.once('open', () => resolve());
            fileStream!.once('error', (e) =>
              reject(new EventwireError('io', `cannot write ${opts.out}: ${e.message}`)),
            );
          });
          out = fileStream;
        }
        // a reader that stops early (`| head`) is not an error
        let closed = false;
        process.stdout.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPIPE') closed = true;
        });
        const n = await runExport(store, {
          what: opts.what,
          format: opts.format,
          out,
          file: opts.format === 'parquet' ? opts.out : undefined,
          from: opts.from,
          to: opts.to,
          events: {
            from: opts.from,
            to: opts.to,
            source: opts.source,
            target: opts.target,
            code: opts.code,
            country: opts.country,
            unique: opts.unique ? true : undefined,
          },
          coder: `eventwire ${packageVersion()}`,
        }).catch((e: NodeJS.ErrnoException) => {
          if (closed || e.code === 'EPIPE') return 0;
          throw e;
        });
        if (fileStream) {
          await new Promise<void>((resolve) => fileStream!.end(() => resolve()));
          process.stderr.write(`wrote ${n} ${opts.what} rows to ${opts.out}\n`);
        } else if (opts.out) process.stderr.write(`wrote ${n} ${opts.what} rows to ${opts.out}\n`);
        setExit(EXIT_OK);
      } finally {
        await store.close();
      }
    });
});
