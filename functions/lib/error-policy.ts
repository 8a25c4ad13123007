// The one table that decides what an error does to the SQS record being processed.
import {
  MalformedMessageError,
  NotReadyError,
  ObjectChangedError,
  ObjectNotFoundError,
  PreconditionFailedError,
  RejectedInputError,
  StaleMessageError,
  TransientError,
  UnsupportedEventError,
} from './errors.ts';

/**
 * - `retry`: report the record as failed; SQS redelivers it after the visibility timeout, and moves it to the
 *   DLQ after maxReceiveCount receives (alarmed).
 * - `reject`: the input is bad; acknowledge the record, the handler writes the rejected status / run event.
 * - `drop`: nothing to do (a test event, a stale message); acknowledge the record and log why.
 */
export type ErrorOutcome = 'retry' | 'reject' | 'drop';

type ErrorClass = abstract new (...args: never[]) => Error;

/** First match wins; anything not listed (bugs, SDK errors, throttling) is retried and ends in the DLQ. */
export const ERROR_POLICY: ReadonlyArray<readonly [ErrorClass, ErrorOutcome, string]> = [
  [RejectedInputError, 'reject', 'bad input: tell the data team, never retry'],
  [UnsupportedEventError, 'drop', 's3:TestEvent or an event type we do not handle'],
  [StaleMessageError, 'drop', 'the run or object moved on; the newer message does the work'],
  [ObjectChangedError, 'drop', 'the upload was overwritten; its new ObjectCreated event starts a new run'],
  [NotReadyError, 'retry', 'come back after the visibility timeout'],
  [TransientError, 'retry', 'expected to pass'],
  [PreconditionFailedError, 'retry', 'lost a conditional write; the retry sees the winner and converges'],
  [ObjectNotFoundError, 'retry', 'a missing work file is a race or a bug: retry, then DLQ'],
  [MalformedMessageError, 'retry', 'an upstream bug: let it reach the DLQ where an alarm sees it'],
];

/** The outcome for an error according to ERROR_POLICY; `retry` for anything unknown. */
export function outcomeOf(error: unknown): ErrorOutcome {
  for (const [errorClass, outcome] of ERROR_POLICY) {
    if (error instanceof errorClass) return outcome;
  }
  return 'retry';
}
