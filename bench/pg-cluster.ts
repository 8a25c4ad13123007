// A throwaway PostgreSQL cluster for the benchmark: initdb into a fresh directory under workDir, listen on
// 127.0.0.1 only (trust auth, no Unix socket), run the caller's work, then stop the server and delete the
// directory, whatever happened. Settings favour speed over durability (fsync off) and one core per query.
import { appendFile, chmod, chown, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CommandFailedError, runCommand, tryCommand } from './pg-command.ts';
import { ensurePostgis } from './pg-install.ts';

/** Database superuser created by initdb; also the OS user the server runs as when we are root. */
const SUPERUSER = 'postgres';
/** Database every connection uses (initdb creates it). */
const DATABASE = 'postgres';
/** Seconds pg_ctl waits for the server to start or stop. */
const PG_CTL_WAIT_S = '120';
/** Attempts to start on a fresh free port when another process grabbed the chosen one first. */
const PORT_ATTEMPTS = 3;
/** Characters of the server log quoted in a start error. */
const LOG_TAIL = 3000;
const MIB = 1024 * 1024;

export interface ClusterConnection {
  /** TCP port on 127.0.0.1. */
  port: number;
  /** libpq keyword string, for ogr2ogr as `PG:<connectionString>`. */
  connectionString: string;
  /** Runs an SQL script with `psql -X -v ON_ERROR_STOP=1 -At -q`; resolves with its output (rows, `|`-separated). */
  psql(sql: string): Promise<string>;
}

export interface ClusterOptions {
  /** TCP port to listen on; default: a free port chosen by the OS. */
  port?: number;
  /** postgresql.conf `shared_buffers`; default: a quarter of RAM, between 128 MB and 4 GB. */
  sharedBuffers?: string;
}

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    message: string,
    readonly clusterDir: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Creates a cluster in a new directory `workDir/pg-cluster-XXXXXX`, starts it, runs `fn`, then stops the
 * server and deletes the directory (also when `fn` or the start fails). When running as root, initdb and
 * the server run as the `postgres` OS user (PostgreSQL refuses root); that user must be able to reach
 * workDir, so workDir gets o+x (search only, no listing) if it lacks it.
 */
export async function withThrowawayCluster<T>(
  workDir: string,
  fn: (conn: ClusterConnection) => Promise<T>,
  options: ClusterOptions = {},
): Promise<T> {
  const { binDir } = await ensurePostgis();
  const owner = await serverOsUser();
  await mkdir(workDir, { recursive: true });
  const clusterDir = await mkdtemp(join(resolve(workDir), 'pg-cluster-'));
  const dataDir = join(clusterDir, 'data');
  const logFile = join(clusterDir, 'server.log');
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  let started = false;
  let finished = false;
  let value: T;
  try {
    if (owner) await handOver(workDir, clusterDir, owner);
    await runCommand(join(binDir, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'], asOwner);
    await appendFile(dataDir + '/postgresql.conf', serverSettings(options.sharedBuffers ?? defaultSharedBuffers()));
    const port = await start(binDir, dataDir, logFile, asOwner, options.port);
    started = true;
    const connectionString = `host=127.0.0.1 port=${port} dbname=${DATABASE} user=${SUPERUSER}`;
    const psql = (sql: string): Promise<string> =>
      runCommand(join(binDir, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-At', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', DATABASE, '-f', '-'], {
        input: sql,
        env: { PGCONNECT_TIMEOUT: '10', PGOPTIONS: '' },
      });
    value = await fn({ port, connectionString, psql });
    finished = true;
  } finally {
    const cleanupError = await stopAndDelete(binDir, dataDir, clusterDir, asOwner, started);
    // An error from fn (or the start) wins; a cleanup error only surfaces when everything else worked.
    if (cleanupError && finished) throw cleanupError;
  }
  return value;
}

/** The OS user the server must run as: `postgres` when we are root, ourselves otherwise (undefined). */
async function serverOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const entry = await tryCommand('getent', ['passwd', SUPERUSER]);
  const fields = entry?.trim().split(':');
  if (!fields || fields.length < 4) {
    throw new ClusterError(`running as root, but there is no '${SUPERUSER}' OS user to run PostgreSQL as (the postgresql package creates it)`, '');
  }
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/**
 * Gives the cluster directory to the server's OS user and makes sure that user can reach it: workDir gets
 * o+x when it lacks it; a parent of workDir that the user cannot search is reported, not changed.
 */
async function handOver(workDir: string, clusterDir: string, owner: OsUser): Promise<void> {
  await chown(clusterDir, owner.uid, owner.gid);
  const searchable = async (path: string): Promise<boolean> => (await tryCommand('test', ['-x', path], owner)) !== undefined;
  if (await searchable(clusterDir)) return;
  const absolute = resolve(workDir);
  await chmod(absolute, (await stat(absolute)).mode | 0o001);
  if (await searchable(clusterDir)) return;
  let blocked = absolute;
  for (let parent = dirname(absolute); ; parent = dirname(parent)) {
    if (!(await searchable(parent))) blocked = parent;
    if (parent === dirname(parent)) break;
  }
  throw new ClusterError(
    `the '${SUPERUSER}' OS user (PostgreSQL cannot run as root) cannot reach ${clusterDir}: ${blocked} is not searchable by it; ` +
      `choose a workDir whose parents are searchable by others, or chmod o+x ${blocked}`,
    clusterDir,
  );
}

function defaultSharedBuffers(): string {
  const quarter = Math.floor(totalmem() / 4 / MIB);
  return `${Math.min(4096, Math.max(128, quarter))}MB`;
}

/** postgresql.conf additions: local-only, no durability, one core per query, no JIT or autovacuum noise. */
function serverSettings(sharedBuffers: string): string {
  const settings: Record<string, string> = {
    listen_addresses: `'127.0.0.1'`,
    unix_socket_directories: `''`,
    shared_buffers: `'${sharedBuffers}'`,
    work_mem: `'256MB'`,
    maintenance_work_mem: `'1GB'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    wal_level: 'minimal',
    max_wal_senders: '0',
    max_wal_size: `'8GB'`,
    checkpoint_timeout: `'1h'`,
    autovacuum: 'off',
    jit: 'off',
    max_parallel_workers_per_gather: '0',
    max_parallel_maintenance_workers: '0',
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  return `\n# throwaway benchmark cluster (LandWatch bench/pg-cluster.ts)\n${lines.join('\n')}\n`;
}

async function start(binDir: string, dataDir: string, logFile: string, asOwner: Partial<OsUser>, fixedPort: number | undefined): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    try {
      await runCommand(join(binDir, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', PG_CTL_WAIT_S, '-o', `-p ${port}`, 'start'], asOwner);
      return port;
    } catch (cause) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      const portTaken = /could not bind|address already in use/i.test(log);
      if (portTaken && fixedPort === undefined && attempt < PORT_ATTEMPTS) {
        await rm(logFile, { force: true });
        continue;
      }
      const detail = cause instanceof CommandFailedError ? cause.stderr.trim() : String(cause);
      throw new ClusterError(`PostgreSQL did not start on 127.0.0.1:${port}: ${detail}\nserver log:\n${log.slice(-LOG_TAIL)}`, dataDir, { cause });
    }
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('the OS did not assign a port'))));
    });
  });
}

/** Stops the server (fast, then immediate, then SIGKILL of its postmaster pid) and deletes the directory. */
async function stopAndDelete(binDir: string, dataDir: string, clusterDir: string, asOwner: Partial<OsUser>, started: boolean): Promise<ClusterError | undefined> {
  let stopError: unknown;
  if (started) {
    const pgCtl = join(binDir, 'pg_ctl');
    try {
      await runCommand(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', PG_CTL_WAIT_S, 'stop'], asOwner);
    } catch (fastError) {
      stopError = fastError;
      if ((await tryCommand(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', PG_CTL_WAIT_S, 'stop'], asOwner)) === undefined) {
        await killPostmaster(dataDir);
      }
    }
  }
  try {
    await rm(clusterDir, { recursive: true, force: true });
  } catch (cause) {
    return new ClusterError(`could not delete the throwaway cluster directory ${clusterDir}`, clusterDir, { cause });
  }
  return stopError ? new ClusterError(`pg_ctl stop -m fast failed for ${dataDir}; the server was stopped harder`, dataDir, { cause: stopError }) : undefined;
}

/** Last resort: SIGKILL the postmaster whose pid this cluster recorded (the server we started). */
async function killPostmaster(dataDir: string): Promise<void> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
