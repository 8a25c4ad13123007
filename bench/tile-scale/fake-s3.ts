// A stand-in for S3 in tile-scale: ranged GetObject over local files (the key is the file's path), counting requests
// and bytes, with an optional simulated latency per request. The Lambdas' own byte source
// (functions/lib/s3-byte-source.ts) runs on top of it, so the request counts and sizes are the ones a Lambda sends.
import { stat, open as openFile } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';

/** Simulated cost of one request: first-byte latency plus transfer at a fixed rate. */
export interface LatencyModel {
  /** First-byte latency per request, ms. */
  latencyMs: number;
  /** Throughput per request, MB/s (10^6 bytes). */
  mbps: number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Milliseconds the model adds to a request that moves `bytes`. */
export function latencyOf(model: LatencyModel | undefined, bytes: number): number {
  return model ? model.latencyMs + bytes / (model.mbps * 1e3) : 0;
}

export class FakeS3 {
  gets = 0;
  bytes = 0;
  /** Set between passes to measure with and without latency in the same process. */
  latency: LatencyModel | undefined;

  async send(command: { input: { Key?: string; Range?: string; IfMatch?: string } }): Promise<unknown> {
    const path = command.input.Key ?? '';
    const match = /^bytes=(\d+)-(\d+)$/.exec(command.input.Range ?? '');
    if (!match) throw new Error(`FakeS3: only ranged GetObject is supported (${command.input.Range})`);
    const start = Number(match[1]);
    const end = Number(match[2]);
    const size = (await stat(path)).size;
    const out = new Uint8Array(end - start + 1);
    const handle = await openFile(path, 'r');
    try {
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) throw new Error(`FakeS3: ${path} ended early`);
        done += bytesRead;
      }
    } finally {
      await handle.close();
    }
    this.gets++;
    this.bytes += out.length;
    await sleep(latencyOf(this.latency, out.length));
    return {
      // the pin is the run's (MD5 of the file, computed once by the port that pinned it): echoed, not recomputed
      ETag: command.input.IfMatch,
      ContentRange: `bytes ${start}-${end}/${size}`,
      $metadata: { httpStatusCode: 206 },
      Body: { transformToByteArray: async () => out },
    };
  }

  /** This object typed as the SDK client the byte source expects (it only ever sends GetObject). */
  asClient(): S3Client {
    return this as unknown as S3Client;
  }
}
