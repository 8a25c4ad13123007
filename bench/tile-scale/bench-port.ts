// The run port tile-scale measures the stages through: the local port's folder stands in for the results bucket
// (manifest, status, tile results, result files), while every read of an input or protection layer goes through
// the Lambdas' S3 byte source over FakeS3, as AwsRunPort.open does. Store requests are counted (and delayed by the
// latency model) so that a tile's whole request sequence is measured, not assumed. There is no fan-in to measure:
// the run's state machine starts finalize once every tile is done (docs/ORCHESTRATION.md).
import {
  LocalRunPort,
  type LocalRunPortOptions,
  type OpenedSource,
  type PinnedLayer,
  type PinnedObject,
  type StoredFile,
} from '@landwatch/pipeline';
import { s3ByteSource, type S3ByteSource } from '../../functions/lib/s3-byte-source.ts';
import { FakeS3, latencyOf, sleep } from './fake-s3.ts';

/** Store requests by kind, as S3 would bill them. */
export interface StoreRequests {
  get: number;
  put: number;
  head: number;
  list: number;
}

export interface BenchRunPortOptions extends LocalRunPortOptions {
  /** The registry's layers, pinned once by the parent: the local port pins by hashing every layer file, which on
   * AWS is one HEAD per layer and must not be timed as ingest work. */
  pinnedLayers: PinnedLayer[];
}

export class BenchRunPort extends LocalRunPort {
  readonly s3 = new FakeS3();
  readonly requests: StoreRequests = { get: 0, put: 0, head: 0, list: 0 };
  /** Every source opened, in order (their request counts give the critical path of a tile's reads). */
  readonly sources: S3ByteSource[] = [];
  /** performance.now() when each store request or open was made (phases of a stage are read off these). */
  readonly marks: { kind: keyof StoreRequests | 'open'; key: string; at: number }[] = [];
  /** When the tile's own reads began: the first read of the change layer after the protection layers were opened
   * (opening reads headers source by source; the tile then reads its range, then every layer at once). */
  tileReadStart: { at: number; requests: number[]; bytes: number[] } | undefined;

  /** Forgets the counts of an earlier pass (the sources it opened are closed by then). */
  resetCounts(): void {
    this.s3.gets = 0;
    this.s3.bytes = 0;
    this.requests.get = this.requests.put = this.requests.head = this.requests.list = 0;
    this.sources.length = 0;
    this.marks.length = 0;
    this.tileReadStart = undefined;
  }

  constructor(private readonly benchOptions: BenchRunPortOptions) {
    // tile results are stored as bytes, as on S3 (the requests are what this port measures)
    super({ ...benchOptions, shelf: null });
  }

  /** The pinned registry, counted as AwsRunPort reads it: one GET of layers.json and one HEAD per layer. */
  override async layers(): Promise<{ layers: PinnedLayer[]; reasons: string[] }> {
    await this.request('get', 'layers.json');
    for (const layer of this.benchOptions.pinnedLayers) await this.request('head', layer.object.key);
    return { layers: this.benchOptions.pinnedLayers, reasons: [] };
  }

  private async request(kind: keyof StoreRequests, key: string, bytes = 0): Promise<void> {
    this.requests[kind]++;
    this.marks.push({ kind, key, at: performance.now() });
    await sleep(latencyOf(this.s3.latency, bytes));
  }

  override async get(key: string): Promise<Uint8Array | undefined> {
    const bytes = await super.get(key);
    await this.request('get', key, bytes?.length ?? 0);
    return bytes;
  }

  override async put(file: StoredFile): Promise<void> {
    await this.request('put', file.key, file.bytes.length);
    await super.put(file);
  }

  override async exists(key: string): Promise<boolean> {
    await this.request('head', key);
    return super.exists(key);
  }

  override async list(prefix: string): Promise<string[]> {
    await this.request('list', prefix);
    return super.list(prefix);
  }

  override async open(object: PinnedObject): Promise<OpenedSource> {
    this.marks.push({ kind: 'open', key: object.key, at: performance.now() });
    const source = await s3ByteSource(this.s3.asClient(), object.bucket, object.key, { etag: object.etag, size: object.size });
    if (this.sources.length === 0) {
      const read = source.read.bind(source);
      source.read = (offset: number, length: number) => {
        if (!this.tileReadStart && this.sources.length > 1) {
          this.tileReadStart = { at: performance.now(), requests: this.sources.map((s) => s.stats.requests), bytes: this.sources.map((s) => s.stats.bytesFetched) };
        }
        return read(offset, length);
      };
    }
    this.sources.push(source);
    return Object.assign(source, { close: async () => {} });
  }
}
