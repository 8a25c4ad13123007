// Faults the local runner can inject (docs/ORCHESTRATION.md, "Fault matrix"). Each one forces what AWS does now and
// then — an event delivered twice, a task invoked twice, a Lambda that dies at the worst moment — on the real handlers.
// Crashes are injected at the port (the object every handler talks to S3 and SQS through); nothing else is mocked.
import { AwsRunPort } from '../../functions/lib/aws-port.ts';
import type { StageMemory } from './stage-memory.ts';

export const FAULTS = [
  'duplicate-event', // the S3 event is delivered twice: ingest runs twice, the execution is started once
  'redeliver-tile', // the first tile task is invoked twice (at-least-once invocation)
  'crash-before-alert-claim', // each county's first finalize dies just before claiming its alert; the retry claims and sends
  'crash-after-alert-send', // each county's first finalize dies right after sending its alert; the retry must not send a second
  'poison-tile', // the first tile fails on every attempt: the run fails after the retries, with no alert
  'reupload-other-part-size', // after the run, the same bytes are uploaded again as a multipart upload: the same run
] as const;
export type Fault = (typeof FAULTS)[number];

export function parseFaults(text: string): Fault[] {
  const faults = text.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = faults.filter((f) => !(FAULTS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new Error(`unknown fault ${unknown.join(', ')}; known: ${FAULTS.join(', ')}`);
  return faults as Fault[];
}

/** An injected crash: the invocation dies (the task fails and Step Functions retries it). */
class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

type Task = (input: any) => Promise<unknown>;

/** Wraps each task function with the requested faults; also tells the memory sampler which stage and invocation
 * runs (a full GC before each tile only when the Maps run serially: concurrent tiles share one growth anyway). */
export function injectFaults(faults: readonly Fault[], memory: StageMemory, serial = false): (fn: string, task: Task) => Task {
  const has = (f: Fault) => faults.includes(f);
  if (has('crash-before-alert-claim')) crashOnce('claim', 'before', (file) => /^alert-claims\//.test(file.key));
  if (has('crash-after-alert-send')) crashOnce('sendAlert', 'after', () => true);
  let firstTile: string | undefined;
  let redelivered = false;
  return (fn, task) => async (input) => {
    if (fn === 'DetectTileFunction') {
      memory.stage('tiles');
      firstTile ??= input.tileId;
      if (has('poison-tile') && input.tileId === firstTile) throw new InjectedCrash(`tile ${input.tileId} is poison: it fails on every attempt`);
      if (has('redeliver-tile') && !redelivered) {
        redelivered = true;
        await task(input);
      }
      return memory.invocation('tile', () => task(input), serial);
    }
    if (fn === 'FinalizeFunction') {
      memory.stage('finalize');
      return memory.invocation(`finalize ${input?.countyCode ?? ''}`.trim(), () => task(input), true);
    }
    memory.stage('outcome');
    return memory.invocation('outcome', () => task(input), false);
  };
}

/** Makes the port's method throw once per county, before or after doing its work. */
function crashOnce(method: 'claim' | 'sendAlert', when: 'before' | 'after', applies: (arg: any) => boolean): void {
  const proto = AwsRunPort.prototype as unknown as Record<string, (...args: any[]) => Promise<unknown>>;
  const real = proto[method];
  const crashed = new Set<string>();
  proto[method] = async function (this: AwsRunPort, arg: any) {
    const county = method === 'claim' ? String(arg.key).split('/').pop() : arg.county?.code;
    const crash = applies(arg) && !crashed.has(county);
    if (crash) crashed.add(county);
    if (crash && when === 'before') throw new InjectedCrash(`finalize of ${county} died before claiming its alert`);
    const result = await real.call(this, arg);
    if (crash && when === 'after') throw new InjectedCrash(`finalize of ${county} died after sending its alert`);
    return result;
  };
}
