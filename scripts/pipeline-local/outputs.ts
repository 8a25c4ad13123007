// What the local runner writes: every message each county queue received (alerts/{countyCode}.jsonl, and
// alerts/unrouted.jsonl when a county had no queue), every run event (run-events.jsonl), the results prefix of the
// results bucket as files (results/…), and the run's state from its by-upload pointer and status.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Message } from '@aws-sdk/client-sqs';
import type { Emulators } from '../../test/support/emulators.ts';

async function getText(emu: Emulators, key: string): Promise<string | undefined> {
  try {
    const body = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: key }));
    return await body.Body!.transformToString();
  } catch {
    return undefined;
  }
}

/** The run an upload key started and where it stands (`none` when ingest never decided). */
export async function readRunState(emu: Emulators, uploadKey: string): Promise<{ runId?: string; state: string; reasons?: string[] }> {
  const pointer = await getText(emu, `by-upload/${uploadKey}.json`);
  if (!pointer) return { state: 'none' };
  const { runId } = JSON.parse(pointer) as { runId: string };
  const status = await getText(emu, `runs/${runId}/status.json`);
  if (!status) return { runId, state: 'none' };
  const { state, reasons } = JSON.parse(status) as { state: string; reasons?: string[] };
  return { runId, state, ...(reasons ? { reasons } : {}) };
}

const jsonl = (messages: Message[]) => messages.map((m) => `${JSON.stringify(JSON.parse(m.Body!))}\n`).join('');

export async function collectOutputs(
  emu: Emulators,
  out: string,
  countyQueues: ReadonlyMap<string, string>,
  receive: (queueUrl: string) => Promise<Message[]>,
): Promise<{ alerts: Record<string, number>; runEvents: number; results: number }> {
  const alerts: Record<string, number> = {};
  await mkdir(join(out, 'alerts'), { recursive: true });
  for (const [code, url] of [...countyQueues, ['unrouted', emu.queues.alerts] as const]) {
    const messages = await receive(url);
    if (code === 'unrouted' && messages.length === 0) continue;
    alerts[code] = messages.length;
    await writeFile(join(out, 'alerts', `${code}.jsonl`), jsonl(messages));
  }
  const events = await receive(emu.queues.runEvents);
  await writeFile(join(out, 'run-events.jsonl'), jsonl(events));
  let results = 0;
  let token: string | undefined;
  do {
    const page = await emu.s3.send(new ListObjectsV2Command({ Bucket: emu.buckets.results, Prefix: 'results/', ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const body = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: o.Key! }));
      const file = join(out, o.Key!);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, await body.Body!.transformToByteArray());
      results++;
    }
    token = page.NextContinuationToken;
  } while (token);
  return { alerts, runEvents: events.length, results };
}
