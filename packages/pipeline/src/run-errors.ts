// Errors the run stages and their adapters throw. What each one does to a queue message is decided in one table
// (functions/lib/error-policy.ts); the CLI maps RejectedInputError to exit code 2 and anything else to 1.
// Bad input is core's RejectedInputError, re-exported here so that adapters import every error from one place.
export { RejectedInputError } from '@landwatch/core';

interface ErrorContext {
  /** The run the error belongs to, when known. */
  runId?: string;
  /** The tile the error belongs to, when known. */
  tileId?: string;
  /** The underlying error. */
  cause?: unknown;
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
