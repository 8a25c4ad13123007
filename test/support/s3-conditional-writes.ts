// s3rver 3.7 ignores `If-None-Match: *` on PutObject (NOTES: it enforces no write condition), so on the emulator
// every conditional write "wins" and the alert claim (docs/ORCHESTRATION.md, "The alert claim") could not be tested.
// This patch makes s3rver answer as S3 does: 412 PreconditionFailed when the key exists. Conditional puts of the
// same key are serialised in this process, so two racing claims see one winner, as on S3. Nothing else changes.
import type S3rver from 's3rver';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, unknown>;
  get(header: string): string;
  status: number;
  type: string;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface PatchableS3rver {
  middleware: Middleware[];
  store: { existsObject(bucket: string, key: string): Promise<boolean> };
}

/** Installs the check; call before s3rver.run() (Koa composes its middleware when it starts listening). */
export function enforceIfNoneMatch(server: S3rver): void {
  const s3rver = server as unknown as PatchableS3rver;
  const locks = new Map<string, Promise<void>>();
  const check: Middleware = async (ctx, next) => {
    const conditional = ctx.method === 'PUT' && ctx.get('if-none-match').trim() === '*' && ctx.query.uploadId === undefined;
    if (!conditional) return next();
    // path-style: /{bucket}/{key…}
    const [, bucket, ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const id = `${bucket}/${key}`;
    const previous = locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    locks.set(id, chained);
    await previous;
    try {
      if (await s3rver.store.existsObject(bucket, key)) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>`;
        return;
      }
      await next();
    } finally {
      release();
      if (locks.get(id) === chained) locks.delete(id);
    }
  };
  s3rver.middleware.unshift(check);
}
