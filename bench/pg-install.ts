// Finds a PostgreSQL installation that has the PostGIS extension, plus GDAL with its PostgreSQL and
// FlatGeobuf drivers, installing them with apt-get when missing (Debian/Ubuntu, as root).
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand, tryCommand } from './pg-command.ts';

/** Where Debian installs one directory per PostgreSQL major version (`15/bin/postgres`, …). */
const PG_LIB_ROOT = '/usr/lib/postgresql';
/** Where Debian installs extension control files (`15/extension/postgis.control`). */
const PG_SHARE_ROOT = '/usr/share/postgresql';
/** Programs the benchmark needs from the PostgreSQL bin directory. */
const PG_PROGRAMS = ['postgres', 'initdb', 'pg_ctl', 'psql'] as const;
/** Debian packages: server + client, the PostGIS extension for the default server version, GDAL tools. */
const APT_PACKAGES = ['postgresql', 'postgis', 'postgresql-postgis', 'gdal-bin'] as const;

export class PostgisUnavailableError extends Error {
  override readonly name = 'PostgisUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface PostgisInstallation {
  /** PostgreSQL bin directory of the version that has PostGIS (holds postgres, initdb, pg_ctl, psql). */
  binDir: string;
}

let pending: Promise<PostgisInstallation> | undefined;

/**
 * Returns the PostgreSQL bin directory whose version has PostGIS installed. When PostGIS or GDAL's
 * PostgreSQL driver is missing, runs `apt-get update` and `apt-get install -y postgresql postgis …` first.
 * Idempotent; concurrent calls in one process share one attempt. Rejects with PostgisUnavailableError
 * when nothing can be found and apt-get is missing, not usable (not root) or fails.
 */
export function ensurePostgis(): Promise<PostgisInstallation> {
  pending ??= locateOrInstall().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function locateOrInstall(): Promise<PostgisInstallation> {
  const found = await locate();
  if (found.binDir && found.gdal) return { binDir: found.binDir };
  await aptInstall(describeMissing(found));
  const after = await locate();
  if (!after.binDir || !after.gdal) {
    throw new PostgisUnavailableError(`apt-get install ${APT_PACKAGES.join(' ')} succeeded, but ${describeMissing(after)} is still missing`);
  }
  return { binDir: after.binDir };
}

interface Located {
  /** Bin directory of the newest PostgreSQL version with PostGIS, if any. */
  binDir: string | undefined;
  /** Whether ogr2ogr is on PATH with the PostgreSQL and FlatGeobuf drivers. */
  gdal: boolean;
}

async function locate(): Promise<Located> {
  return { binDir: await findPostgisBinDir(), gdal: await hasGdalDrivers() };
}

function describeMissing(found: Located): string {
  const missing: string[] = [];
  if (!found.binDir) missing.push(`a PostgreSQL under ${PG_LIB_ROOT} with postgis.control in ${PG_SHARE_ROOT}/<version>/extension`);
  if (!found.gdal) missing.push('ogr2ogr with the PostgreSQL and FlatGeobuf drivers');
  return missing.join(' and ');
}

async function findPostgisBinDir(): Promise<string | undefined> {
  let versions: string[];
  try {
    versions = await readdir(PG_LIB_ROOT);
  } catch {
    return undefined;
  }
  const newestFirst = versions.filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of newestFirst) {
    const binDir = join(PG_LIB_ROOT, version, 'bin');
    const files = [...PG_PROGRAMS.map((p) => join(binDir, p)), join(PG_SHARE_ROOT, version, 'extension', 'postgis.control')];
    if (await allExist(files)) return binDir;
  }
  return undefined;
}

async function allExist(paths: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(paths.map((p) => access(p)));
    return true;
  } catch {
    return false;
  }
}

async function hasGdalDrivers(): Promise<boolean> {
  const formats = await tryCommand('ogrinfo', ['--formats']);
  return formats !== undefined && /^\s*PostgreSQL\b/m.test(formats) && /^\s*FlatGeobuf\b/m.test(formats);
}

async function aptInstall(missing: string): Promise<void> {
  const prefix = `PostGIS benchmark peer: ${missing} not found`;
  if ((await tryCommand('apt-get', ['--version'])) === undefined) {
    throw new PostgisUnavailableError(`${prefix}, and apt-get is not available to install ${APT_PACKAGES.join(' ')}; install PostgreSQL with PostGIS and GDAL by hand`);
  }
  if (process.getuid?.() !== 0) {
    throw new PostgisUnavailableError(`${prefix}; installing it with apt-get needs root: run \`apt-get install -y ${APT_PACKAGES.join(' ')}\` as root`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await runCommand('apt-get', ['update'], { env });
    await runCommand('apt-get', ['install', '-y', ...APT_PACKAGES], { env });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.slice(0, 1000) : String(cause);
    throw new PostgisUnavailableError(`${prefix}, and apt-get could not install ${APT_PACKAGES.join(' ')}: ${detail}`, { cause });
  }
}
