// Checks of the paths given on the command line, made before any work, so that a wrong path is refused with one
// line naming it (exit code 2) instead of failing half-way or with a stack trace.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A path or argument given on the command line is wrong: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | 'missing'> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
    throw new UsageError(`${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** An input file that must exist and be a file. */
export async function inputFile(path: string, what: string): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'missing') throw new UsageError(`${what} ${path}: no such file`);
  if (kind !== 'file') throw new UsageError(`${what} ${path}: is a ${kind === 'directory' ? 'directory' : 'special file'}, expected a file`);
  return path;
}

/** A delivery: a file, or a File Geodatabase folder (`*.gdb`). */
export async function inputDelivery(path: string, what: string): Promise<string> {
  if (/\.gdb\/?$/i.test(path) && (await kindOf(path)) === 'directory') return path;
  return inputFile(path, what);
}

/** An output directory: may not exist yet (it is created), must not be a file. */
export async function outputDir(path: string, what: string): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'file' || kind === 'other') throw new UsageError(`${what} ${path}: is a file, expected a directory`);
  return path;
}

/** An output file: not a directory; its folder must exist unless it will be created (`parent: 'created'`). */
export async function outputFile(path: string, what: string, parent: 'must-exist' | 'created' = 'must-exist'): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'directory') throw new UsageError(`${what} ${path}: is a directory, expected a file name`);
  const folder = await kindOf(dirname(path));
  if (folder === 'file' || folder === 'other') throw new UsageError(`${what} ${path}: ${dirname(path)} is a file, not a folder`);
  if (folder === 'missing' && parent === 'must-exist') throw new UsageError(`${what} ${path}: folder ${dirname(path)} does not exist`);
  return path;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'is a directory',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
};

/** A file-system error caused by a path the user gave, as one line; undefined for anything else. */
export function pathErrorLine(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || !e.code || !(e.code in ERRNO_TEXT)) return undefined;
  return e.path ? `${e.path}: ${ERRNO_TEXT[e.code]}` : `${ERRNO_TEXT[e.code]} (${e.message})`;
}
