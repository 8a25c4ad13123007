import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeLambdaContext } from '../../test/support/sqs-driver.ts';
import { NotReadyError, RejectedInputError, StaleMessageError, TransientError, UnsupportedEventError } from './errors.ts';
import { outcomeOf } from './error-policy.ts';
import { recordJson, sqsRecordHandler, type RecordContext } from './records.ts';

function record(id: string, body: unknown, options: { receiveCount?: number; fifo?: boolean } = {}): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '0',
      SenderId: 'x',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:landwatch-tiles${options.fifo ? '.fifo' : ''}`,
    awsRegion: 'us-east-1',
  };
}
const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

let lines: Record<string, unknown>[];
let metrics: Record<string, unknown>[];
beforeEach(() => {
  lines = [];
  metrics = [];
  // Powertools writes INFO to stdout and WARN/ERROR to stderr, one JSON object per line; metrics (EMF) too.
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (typeof parsed.message === 'string') lines.push(parsed);
      if (parsed._aws) metrics.push(parsed);
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

describe('sqsRecordHandler', () => {
  it('reports exactly the one failing record of three', async () => {
    const seen: string[] = [];
    const handler = sqsRecordHandler('test', async (r) => {
      const body = recordJson<{ n: number }>(r);
      seen.push(r.messageId);
      if (body.n === 2) throw new Error('boom');
    });
    const response = await handler(event(record('m1', { n: 1 }), record('m2', { n: 2 }), record('m3', { n: 3 })), fakeLambdaContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(seen).toEqual(['m1', 'm2', 'm3']);
    // One EMF document per invocation with a count per outcome (the cold start goes in its own document).
    const counts = metrics.find((m) => 'RecordSucceeded' in m);
    expect(counts).toMatchObject({ RecordSucceeded: 2, RecordRetried: 1, service: 'landwatch-test' });
  });

  it('acknowledges rejected and dropped records, retries NotReady and Transient', async () => {
    const rejected: Array<{ id: string; reasons: readonly string[]; runId?: string }> = [];
    const handler = sqsRecordHandler(
      'test',
      async (r, ctx) => {
        const { kind } = recordJson<{ kind: string }>(r);
        if (kind === 'bad') {
          ctx.setRunId('2024-aaaaaaaaaaaa');
          throw new RejectedInputError(['unknown CRS EPSG:3857', 'missing field BGHDLBM']);
        }
        if (kind === 'test') throw new UnsupportedEventError('s3:TestEvent', 's3:TestEvent');
        if (kind === 'stale') throw new StaleMessageError('older run');
        if (kind === 'early') throw new NotReadyError('3 of 5 tiles done');
        if (kind === 'flaky') throw new TransientError('throttled');
      },
      {
        onReject: async (error, ctx) => {
          rejected.push({ id: ctx.record.messageId, reasons: (error as RejectedInputError).reasons, runId: ctx.runId });
        },
      },
    );
    const response = await handler(
      event(
        record('bad', { kind: 'bad' }),
        record('test', { kind: 'test' }),
        record('stale', { kind: 'stale' }),
        record('early', { kind: 'early' }),
        record('flaky', { kind: 'flaky' }),
        record('ok', { kind: 'ok' }),
        record('junk', 'not json'),
      ),
      fakeLambdaContext(),
    );
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['early', 'flaky', 'junk']);
    expect(rejected).toEqual([{ id: 'bad', reasons: ['unknown CRS EPSG:3857', 'missing field BGHDLBM'], runId: '2024-aaaaaaaaaaaa' }]);
    const rejectLine = lines.find((l) => l.message === 'input rejected');
    expect(rejectLine).toMatchObject({ runId: '2024-aaaaaaaaaaaa', messageId: 'bad', reasons: ['unknown CRS EPSG:3857', 'missing field BGHDLBM'] });
  });

  it('retries a reject whose status could not be written', async () => {
    const handler = sqsRecordHandler(
      'test',
      async () => {
        throw new RejectedInputError(['empty upload']);
      },
      { onReject: async () => Promise.reject(new Error('S3 down')) },
    );
    expect(await handler(event(record('a', {})), fakeLambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }] });
  });

  it('lets classify override the table', async () => {
    const handler = sqsRecordHandler(
      'test',
      async () => {
        throw new TransientError('input vanished');
      },
      { classify: (error) => (error instanceof TransientError ? 'drop' : undefined) },
    );
    expect(await handler(event(record('a', {})), fakeLambdaContext())).toEqual({ batchItemFailures: [] });
  });

  it('puts runId and tileId on every log line of the record, and only of that record', async () => {
    const handler = sqsRecordHandler('test', async (r, ctx: RecordContext) => {
      const { runId, tileId } = recordJson<{ runId: string; tileId: string }>(r);
      ctx.setRunId(runId);
      ctx.logger.info('reading tile');
      return { tileId };
    });
    await handler(
      event(record('m1', { runId: '2024-111111111111', tileId: 't0001' }), record('m2', { runId: '2024-222222222222', tileId: 't0002' })),
      fakeLambdaContext({ functionName: 'landwatch-detect-tile' }),
    );
    const reading = lines.filter((l) => l.message === 'reading tile');
    expect(reading.map((l) => [l.runId, l.messageId])).toEqual([
      ['2024-111111111111', 'm1'],
      ['2024-222222222222', 'm2'],
    ]);
    const processed = lines.filter((l) => l.message === 'record processed');
    expect(processed.map((l) => [l.runId, l.tileId, l.function_name])).toEqual([
      ['2024-111111111111', 't0001', 'landwatch-detect-tile'],
      ['2024-222222222222', 't0002', 'landwatch-detect-tile'],
    ]);
    expect(reading[1]!.tileId).toBeUndefined(); // m1's tileId did not leak into m2
  });

  it('on a FIFO queue, fails every record after the first failure without processing them', async () => {
    const seen: string[] = [];
    const handler = sqsRecordHandler('test', async (r) => {
      seen.push(r.messageId);
      if (r.messageId === 'f2') throw new NotReadyError('not yet');
    });
    const fifo = { fifo: true };
    const response = await handler(event(record('f1', {}, fifo), record('f2', {}, fifo), record('f3', {}, fifo)), fakeLambdaContext());
    expect(seen).toEqual(['f1', 'f2']);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['f2', 'f3']);
  });

  it('calls onFinalFailure on the last attempt only', async () => {
    const finals: Array<[string, number]> = [];
    const handler = sqsRecordHandler(
      'test',
      async () => {
        throw new Error('always');
      },
      { maxReceiveCount: 3, onFinalFailure: async (_e, ctx) => void finals.push([ctx.record.messageId, ctx.receiveCount]) },
    );
    await handler(event(record('a', {}, { receiveCount: 2 }), record('b', {}, { receiveCount: 3 })), fakeLambdaContext());
    expect(finals).toEqual([['b', 3]]);
  });

  it('stops taking records when the Lambda is about to time out', async () => {
    const handler = sqsRecordHandler(
      'test',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
      },
      { minRemainingMillis: 990 },
    );
    const response = await handler(event(record('a', {}), record('b', {}), record('c', {})), fakeLambdaContext({ timeoutMillis: 1000 }));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['b', 'c']);
  });
});

describe('ERROR_POLICY', () => {
  it('retries what it does not know', () => {
    expect(outcomeOf(new TypeError('bug'))).toBe('retry');
    expect(outcomeOf('a string')).toBe('retry');
    expect(outcomeOf(new RejectedInputError(['x']))).toBe('reject');
    expect(outcomeOf(new UnsupportedEventError('s3:TestEvent', 's3:TestEvent'))).toBe('drop');
  });
});
