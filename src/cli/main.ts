// The `eventwire` command line. Exit codes (SPEC.md): 0 all documents coded, 1 some failed,
// 2 usage error. Bad input never prints a stack trace.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describeError, EventwireError } from '../errors.js';
import { normalizeDate } from '../ingest/jsonl.js';
import { runCode } from './code.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(join(here, up), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'eventwire' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

export function parseDateOption(v: string): string {
  try {
    const d = normalizeDate(v, '--date');
    if (!d || d !== v.trim()) throw new Error();
    return d;
  } catch {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
}

export function parseByteSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500k, 20m or 1g');
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}

/** Subcommands register themselves here (the later stages' commands add to this list). */
export type CommandInstaller = (program: Command, setExit: (code: number) => void) => void;
const installers: CommandInstaller[] = [];
export function registerCommand(install: CommandInstaller): void {
  installers.push(install);
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('eventwire')
    .description(
      'Turn news into checkable event data: who did what to whom, when and where, and who said what.\n' +
        'Every event, quote, actor, time and place comes with the text span that supports it.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('code')
    .description('code documents and print coded documents (JSON per SPEC.md)')
    .argument('[files...]', 'input files; "-" or none reads stdin')
    .addOption(
      new Option(
        '--input <format>',
        'input format (default: by extension; .jsonl=jsonl, .html=html, else text)',
      ).choices(['text', 'jsonl', 'html']),
    )
    .addOption(
      new Option('--output <format>', 'output format (default: json for one document, jsonl for several)').choices([
        'json',
        'jsonl',
        'events-tsv',
      ]),
    )
    .option(
      '--date <YYYY-MM-DD>',
      'publication date of text/html input (relative times resolve against it)',
      parseDateOption,
    )
    .option('--explain', 'print, per sentence, the parse, actors, and why each event was or was not coded')
    .option('--tokens', 'include the token layer (POS, lemma, dependency parse) in JSON output')
    .option('--max-bytes <size>', 'largest document accepted', parseByteSize, 10 * 1024 * 1024)
    .exitOverride()
    .action(async (files: string[], opts) => {
      const summary = await runCode(files, {
        input: opts.input,
        output: opts.output,
        date: opts.date ?? null,
        explain: opts.explain ?? false,
        tokens: opts.tokens ?? false,
        maxBytes: opts.maxBytes,
      });
      setExit(summary.failed > 0 ? EXIT_FAILED : EXIT_OK);
    });

  for (const install of installers) install(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // load optional command modules (each calls registerCommand)
  await import('./commands.js');
  let exit = EXIT_OK;
  // the reader went away (`eventwire code big.jsonl | head`): stop quietly, as Unix tools do
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(exit);
    throw err;
  });
  const program = buildProgram((code) => {
    exit = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; everything else is a usage error
      exit =
        err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
          ? EXIT_OK
          : EXIT_USAGE;
      if (err.code === 'commander.help') exit = EXIT_OK;
    } else if (err instanceof EventwireError && err.code === 'usage') {
      process.stderr.write(`eventwire: ${err.message}\n`);
      exit = EXIT_USAGE;
    } else {
      const d = describeError(err);
      process.stderr.write(`eventwire: ${d.code}: ${d.message}\n`);
      exit = EXIT_FAILED;
    }
  }
  process.exitCode = exit;
}
