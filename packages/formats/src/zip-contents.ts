// What a zipped delivery holds: the limits that keep a zip bomb from being expanded, names that would escape the
// archive, and the one candidate layer source (a Shapefile set or a .gdb folder) it must contain.
import type { ZipEntryInfo } from './zip-listing.ts';
import type { ShapefileCompanions } from './shapefile-set.ts';

/** Limits on a zip, checked on its central directory before anything is read from it. */
export interface ZipLimits {
  /** Sum of the declared uncompressed sizes (default 8 GiB). */
  maxUncompressedBytes: number;
  /** Largest uncompressed : compressed ratio of an entry above 1 MiB (default 200; real survey data: 4–10). */
  maxCompressionRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 8 * 1024 ** 3, maxCompressionRatio: 200 };

/** The layer source found in a zip. */
export type ZipCandidate =
  | { kind: 'shp'; /** path of the .shp inside the zip */ path: string; files: ShapefileCompanions }
  | { kind: 'gdb'; /** path of the .gdb folder inside the zip, no trailing '/' */ path: string };

export interface ZipContents {
  reasons: string[];
  candidate?: ZipCandidate;
}

const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Checks the entries of the zip named `zipName` (for messages). Reasons are all listed, not only the first. */
export function zipContents(zipName: string, entries: ZipEntryInfo[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipContents {
  const reasons: string[] = [];
  const escaping = entries.filter((e) => escapesArchive(e.name)).map((e) => e.name);
  if (escaping.length > 0) {
    reasons.push(`${zipName}: entries whose names leave the archive (${escaping.map((n) => JSON.stringify(n)).join(', ')}); the zip is not read`);
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    reasons.push(`${zipName}: declares ${total} bytes uncompressed, more than the limit of ${limits.maxUncompressedBytes}; the zip is not expanded`);
  }
  const bombs = entries.filter(
    (e) => e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize),
  );
  if (bombs.length > 0) {
    const list = bombs.map((e) => `${e.name} ${e.compressedSize} → ${e.uncompressedSize} bytes`).join(', ');
    reasons.push(`${zipName}: entries compressed more than ${limits.maxCompressionRatio} : 1 (${list}), as in a zip bomb; the zip is not expanded`);
  }
  if (reasons.length > 0) return { reasons };

  const files = entries.filter((e) => !e.directory && !e.name.startsWith('__MACOSX/'));
  const gdbFolders = new Set<string>();
  for (const e of entries) {
    const match = /^(.*?\.gdb)\//i.exec(e.name);
    if (match) gdbFolders.add(match[1]);
  }
  const shps = files.filter((e) => /\.shp$/i.test(e.name) && ![...gdbFolders].some((g) => e.name.startsWith(`${g}/`)));
  const candidates: ZipCandidate[] = [
    ...shps.map((e): ZipCandidate => ({ kind: 'shp', path: e.name, files: companions(e.name, files) })),
    ...[...gdbFolders].map((path): ZipCandidate => ({ kind: 'gdb', path })),
  ];
  if (candidates.length === 0) {
    reasons.push(`${zipName}: holds no Shapefile set (.shp) and no File Geodatabase folder (.gdb)`);
    return { reasons };
  }
  if (candidates.length > 1) {
    reasons.push(
      `${zipName}: holds ${candidates.length} candidate layer sources (${candidates.map((c) => c.path).join(', ')}); a zip must hold exactly one Shapefile set or one .gdb folder`,
    );
    return { reasons };
  }
  return { reasons, candidate: candidates[0] };
}

/** An absolute name, a drive letter or a '..' segment. */
export function escapesArchive(name: string): boolean {
  return name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..');
}

/** The companions of `shp` among `files`: same folder and base name, extension in any case. */
export function companions(shp: string, files: { name: string }[]): ShapefileCompanions {
  const base = shp.slice(0, -4).toLowerCase();
  const found: ShapefileCompanions = {};
  for (const f of files) {
    const dot = f.name.lastIndexOf('.');
    if (dot < 0 || f.name.slice(0, dot).toLowerCase() !== base) continue;
    const ext = f.name.slice(dot + 1).toLowerCase();
    if (ext === 'shp' || ext === 'shx' || ext === 'dbf' || ext === 'prj' || ext === 'cpg') found[ext] = f.name;
  }
  return found;
}
