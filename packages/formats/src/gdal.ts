// GDAL compiled to WebAssembly (gdal3.js), loaded once per process. Why this library and what a Lambda bundle must
// ship with it: docs/FORMATS.md.
//
// Files are never copied into the WebAssembly heap: the host file system is mounted (read and write) at /output
// inside GDAL's virtual file system, so GDAL streams from the input files to the output file on disk.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ZIP_NAME_ENCODING } from './zip-listing.ts';

/** A dataset gdal3.js opened. */
export interface GdalDataset {
  pointer: number;
  path: string;
  info?: GdalVectorInfo;
}

/** The part of `ogrinfo -json` we read. */
export interface GdalVectorInfo {
  driverShortName?: string;
  layers?: { name: string; featureCount?: number; geometryFields?: { type?: string }[] }[];
}

interface GdalApi {
  open(files: string, openOptions: string[], vfsHandlers: string[]): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>;
  ogr2ogr(dataset: GdalDataset, options: string[], outputName: string): Promise<{ local: string }>;
  close(dataset: GdalDataset): Promise<void>;
}

/** Where gdal3.js mounts the host's root directory. */
const HOST_MOUNT = '/output';

/** Error lines that say nothing to a user. */
const NOISE = [/^Error occurred in .* at line \d+$/, /^Pointer '.*' is NULL/, /skipfailures/, /^Terminating translation prematurely/];

let loading: Promise<GdalApi> | undefined;
/** GDAL's messages since the last takeGdalMessages() (warnings and errors, one per line). */
let messages: string[] = [];
/** Conversions share one GDAL instance (one error state, one mount table): they run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

function loadGdal(): Promise<GdalApi> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = join(dirname(require.resolve('gdal3.js/package.json')), 'dist', 'package');
    const init = require('gdal3.js/node.js') as (config: Record<string, unknown>) => Promise<GdalApi>;
    // gdal3.js reads its .data file as `./${path}`: the folder must be given relative to the working directory.
    const path = relative(process.cwd(), packageDir) || '.';
    const keep = (text: string) => {
      // only errors, without the WebAssembly build's source locations and ogr2ogr's command-line advice
      if (!/^ERROR \d+: /.test(text)) return;
      const line = text.replace(/^ERROR \d+: /, '').trim();
      if (line === '' || NOISE.some((re) => re.test(line))) return;
      messages.push(line);
    };
    // zip entry names without the UTF-8 flag are GBK, as zip-listing.ts reads them
    const env = { CPL_ZIP_ENCODING: ZIP_NAME_ENCODING };
    return init({ path, useWorker: false, dest: '/', env, logHandler: () => {}, errorHandler: keep });
  })();
  return loading;
}

/** Runs `task` with GDAL, after any conversion already running, with a clean message list. */
export function withGdal<T>(task: (gdal: GdalSession) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const api = await loadGdal();
    messages = [];
    return task(new GdalSession(api));
  });
  queue = run.catch(() => undefined);
  return run;
}

/** GDAL calls for one conversion; paths are host paths. */
export class GdalSession {
  constructor(private readonly api: GdalApi) {}

  /** Opens a dataset; `inner` is a path inside a zip (read through /vsizip/). Throws with GDAL's messages. */
  async open(hostPath: string, openOptions: string[] = [], inner?: string): Promise<GdalDataset> {
    const path = inner === undefined ? mounted(hostPath) : `${mounted(hostPath)}/${inner}`;
    let result;
    try {
      result = await this.api.open(path, openOptions, inner === undefined ? [] : ['vsizip']);
    } catch (err) {
      throw new Error(gdalMessage(err, 'GDAL cannot open it'));
    }
    const dataset = result.datasets[0];
    if (dataset === undefined || dataset.pointer === 0) throw new Error(gdalMessage(result.errors[0], 'GDAL cannot open it'));
    return dataset;
  }

  /** ogr2ogr into a host path (which must end in .fgb). Throws with GDAL's messages. */
  async translate(dataset: GdalDataset, options: string[], hostOut: string): Promise<void> {
    if (!hostOut.endsWith('.fgb')) throw new Error(`output must end in .fgb: ${hostOut}`);
    try {
      await this.api.ogr2ogr(dataset, options, mounted(hostOut).slice(HOST_MOUNT.length + 1, -'.fgb'.length));
    } catch (err) {
      throw new Error(gdalMessage(err, 'reading stopped before the end of the layer; the file is damaged or incomplete'));
    }
    // an error while reading does not always fail ogr2ogr; the caller also compares feature counts
    if (messages.length > 0) throw new Error(messages.join('; '));
  }

  async close(dataset: GdalDataset): Promise<void> {
    await this.api.close(dataset);
  }

  /** GDAL's warnings and errors so far in this session. */
  messages(): string[] {
    return [...messages];
  }
}

function mounted(hostPath: string): string {
  return `${HOST_MOUNT}${hostPath}`;
}

function gdalMessage(err: unknown, fallback: string): string {
  const first = Array.isArray(err) ? err[0] : err;
  const text = first && typeof first === 'object' && 'message' in first ? String((first as { message: unknown }).message).trim() : '';
  const all = [...messages, text].filter((m, i, list) => m !== '' && !NOISE.some((re) => re.test(m)) && list.indexOf(m) === i);
  return all.length > 0 ? all.join('; ') : fallback;
}
