// `eventwire serve`: the HTTP API (OpenAPI at /openapi.json) and the web UI over a store.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from 'commander';
import { packageVersion, registerCommand } from './main.js';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0-65535');
  return n;
}

/** The built UI (web/dist) next to src/ or dist/. */
export function defaultWebDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../web/dist', '../../../web/dist']) {
    const p = join(here, up);
    if (existsSync(join(p, 'index.html'))) return p;
  }
  return null;
}

registerCommand((program) => {
  program
    .command('serve')
    .description('HTTP API and web UI over a store (default http://127.0.0.1:8080)')
    .option('--store <path|url>', 'store: SQLite file or postgres:// URL (default ./eventwire.db, or $EVENTWIRE_STORE)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--quiet', 'do not log requests')
    .action(async (opts) => {
      const { openStore, storeLocation } = await import('../store/index.js');
      const { buildApp } = await import('../server/app.js');
      const location = storeLocation(opts.store);
      // serving an empty new store is fine: it shows what to ingest
      const store = await openStore(location);
      // load the pipeline before listening: /api/health answers once everything is ready
      const { createPipeline } = await import('../pipeline/presets.js');
      const pipeline = createPipeline('full');
      const app = await buildApp({
        pipeline,
        store,
        webDir: defaultWebDir(),
        version: packageVersion(),
        log: opts.quiet ? null : (line) => process.stderr.write(`${line}\n`),
      });
      const address = await app.listen({ host: opts.host, port: opts.port });
      const stats = await store.stats();
      process.stderr.write(
        `eventwire: serving ${location} (${stats.documents} documents, ${stats.events} events) at ${address.replace('http://[::1]', 'http://localhost')}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          app
            .close()
            .then(() => store.close())
            .finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
});
