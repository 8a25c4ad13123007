// Errors the handlers throw; error-policy.ts decides what each one does to an SQS record.

interface ErrorContext {
  /** The run the error belongs to, when known. */
  runId?: string;
  /** The tile the error belongs to, when known. */
  tileId?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** The input is bad (an upload that cannot be processed): acknowledge the record, report every reason. */
export class RejectedInputError extends Error {
  override readonly name = 'RejectedInputError';
  readonly runId?: string;
  constructor(
    /** Every reason, one sentence each (DESIGN §3: all of them, not just the first). */
    readonly reasons: readonly string[],
    context: ErrorContext = {},
  ) {
    super(`input rejected: ${reasons.join('; ')}`, { cause: context.cause });
    this.runId = context.runId;
  }
}

/** The work cannot be done yet (e.g. finalize before every tile is done): retry later. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
  readonly runId?: string;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, { cause: context.cause });
    this.runId = context.runId;
  }
}

/** A failure expected to go away by itself (throttling, a dependency briefly down): retry. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  readonly runId?: string;
  readonly tileId?: string;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, { cause: context.cause });
    this.runId = context.runId;
    this.tileId = context.tileId;
  }
}

/** The message refers to something that has moved on (an older run, an overwritten upload): drop it. */
export class StaleMessageError extends Error {
  override readonly name = 'StaleMessageError';
  readonly runId?: string;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, { cause: context.cause });
    this.runId = context.runId;
  }
}

/** An event that is not for us (s3:TestEvent, an S3 event other than ObjectCreated): drop it. */
export class UnsupportedEventError extends Error {
  override readonly name = 'UnsupportedEventError';
  constructor(
    message: string,
    /** The event name, e.g. `s3:TestEvent` or `ObjectRemoved:Delete`. */
    readonly eventName: string,
  ) {
    super(message);
  }
}

/** A record body that is not what the queue carries (not JSON, wrong shape): a bug upstream, so retry → DLQ. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  constructor(
    message: string,
    /** The SQS message id. */
    readonly messageId: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

/** An S3 object changed (its ETag differs from the pinned one) while we were reading it. */
export class ObjectChangedError extends Error {
  override readonly name = 'ObjectChangedError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    /** The pinned ETag, without quotes. */
    readonly expectedEtag: string,
    /** The ETag S3 reported, without quotes; undefined when S3 answered 412 Precondition Failed. */
    readonly actualEtag: string | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(
      `s3://${bucket}/${key} changed while being read: expected ETag ${expectedEtag}, ` +
        (actualEtag === undefined ? 'S3 refused the pinned ETag' : `got ${actualEtag}`),
      { cause: options.cause },
    );
  }
}

/** An S3 object does not exist. */
export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    options: { cause?: unknown } = {},
  ) {
    super(`s3://${bucket}/${key} does not exist`, { cause: options.cause });
  }
}

/** A conditional write (If-None-Match / If-Match) lost: someone else wrote the object first. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    options: { cause?: unknown } = {},
  ) {
    super(`conditional write of s3://${bucket}/${key} failed: the object was written by someone else`, {
      cause: options.cause,
    });
  }
}
