import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendAlert } from '../../functions/lib/events.ts';
import { NotReadyError, RejectedInputError } from '../../functions/lib/errors.ts';
import { configHash, runIdFor, surveyYearFromKey } from '@landwatch/pipeline';
import { recordJson, sqsRecordHandler } from '../../functions/lib/records.ts';
import { s3ByteSource } from '../../functions/lib/s3-byte-source.ts';
import { createdObjectsOf } from '../../functions/lib/s3-event.ts';
import { exists, getBytes, listKeys, putBytes, putJson } from '../../functions/lib/s3-objects.ts';
import example from '../../functions/schemas/examples/county-alert.v1.example.json' with { type: 'json' };
import { startEmulators, type Emulators } from './emulators.ts';
import { notifyObjectCreated, notifyTestEvent } from './s3-notifications.ts';
import { drainAll, pumpQueue, queueDepth, receiveAll } from './sqs-driver.ts';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => emu?.stop());
beforeEach(() => {
  // Keep the Powertools JSON logs out of the test output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return () => vi.restoreAllMocks();
});

const send = (queueUrl: string, body: unknown) =>
  emu.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));

describe('pumpQueue', () => {
  it('redelivers the failed record until it succeeds, with a growing receive count', async () => {
    const attempts = new Map<number, number[]>();
    const handler = sqsRecordHandler('pump', async (record) => {
      const { n } = recordJson<{ n: number }>(record);
      attempts.set(n, [...(attempts.get(n) ?? []), Number(record.attributes.ApproximateReceiveCount)]);
      if (n === 2 && attempts.get(n)!.length < 3) throw new Error('flaky');
    });
    for (const n of [1, 2, 3]) await send(emu.queues.tiles, { n });
    const result = await pumpQueue(emu.queues.tiles, handler, { batchSize: 10 });
    expect(result.invocations.map((i) => i.failedIds.length)).toEqual([1, 1, 0]);
    expect(result).toMatchObject({ received: 5, deleted: 3, failed: 2 });
    expect(attempts.get(2)).toEqual([1, 2, 3]);
    expect(attempts.get(1)).toEqual([1]);
    expect(await queueDepth(emu.sqs, emu.queues.tiles)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('moves a record that always fails to the DLQ after maxReceiveCount (3), calling onFinalFailure once', async () => {
    const finals: number[] = [];
    const handler = sqsRecordHandler(
      'pump',
      async (record) => {
        if (recordJson<{ poison?: boolean }>(record).poison) throw new Error('always');
      },
      { onFinalFailure: async (_e, ctx) => void finals.push(ctx.receiveCount) },
    );
    await send(emu.queues.tiles, { poison: true });
    await send(emu.queues.tiles, { poison: false });
    const result = await pumpQueue(emu.queues.tiles, handler);
    expect(result.received).toBe(4); // 1 good + 3 deliveries of the poison message
    expect(finals).toEqual([3]);
    const dead = await receiveAll(emu.sqs, emu.queues.tilesDlq);
    expect(dead.map((m) => JSON.parse(m.Body!))).toEqual([{ poison: true }]);
  });

  it('treats a handler that throws as a failed batch, and unknown failure ids as all failed', async () => {
    await send(emu.queues.tiles, { a: 1 });
    let calls = 0;
    const result = await pumpQueue(emu.queues.tiles, async (event) => {
      calls++;
      if (calls === 1) throw new Error('crash');
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] };
      return { batchItemFailures: [] };
    });
    expect(result.invocations.map((i) => [i.failedIds.length, i.error !== undefined])).toEqual([
      [1, true],
      [1, false],
      [0, false],
    ]);
  });

  it('builds Lambda-shaped records', async () => {
    await emu.sqs.send(
      new SendMessageCommand({
        QueueUrl: emu.queues.finalize,
        MessageBody: '{"runId":"2024-aaaaaaaaaaaa"}',
        MessageGroupId: '2024-aaaaaaaaaaaa',
        MessageDeduplicationId: '2024-aaaaaaaaaaaa',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'finalize' } },
      }),
    );
    let seen: any;
    await pumpQueue(emu.queues.finalize, async (event, context) => {
      seen = { record: event.Records[0], remaining: context.getRemainingTimeInMillis() };
    });
    expect(seen.record).toMatchObject({
      body: '{"runId":"2024-aaaaaaaaaaaa"}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:landwatch-finalize.fifo',
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1', MessageGroupId: '2024-aaaaaaaaaaaa', MessageDeduplicationId: '2024-aaaaaaaaaaaa' },
      messageAttributes: { kind: { dataType: 'String', stringValue: 'finalize', stringListValues: [], binaryListValues: [] } },
    });
    expect(seen.record.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.remaining).toBeGreaterThan(50_000);
  });
});

describe('S3 notifications through the uploads queue', () => {
  it('delivers ObjectCreated as S3 does; test events are dropped; duplicates give the same run', async () => {
    const key = 'changes/2024/湖南 零陵区.fgb';
    const bytes = Uint8Array.from([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x01, 1, 2, 3, 4]);
    await putBytes(emu.s3, emu.buckets.uploads, key, bytes);
    const seen: string[] = [];
    const ingest = sqsRecordHandler(
      'ingest',
      async (record, ctx) => {
        for (const object of createdObjectsOf(record.body, record.messageId)) {
          const source = await s3ByteSource(emu.s3, object.bucket, object.key, { etag: object.etag, size: object.size });
          const magic = await source.read(0, 8);
          const surveyYear = surveyYearFromKey(object.key)!;
          const runId = runIdFor({ surveyYear, contentSha256: configHash({ key: object.key, etag: object.etag }), configHash: configHash({ v: 1 }) });
          ctx.setRunId(runId);
          seen.push(runId);
          if (magic[3] !== 3) throw new RejectedInputError(['not a FlatGeobuf']);
          await putJson(emu.s3, emu.buckets.results, `runs/${runId}/status.json`, { runId, state: 'accepted', upload: object });
        }
      },
    );
    await notifyTestEvent(emu.sqs, emu.queues.uploads, emu.buckets.uploads);
    await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key);
    await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key); // S3 delivers at least once
    const result = await pumpQueue(emu.queues.uploads, ingest, { batchSize: 1 });
    expect(result).toMatchObject({ received: 3, deleted: 3, failed: 0 });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(await listKeys(emu.s3, emu.buckets.results, `runs/${seen[0]}/`)).toEqual([`runs/${seen[0]}/status.json`]);
    const status = JSON.parse(new TextDecoder().decode(await getBytes(emu.s3, emu.buckets.results, `runs/${seen[0]}/status.json`)));
    expect(status.upload.key).toBe(key);
  });
});

describe('drainAll', () => {
  it('runs a toy fan-out / fan-in across three queues to exactly one alert', async () => {
    const runId = '2024-3f9c0a1b2c3d';
    const tiles = ['t0', 't1', 't2', 't3'];
    const start = sqsRecordHandler('start', async () => {
      for (const tileId of tiles) await send(emu.queues.tiles, { runId, tileId });
      await send(emu.queues.tiles, { runId, tileId: 't1' }); // a duplicate tile job
    });
    const tile = sqsRecordHandler('tile', async (record) => {
      const job = recordJson<{ runId: string; tileId: string }>(record);
      await putJson(emu.s3, emu.buckets.results, `runs/${job.runId}/tiles/${job.tileId}.json`, { done: true });
      await emu.sqs.send(
        new SendMessageCommand({ QueueUrl: emu.queues.finalize, MessageBody: JSON.stringify({ runId }), MessageGroupId: runId, MessageDeduplicationId: `${runId}:${job.tileId}` }),
      );
      return { runId: job.runId, tileId: job.tileId };
    });
    let finalizeCalls = 0;
    const finalize = sqsRecordHandler('finalize', async (record) => {
      finalizeCalls++;
      const { runId: id } = recordJson<{ runId: string }>(record);
      const done = await listKeys(emu.s3, emu.buckets.results, `runs/${id}/tiles/`);
      if (done.length < tiles.length) throw new NotReadyError(`${done.length} of ${tiles.length} tiles done`, { runId: id });
      if (await exists(emu.s3, emu.buckets.results, `runs/${id}/alerted`)) return { runId: id };
      await sendAlert(structuredClone(example) as never, { sqs: emu.sqs, queueUrl: emu.queues.alerts });
      await putBytes(emu.s3, emu.buckets.results, `runs/${id}/alerted`, '');
      return { runId: id };
    });
    await send(emu.queues.uploads, { go: true });
    const result = await drainAll(
      [
        { queueUrl: emu.queues.uploads, handler: start },
        { queueUrl: emu.queues.tiles, handler: tile, options: { batchSize: 2, concurrency: 2 } },
        { queueUrl: emu.queues.finalize, handler: finalize },
      ],
      { order: 'round-robin' },
    );
    expect(result.leftInFlight).toBe(0);
    expect(result.perQueue[emu.queues.tiles]!.deleted).toBe(5);
    expect(finalizeCalls).toBeGreaterThanOrEqual(1);
    expect(await receiveAll(emu.sqs, emu.queues.alerts)).toHaveLength(1);
    for (const dlq of [emu.queues.uploadsDlq, emu.queues.tilesDlq, emu.queues.finalizeDlq]) {
      expect((await queueDepth(emu.sqs, dlq)).visible).toBe(0);
    }
  });
});
