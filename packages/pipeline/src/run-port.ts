// The port the run stages work through (docs/ARCHITECTURE.md, "The port"): storage for the run's documents and
// results, the objects a run reads, and the messages it sends. Two implementations: S3 + SQS
// (functions/lib/aws-port.ts) and a local folder with in-process dispatch (local-port.ts). The stages never know
// which one they talk to.
import type { CountyAlert } from '@landwatch/core';
import type { ByteSource } from '@landwatch/fgb';
import type { PinnedLayer, PinnedObject, RunEventInput, RunStart, TileResultDocument } from './run-protocol.ts';

/** A byte source the caller closes when done. */
export type OpenedSource = ByteSource & { close(): Promise<void> };

/** A file the run writes, with the media type it is served as. */
export interface StoredFile {
  key: string;
  bytes: Uint8Array;
  contentType: string;
}

/** A link a county office can open without credentials. */
export interface SharedLink {
  url: string;
  /** ISO time; the real expiry, which may be sooner than asked for */
  expiresAt: string;
}

/**
 * Tile results handed between stages that share one process (the CLI's threads), kept as objects: nothing is
 * serialized or parsed for them. Only the local port has one; on S3 every tile result travels as bytes.
 */
export interface TileResultShelf {
  set(key: string, result: TileResultDocument): void;
  get(key: string): TileResultDocument | undefined;
  has(key: string): boolean;
}

export interface RunStore {
  /** Where the results and the run's work documents live, for messages (`s3://bucket`, or a folder). */
  readonly location: string;
  /** The results bucket the alert names; undefined for a folder (the alert's keys are then relative to it). */
  readonly bucket: string | undefined;
  get(key: string): Promise<Uint8Array | undefined>;
  put(file: StoredFile): Promise<void>;
  /** Writes several files so that they appear together as far as the store allows: all at once in a folder, one
   * by one on S3 (where the alert, sent after the last, is what tells a reader they are complete). */
  putAll(files: readonly StoredFile[]): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key under a prefix. */
  list(prefix: string): Promise<string[]>;
  /** Stores a local file that a later stage reads (an indexed copy of the upload, a county's copy) and pins it;
   * `contentType` is what the object is served as (default application/octet-stream). */
  putFile(key: string, path: string, contentType?: string): Promise<PinnedObject>;
  /** Stores a finished local file that no stage reads back (a large county's result file), without pinning it:
   * the local port's pin was an md5 of every result file (0.46 s of a 100 000-piece run's write stage). */
  storeFile(key: string, path: string, contentType?: string): Promise<void>;
  /** Opens a pinned object for range reads; a changed object fails the read rather than giving other bytes.
   * Objects of bucket `local` are files on this machine (a delivery converted to FlatGeobuf, in tmpDir). */
  open(object: PinnedObject): Promise<OpenedSource>;
  /** sha256 (hex) of a pinned object's bytes: the run's identity (docs/ARCHITECTURE.md, "Run identity"). */
  contentSha256(object: PinnedObject): Promise<string>;
  /** Writes a file only if its key does not exist yet (S3 `If-None-Match: *`); true when this call created it. Two
   * callers racing for the same key: exactly one gets true. */
  claim(file: StoredFile): Promise<boolean>;
  /**
   * A delivery in another format (GeoPackage, Shapefile set, File Geodatabase, a zip of one; docs/FORMATS.md)
   * converted once into a FlatGeobuf file in tmpDir, pinned as a `local` object; undefined for a FlatGeobuf, which is
   * read in place. A delivery that cannot be read is a RejectedInputError naming it.
   */
  convertDelivery(object: PinnedObject, options: { layer?: string; spatialIndex: boolean }): Promise<PinnedObject | undefined>;
  /** A folder for spilling large intermediate files. */
  readonly tmpDir: string;
  /** false where no earlier run can be stored (a work folder made for this run): ingest then does not look for a
   * run to resume before validating, and the scan starts while the layers are still being pinned. Default true. */
  readonly mayHoldRuns?: boolean;
  /** Where an in-process port keeps tile results as objects. */
  readonly shelf?: TileResultShelf;
}

export interface RunDispatch {
  /** Starts the coordination of an accepted run: on AWS one Step Functions execution named after the run (a second
   * start of the same run is a no-op), locally a queue the worker pool drains. Whatever runs the tiles then
   * finalizes each county and finishes the run; the stages do no fan-in of their own. */
  startRun(start: RunStart): Promise<void>;
}

export interface RunNotify {
  sendRunEvent(event: RunEventInput): Promise<void>;
  /** Sends one county's alert (on AWS to that county's own queue, or the unrouted queue; in a folder as alert.json
   * beside the county's results); returns the message id (empty where nothing is sent). A repeated send of the same
   * alertBatchId within minutes is dropped by FIFO dedup. */
  sendAlert(alert: CountyAlert): Promise<string>;
  /** A link to a result for the alert: presigned on S3; undefined in a local folder. */
  link(key: string): Promise<SharedLink | undefined>;
}

export interface LayerSource {
  /** The protection-layer registry with every layer pinned; rejection reasons instead when it cannot be used. */
  layers(): Promise<{ layers: PinnedLayer[]; reasons: string[] }>;
}

export interface RunPort extends RunStore, RunDispatch, RunNotify, LayerSource {}
