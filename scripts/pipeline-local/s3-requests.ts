// The S3 requests the handlers make during a local run, by stage, bucket and operation (docs/SCALE.md counts them per stage
// to price a province): a middleware on the handlers' own S3 client, so the runner's uploads and reads are not counted.
// Whole-object GETs of the uploads bucket are also counted per key: a delivery is downloaded once.
import type { S3Client } from '@aws-sdk/client-s3';

export class S3Requests {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly uploadGets = new Map<string, number>();

  constructor(
    private readonly bucketNames: Record<string, string>,
    /** the stage now running (StageMemory's) */
    private readonly stage: () => string,
  ) {}

  /** Starts counting the requests `client` sends. */
  attach(client: S3Client): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Bucket?: string; Key?: string; Range?: string };
        const bucket = Object.entries(this.bucketNames).find(([, name]) => name === input.Bucket)?.[0] ?? input.Bucket ?? '?';
        const role = `${this.stage()} ${bucket}`;
        const operation = String(context.commandName ?? '?').replace(/Command$/, '');
        const byOperation = this.counts.get(role) ?? new Map<string, number>();
        byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
        this.counts.set(role, byOperation);
        if (bucket === 'uploads' && operation === 'GetObject' && !input.Range && input.Key) this.uploadGets.set(input.Key, (this.uploadGets.get(input.Key) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'landwatchRequestCount' },
    );
  }

  /** `{ "stage bucket": { operation: count } }` and the whole-object GETs of each upload key. */
  report(): { byStage: Record<string, Record<string, number>>; uploadGets: Record<string, number> } {
    return {
      byStage: Object.fromEntries([...this.counts].map(([role, ops]) => [role, Object.fromEntries([...ops].sort())])),
      uploadGets: Object.fromEntries(this.uploadGets),
    };
  }
}
