// SQS consumers as middy handlers: records one by one, partial batch responses, error-policy outcomes,
// runId / tileId on every log line (docs/ARCHITECTURE.md, "Handler contract").
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { outcomeOf, type ErrorOutcome } from './error-policy.ts';
import { MalformedMessageError, NotReadyError, RejectedInputError } from './errors.ts';

/** What processRecord sees besides the record. */
export interface RecordContext {
  readonly record: SQSRecord;
  /** ApproximateReceiveCount: 1 on the first delivery. */
  readonly receiveCount: number;
  /** True when this delivery is the last before the DLQ (receiveCount ≥ maxReceiveCount). */
  readonly lastAttempt: boolean;
  /** The function's logger; runId / tileId / messageId are attached while the record is processed. */
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Aborted by middy just before the Lambda times out: pass it to long operations. */
  readonly signal: AbortSignal;
  readonly lambdaContext: Context;
  /** The ids set so far. */
  readonly runId: string | undefined;
  readonly tileId: string | undefined;
  /** Attach the run id to every following log line of this record. */
  setRunId(runId: string): void;
  /** Attach the tile id to every following log line of this record. */
  setTileId(tileId: string): void;
}

/** Ids a record belongs to, returned by processRecord as an alternative to setRunId / setTileId. */
export interface RecordIds {
  runId?: string;
  tileId?: string;
}

/** Processes one record; throws to fail it (the error policy decides what failing means). */
export type ProcessRecord = (record: SQSRecord, context: RecordContext) => Promise<RecordIds | void>;

/** Options of sqsRecordHandler. */
export interface SqsRecordHandlerOptions {
  /** Overrides ERROR_POLICY for this function; return undefined to fall back to it. */
  classify?: (error: unknown, context: RecordContext) => ErrorOutcome | undefined;
  /** Called for `reject` outcomes: write the rejected status.json / run event. If it throws, the record is retried. */
  onReject?: (error: unknown, context: RecordContext) => Promise<void>;
  /** Called when a `retry` happens on the last attempt (the message goes to the DLQ next); errors are logged only. */
  onFinalFailure?: (error: unknown, context: RecordContext) => Promise<void>;
  /** The queue's redrive maxReceiveCount (only used to tell the last attempt); default: LANDWATCH_MAX_RECEIVE_COUNT,
   * which the stack sets from the queue's own redrive policy, else 3. */
  maxReceiveCount?: number;
  /** Stop taking new records when less time remains; they are reported as failed. Default 0: off. */
  minRemainingMillis?: number;
  /** Logger; default a Powertools Logger with serviceName `landwatch-{name}`. */
  logger?: Logger;
  /** Metrics; default Powertools Metrics in namespace LandWatch. */
  metrics?: Metrics;
}

/** Counter per outcome, one metric each. */
const OUTCOME_METRIC: Record<ErrorOutcome | 'success', string> = {
  success: 'RecordSucceeded',
  retry: 'RecordRetried',
  reject: 'RecordRejected',
  drop: 'RecordDropped',
};

const RECORD_KEYS = ['messageId', 'receiveCount', 'runId', 'tileId'];

/**
 * A Lambda handler for an SQS event source with ReportBatchItemFailures: each record is processed in turn; a
 * record whose error is classified `retry` is listed in batchItemFailures, `reject` and `drop` are acknowledged.
 * On a FIFO queue the first failure also fails every later record of the batch, to keep the order.
 */
export function sqsRecordHandler(
  name: string,
  processRecord: ProcessRecord,
  options: SqsRecordHandlerOptions = {},
): MiddyfiedHandler<SQSEvent, SQSBatchResponse> {
  const logger = options.logger ?? new Logger({ serviceName: `landwatch-${name}` });
  const metrics = options.metrics ?? new Metrics({ namespace: 'LandWatch', serviceName: `landwatch-${name}` });
  const maxReceiveCount = options.maxReceiveCount ?? (Number(process.env.LANDWATCH_MAX_RECEIVE_COUNT) || 3);
  const minRemainingMillis = options.minRemainingMillis ?? 0;

  const processBatch = async (event: SQSEvent, lambdaContext: Context, { signal }: { signal: AbortSignal }): Promise<SQSBatchResponse> => {
    const records = event?.Records ?? [];
    const failures: SQSBatchItemFailure[] = [];
    const tally: Record<ErrorOutcome | 'success', number> = { success: 0, retry: 0, reject: 0, drop: 0 };
    let stopReason: string | undefined;
    for (const record of records) {
      if (stopReason === undefined && minRemainingMillis > 0 && typeof lambdaContext?.getRemainingTimeInMillis === 'function') {
        if (lambdaContext.getRemainingTimeInMillis() < minRemainingMillis) stopReason = 'too little time left';
      }
      if (stopReason !== undefined) {
        failures.push({ itemIdentifier: record.messageId });
        tally.retry++;
        logger.warn('record not processed', { messageId: record.messageId, reason: stopReason });
        continue;
      }
      const outcome = await processOne(record, lambdaContext, signal);
      tally[outcome]++;
      if (outcome === 'retry') {
        failures.push({ itemIdentifier: record.messageId });
        if (record.eventSourceARN?.endsWith('.fifo')) stopReason = 'an earlier record of this FIFO batch failed';
      }
    }
    for (const [outcome, count] of Object.entries(tally) as [ErrorOutcome | 'success', number][]) {
      if (count > 0) metrics.addMetric(OUTCOME_METRIC[outcome], MetricUnit.Count, count);
    }
    return { batchItemFailures: failures };
  };

  const processOne = async (record: SQSRecord, lambdaContext: Context, signal: AbortSignal): Promise<ErrorOutcome | 'success'> => {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
    let runId: string | undefined;
    let tileId: string | undefined;
    const context: RecordContext = {
      record,
      receiveCount,
      lastAttempt: receiveCount >= maxReceiveCount,
      logger,
      metrics,
      signal,
      lambdaContext,
      get runId() {
        return runId;
      },
      get tileId() {
        return tileId;
      },
      setRunId(id) {
        runId = id;
        logger.appendKeys({ runId: id });
      },
      setTileId(id) {
        tileId = id;
        logger.appendKeys({ tileId: id });
      },
    };
    logger.appendKeys({ messageId: record.messageId, receiveCount });
    const started = Date.now();
    let outcome: ErrorOutcome | 'success';
    try {
      const ids = await processRecord(record, context);
      if (ids?.runId && ids.runId !== runId) context.setRunId(ids.runId);
      if (ids?.tileId && ids.tileId !== tileId) context.setTileId(ids.tileId);
      outcome = 'success';
      logger.info('record processed', { durationMs: Date.now() - started });
    } catch (error) {
      const ids = error as { runId?: unknown; tileId?: unknown };
      if (runId === undefined && typeof ids?.runId === 'string') context.setRunId(ids.runId);
      if (tileId === undefined && typeof ids?.tileId === 'string') context.setTileId(ids.tileId);
      outcome = options.classify?.(error, context) ?? outcomeOf(error);
      outcome = await settle(outcome, error, context, Date.now() - started);
    } finally {
      logger.removeKeys(RECORD_KEYS);
    }
    return outcome;
  };

  /** Logs the outcome and runs its hook; a failing reject hook turns the outcome into a retry. */
  const settle = async (outcome: ErrorOutcome, error: unknown, context: RecordContext, durationMs: number): Promise<ErrorOutcome> => {
    if (outcome === 'drop') {
      logger.info('record dropped', { reason: describe(error), durationMs });
      return 'drop';
    }
    if (outcome === 'reject') {
      logger.warn('input rejected', {
        reasons: error instanceof RejectedInputError ? error.reasons : [describe(error)],
        durationMs,
      });
      try {
        await options.onReject?.(error, context);
        return 'reject';
      } catch (hookError) {
        logger.error('could not record the rejection; the record will be retried', { error: hookError as Error });
        return 'retry';
      }
    }
    const details = { error: error as Error, lastAttempt: context.lastAttempt, durationMs };
    if (error instanceof NotReadyError && !context.lastAttempt) logger.info('record not ready; it will be retried', details);
    else logger.error('record failed; it will be retried', details);
    if (context.lastAttempt && options.onFinalFailure) {
      try {
        await options.onFinalFailure(error, context);
      } catch (hookError) {
        logger.error('onFinalFailure failed', { error: hookError as Error });
      }
    }
    return 'retry';
  };

  return middy<SQSEvent, SQSBatchResponse>(processBatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** The record body parsed as JSON. @throws MalformedMessageError */
export function recordJson<T = unknown>(record: SQSRecord): T {
  try {
    return JSON.parse(record.body) as T;
  } catch (error) {
    throw new MalformedMessageError(`message body is not JSON: ${(error as Error).message}`, record.messageId, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
