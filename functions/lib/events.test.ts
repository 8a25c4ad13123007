import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type Emulators } from '../../test/support/emulators.ts';
import { receiveAll } from '../../test/support/sqs-driver.ts';
import example from '../schemas/examples/county-alert.v1.example.json' with { type: 'json' };
import { MessageTooLargeError, maxSeverityOf, sendAlert, sendRunEvent } from './events.ts';
import { MessageValidationError, validateCountyAlert, validateRunEvent } from './message-schemas.ts';
import type { CountyAlert } from './messages.ts';

let emu: Emulators;
const alert = () => structuredClone(example) as unknown as CountyAlert;

beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => emu?.stop());

describe('sendAlert', () => {
  it('sends one message per alertBatchId to a FIFO queue, with the attributes', async () => {
    const options = { sqs: emu.sqs, queueUrl: emu.queues.alerts };
    await sendAlert(alert(), options);
    await sendAlert(alert(), options); // a finalize retried: same alertBatchId
    const other = alert();
    other.alertBatchId = '2024-3f9c0a1b2c3d:431103';
    other.county.code = '431103';
    await sendAlert(other, options);
    const messages = await receiveAll(emu.sqs, emu.queues.alerts);
    expect(messages.map((m) => JSON.parse(m.Body!).alertBatchId)).toEqual(['2024-3f9c0a1b2c3d:431102', '2024-3f9c0a1b2c3d:431103']);
    const first = messages[0]!;
    expect(first.Attributes?.MessageGroupId).toBe('431102');
    expect(first.Attributes?.MessageDeduplicationId).toBe('2024-3f9c0a1b2c3d:431102');
    expect(first.MessageAttributes?.countyCode?.StringValue).toBe('431102');
    expect(first.MessageAttributes?.maxSeverity?.StringValue).toBe('critical');
    expect(first.MessageAttributes?.schema?.StringValue).toBe('landwatch.county-alert/v1');
    for (const m of messages) validateCountyAlert(JSON.parse(m.Body!)); // every sent message matches the schema
  });

  it('sends to a standard queue without FIFO parameters', async () => {
    await sendAlert(alert(), { sqs: emu.sqs, queueUrl: emu.queues.runEvents });
    const [message] = await receiveAll(emu.sqs, emu.queues.runEvents);
    expect(message?.Attributes?.MessageGroupId).toBeUndefined();
  });

  it('refuses an invalid alert without sending it', async () => {
    const bad = alert() as unknown as Record<string, unknown>;
    delete bad.totals;
    await expect(sendAlert(bad as unknown as CountyAlert, { sqs: emu.sqs, queueUrl: emu.queues.alerts })).rejects.toThrow(MessageValidationError);
    expect(await receiveAll(emu.sqs, emu.queues.alerts)).toEqual([]);
  });

  it('refuses an alert over 256 KiB', async () => {
    const big = alert();
    big.townships = Array.from({ length: 4000 }, (_, i) => ({ code: String(431102001 + i).slice(0, 9), name: '朝阳街道朝阳街道朝阳街道', detections: i, areaMu: i }));
    await expect(sendAlert(big, { sqs: emu.sqs, queueUrl: emu.queues.alerts })).rejects.toThrow(MessageTooLargeError);
  });

  it('computes maxSeverity from the counts', () => {
    const a = alert();
    a.totals.bySeverity = { low: 2, info: 1 };
    expect(maxSeverityOf(a)).toBe('low');
    a.totals.bySeverity = { high: 0 };
    expect(maxSeverityOf(a)).toBe('none');
  });
});

describe('sendRunEvent', () => {
  it('fills schema and occurredAt, validates, and sets attributes', async () => {
    const upload = { bucket: emu.buckets.uploads, key: 'changes/2024/a.fgb', etag: 'abc' };
    await sendRunEvent({ type: 'rejected', runId: '2024-3f9c0a1b2c3d', surveyYear: 2024, upload, reasons: ['unknown CRS EPSG:3857'] }, { sqs: emu.sqs, queueUrl: emu.queues.runEvents });
    await sendRunEvent({ type: 'tile-failed', runId: '2024-3f9c0a1b2c3d', tileId: 't0003', reason: 'Error: boom' }, { sqs: emu.sqs, queueUrl: emu.queues.runEvents });
    const messages = await receiveAll(emu.sqs, emu.queues.runEvents);
    const bodies = messages.map((m) => JSON.parse(m.Body!));
    expect(bodies.map((b) => b.type)).toEqual(['rejected', 'tile-failed']);
    bodies.forEach((b) => validateRunEvent(b));
    expect(bodies[0]).toMatchObject({ schema: 'landwatch.run-event/v1', reasons: ['unknown CRS EPSG:3857'] });
    expect(Date.parse(bodies[0].occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(messages[0]!.MessageAttributes?.type?.StringValue).toBe('rejected');
    await expect(
      sendRunEvent({ type: 'rejected', runId: '2024-3f9c0a1b2c3d', upload, reasons: [] }, { sqs: emu.sqs, queueUrl: emu.queues.runEvents }),
    ).rejects.toThrow(MessageValidationError);
  });

  it('deduplicates on a FIFO run-events queue by runId and type', async () => {
    const { createQueue } = await import('../../test/support/emulators.ts');
    const queueUrl = await createQueue(emu.sqs, 'landwatch-run-events-test.fifo');
    const input = { type: 'finished', runId: '2024-3f9c0a1b2c3d', detections: 0, counties: [] } as const;
    await sendRunEvent({ ...input, counties: [] }, { sqs: emu.sqs, queueUrl });
    await sendRunEvent({ ...input, counties: [] }, { sqs: emu.sqs, queueUrl });
    expect(await receiveAll(emu.sqs, queueUrl)).toHaveLength(1);
    // A plain send with an explicit different dedup id still goes through (sanity check of the emulator).
    await emu.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{}', MessageGroupId: 'g', MessageDeduplicationId: 'other' }));
    expect(await receiveAll(emu.sqs, queueUrl)).toHaveLength(1);
  });
});
