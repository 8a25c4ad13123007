// The run port on one machine (docs/ARCHITECTURE.md, "The port"): a work folder stands in for the results bucket,
// tile jobs are queued in memory for the caller's worker pool, tile results and alerts are kept in memory. When the run has finished,
// commit() moves the result folders and the run status into the output folder, each in one rename, so that the
// output appears whole or not at all; abort() leaves nothing behind.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CountyAlert } from '@landwatch/core';
import { openFileByteSource } from '@landwatch/fgb';
import { asFlatGeobuf, needsConversion, uploadCompanionKeys } from '@landwatch/formats';
import { jsonBytes } from './county-files.ts';
import { LayerRegistryError, parseLayerRegistry } from './layer-registry.ts';
import { ObjectChangedError } from './run-errors.ts';
import { deliveryContentSha256, type DeliveryPart } from './run-id.ts';
import { tileJobFor } from './run-documents.ts';
import type { OpenedSource, RunPort, SharedLink, StoredFile, TileResultShelf } from './run-port.ts';
import { runKeys, type PinnedLayer, type PinnedObject, type RunEventInput, type RunManifest, type RunStart, type TileJob, type TileResultDocument } from './run-protocol.ts';

/** The bucket name of local files in pinned objects and alerts. */
export const LOCAL_BUCKET = 'local';

/** A local file pinned by its MD5 (what S3 reports as the ETag of an object put in one part) and size. A folder
 * (a File Geodatabase) is pinned by the MD5 of its files' relative names and contents, in name order. */
export async function pinFile(path: string): Promise<PinnedObject> {
  const { digest, size } = await digestPath(path, 'md5');
  return { bucket: LOCAL_BUCKET, key: resolve(path), etag: digest, size };
}

/**
 * md5 and size of each regular file, computed on a worker thread, so that this thread can go on with other work
 * meanwhile (a run scans its change layer while its protection layers, often hundreds of megabytes, are pinned).
 * Each entry is the file's digest or the error code that stopped it.
 */
function md5FilesOffThread(paths: readonly string[]): Promise<({ digest: string; size: number } | { error: string })[]> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createHash } = require('node:crypto');
    const { closeSync, openSync, readSync } = require('node:fs');
    const buffer = Buffer.allocUnsafe(1 << 20);
    parentPort.postMessage(workerData.map((path) => {
      try {
        const fd = openSync(path, 'r');
        try {
          const hash = createHash('md5');
          let size = 0;
          for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; size += n) hash.update(buffer.subarray(0, n));
          return { digest: hash.digest('hex'), size };
        } finally {
          closeSync(fd);
        }
      } catch (err) {
        return { error: err.code ?? err.message };
      }
    }));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: paths });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (exitCode) => reject(new Error(`the hashing thread stopped (exit ${exitCode})`)));
  });
}

/** sha256 (hex) of a file's bytes, streamed; of a folder (a .gdb delivery) as pinFile hashes it, so that a folder
 * run twice is the same run. */
export async function sha256File(path: string): Promise<string> {
  return (await digestPath(path, 'sha256')).digest;
}

async function digestPath(path: string, algorithm: 'md5' | 'sha256'): Promise<{ digest: string; size: number }> {
  const hash = createHash(algorithm);
  let size = 0;
  // 1 MiB reads into one buffer. A read stream (even of 1 MiB chunks; its default 64 KiB spent a quarter of the CPU on
  // the stream, not the hash) takes a fresh buffer per chunk: md5 and sha256 of the 749 MB change layer of a million
  // pieces took 2.00-2.32 s and 2.57-3.09 s of CPU that way, 1.88-2.02 s and 1.84-1.95 s like this
  // (bench/hash-reads.ts, bench/RESULTS-LOG.md).
  const buffer = Buffer.allocUnsafe(1 << 20);
  const add = async (file: string) => {
    const handle = await open(file, 'r');
    try {
      for (let n; (n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0; size += n) hash.update(buffer.subarray(0, n));
    } finally {
      await handle.close();
    }
  };
  if ((await stat(path)).isDirectory()) {
    const names = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relative(path, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    for (const name of names) {
      hash.update(`${name}\0`);
      await add(join(path, name));
    }
  } else await add(path);
  return { digest: hash.digest('hex'), size };
}

/** Opens a pinned local file, checking that it still has the pinned size. */
export async function openPinnedFile(object: PinnedObject): Promise<OpenedSource> {
  const source = await openFileByteSource(object.key);
  if (source.size !== object.size) {
    await source.close();
    throw new ObjectChangedError(LOCAL_BUCKET, object.key, object.etag, `a file of ${source.size} bytes instead of ${object.size}`);
  }
  return source;
}

export interface LocalRunPortOptions {
  /** the work folder: the run's documents and results until commit() (removed by commit and abort) */
  workDir: string;
  /** the output folder results are committed to */
  outDir: string;
  /** the layer registry file (only ingest needs it) */
  registryPath?: string;
  /** where tile results are kept as objects (default: this port's own map; a worker thread passes one that hands
   * them to the main thread; null: stored as JSON files like any other document, as on S3) */
  shelf?: TileResultShelf | null;
}

export class LocalRunPort implements RunPort {
  readonly bucket = undefined;
  readonly location: string;
  readonly tmpDir: string;
  /** tile jobs handed out by ingest, for the caller's worker pool */
  readonly tileJobs: TileJob[] = [];
  readonly alerts: CountyAlert[] = [];
  readonly events: RunEventInput[] = [];
  readonly shelf: TileResultShelf | undefined;
  /** a work folder that did not exist before this port holds no earlier run to resume */
  readonly mayHoldRuns: boolean;

  /** whether the output folder was there before this run (abort() removes only what the run made) */
  private readonly outDirExisted: boolean;

  constructor(private readonly options: LocalRunPortOptions) {
    this.location = options.outDir;
    this.tmpDir = options.workDir;
    this.outDirExisted = existsSync(options.outDir);
    this.mayHoldRuns = existsSync(options.workDir);
    this.shelf = options.shelf === null ? undefined : (options.shelf ?? new Map<string, TileResultDocument>());
  }

  private path(key: string): string {
    const path = resolve(this.options.workDir, key);
    if (!path.startsWith(resolve(this.options.workDir) + sep)) throw new Error(`key outside the work folder: ${key}`);
    return path;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async put(file: StoredFile): Promise<void> {
    const path = this.path(file.key);
    // Synchronous: on two busy cores each await of the thread pool costs a wake-up of several milliseconds, and an
    // asynchronous put was five of them (mkdir, open, write, close, rename). At 20 000 pieces the write stage spent
    // 180-310 ms in its puts that way, 134-157 ms like this (bench/RESULTS-LOG.md). The caller waits for the put anyway.
    mkdirSync(dirname(path), { recursive: true });
    // write then rename: a reader (another worker) never sees half a file
    writeFileSync(`${path}.part`, file.bytes);
    renameSync(`${path}.part`, path);
  }

  async putAll(files: readonly StoredFile[]): Promise<void> {
    // the work folder is not the output: commit() makes the results appear at once
    for (const f of files) await this.put(f);
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.path(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    return names.map((n) => `${prefix.endsWith('/') ? prefix : `${prefix}/`}${n.split(sep).join('/')}`).filter((k) => !k.endsWith('.part')).sort();
  }

  async putFile(key: string, path: string): Promise<PinnedObject> {
    await this.storeFile(key, path);
    return pinFile(this.path(key));
  }

  async storeFile(key: string, path: string): Promise<void> {
    const target = this.path(key);
    // synchronous, as put: two metadata calls, each of which cost a wake-up of the main thread through the thread
    // pool (a county stores its result files and two task files per township this way)
    mkdirSync(dirname(target), { recursive: true });
    renameSync(path, target);
  }

  open(object: PinnedObject): Promise<OpenedSource> {
    return openPinnedFile(object);
  }

  async convertDelivery(object: PinnedObject, options: { layer?: string; spatialIndex: boolean }): Promise<PinnedObject | undefined> {
    if (!(await needsConversion(object.key))) return undefined;
    await mkdir(this.tmpDir, { recursive: true });
    const delivery = await asFlatGeobuf(object.key, { layer: options.layer, spatialIndex: options.spatialIndex, tmpDir: this.tmpDir });
    return pinFile(delivery.path);
  }

  /** Of every part of the delivery: a Shapefile's companions beside it count (deliveryContentSha256). */
  async contentSha256(object: PinnedObject): Promise<string> {
    const { required, optional } = uploadCompanionKeys(object.key);
    const parts: DeliveryPart[] = [{ suffix: extname(object.key), sha256: await sha256File(object.key) }];
    for (const path of [...required, ...optional]) if (existsSync(path)) parts.push({ suffix: extname(path), sha256: await sha256File(path) });
    return deliveryContentSha256(parts);
  }

  /** Creates the file only if it is not there ('wx': O_CREAT | O_EXCL, atomic on local file systems). */
  async claim(file: StoredFile): Promise<boolean> {
    const path = this.path(file.key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, file.bytes, { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  async layers(): Promise<{ layers: PinnedLayer[]; reasons: string[] }> {
    const registryPath = this.options.registryPath;
    if (!registryPath) return { layers: [], reasons: ['no layer registry given'] };
    let text: string;
    try {
      text = await readFile(registryPath, 'utf8');
    } catch (err) {
      return { layers: [], reasons: [`${registryPath}: cannot read layer registry: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`] };
    }
    let entries;
    try {
      entries = parseLayerRegistry(text, registryPath);
    } catch (err) {
      if (err instanceof LayerRegistryError) return { layers: [], reasons: err.reasons.map((r) => `${registryPath}: ${r}`) };
      throw err;
    }
    const layers: PinnedLayer[] = [];
    const reasons: string[] = [];
    const cannotOpen = (id: string, path: string, err: unknown) =>
      reasons.push(`layer ${id}: cannot open ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    // files are hashed on a worker thread, a folder (a .gdb delivery) here
    const paths = entries.map((e) => resolve(dirname(registryPath), e.path));
    const kinds = await Promise.all(paths.map((path) => stat(path).then((s) => (s.isDirectory() ? 'folder' : 'file'), (err: unknown) => err)));
    const files = paths.filter((_, i) => kinds[i] === 'file');
    const digests = new Map(files.length > 0 ? (await md5FilesOffThread(files)).map((d, i) => [files[i]!, d] as const) : []);
    for (const [i, e] of entries.entries()) {
      const path = paths[i];
      const kind = kinds[i];
      if (kind === 'folder') {
        await pinFile(path).then((object) => layers.push({ ...e, object }), (err: unknown) => cannotOpen(e.id, path, err));
      } else if (kind === 'file') {
        const d = digests.get(path)!;
        if ('error' in d) cannotOpen(e.id, path, new Error(d.error));
        else layers.push({ ...e, object: { bucket: LOCAL_BUCKET, key: path, etag: d.digest, size: d.size } });
      } else cannotOpen(e.id, path, kind);
    }
    return { layers, reasons };
  }

  /** Queues the run's tile jobs for the caller's pool, which runs every tile and then finalizes. */
  async startRun(start: RunStart): Promise<void> {
    const tiles = start.tiles ?? (JSON.parse(new TextDecoder().decode(await this.get(start.tilesKey!))) as { tileId: string }[]);
    this.tileJobs.push(...tiles.map((t) => tileJobFor(start.runId, t.tileId)));
  }

  async sendRunEvent(event: RunEventInput): Promise<void> {
    this.events.push(event);
  }

  /** Writes the alert as alert.json beside the county's result files (the message its office would receive). */
  async sendAlert(alert: CountyAlert): Promise<string> {
    this.alerts.push(alert);
    const dir = alert.files.report.slice(0, alert.files.report.lastIndexOf('/'));
    await this.put({ key: `${dir}/alert.json`, bytes: jsonBytes(alert), contentType: 'application/json' });
    return '';
  }

  /** Local files are opened by their paths: no links. */
  async link(_key: string): Promise<SharedLink | undefined> {
    return undefined;
  }

  /** Moves the run's result folders and its status into the output folder (replacing an earlier result of the same
   * run) and removes the work folder. Returns the result folders. */
  async commit(manifest: RunManifest, countyCodes: readonly string[]): Promise<string[]> {
    const moves = [
      ...countyCodes.map((code) => runKeys.resultsDir(manifest.surveyYear, code, manifest.runId)),
      runKeys.status(manifest.runId),
    ];
    const finals: string[] = [];
    for (const key of moves) {
      const final = join(this.options.outDir, key);
      await mkdir(dirname(final), { recursive: true });
      await rm(final, { recursive: true, force: true });
      await rename(this.path(key), final);
      finals.push(final);
    }
    await this.abort();
    return finals.slice(0, countyCodes.length);
  }

  /** Removes the work folder, its parent when nothing else is in it, and the output folder if this run made it and
   * it is empty. */
  async abort(): Promise<void> {
    await rm(this.options.workDir, { recursive: true, force: true });
    await rmdir(dirname(this.options.workDir)).catch(() => undefined);
    if (!this.outDirExisted) await rmdir(this.options.outDir).catch(() => undefined);
  }
}
