// A throwaway PostgreSQL server for fault tests: its own data folder and port on 127.0.0.1,
// so a test can restart it without disturbing the shared server other tests use. Needs the
// server binaries (initdb, pg_ctl); as root they run as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin/initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  url: string;
  restart(): void;
  stop(): void;
}

/** Start a private server, or explain why not (the caller skips). */
export async function startCluster(): Promise<Cluster | string> {
  const bin = binDir();
  if (!bin) return 'PostgreSQL server binaries (initdb, pg_ctl) not found';
  const root = process.getuid?.() === 0;
  let uid: number | null = null;
  let gid: number | null = null;
  if (root) {
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      return 'running as root and there is no postgres user to run the server as';
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ew-pg-'));
  if (uid !== null && gid !== null) chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[], timeout = 60_000) => {
    const full = join(bin, cmd);
    const argv = root ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
    execFileSync(argv[0] as string, argv[1] as string[], { stdio: 'pipe', timeout });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `could not start a private PostgreSQL server: ${err instanceof Error ? err.message : err}`;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // -l again: without it the restarted server would write to (and hold open) our pipe
    restart: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-m', 'fast', '-w', '-t', '60', 'restart']),
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
