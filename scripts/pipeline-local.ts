// npm run pipeline:local -- --changes FILE --layers layers.json --out DIR [--year N] [--counties C1,C2]
//   [--faults duplicate-event,redeliver-tile,crash-before-alert-claim,crash-after-alert-send,poison-tile,reupload-other-part-size]
//   [--tile-size N] [--serial] [--max-run-vertices N]
//
// The deployed code path on one machine (docs/ORCHESTRATION.md, "Local runner"): S3 (s3rver) and SQS (local-aws-sqs)
// on loopback, the synthesized state machine definition executed by aws-local-stepfunctions with its Lambda tasks
// served by the real handlers, and FILE uploaded and announced the way S3 does. Writes DIR/alerts/{countyCode}.jsonl,
// DIR/run-events.jsonl and DIR/results/; exit 0 when the run finished, 2 when the upload was rejected, 1 otherwise.
// DIR/pipeline-local.json adds the time and memory of every kind of invocation; `--serial` runs the Map states one
// item at a time so that each invocation's memory is its own (docs/SCALE.md, "How memory is measured").
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { uploadCompanionKeys } from '@landwatch/formats';
import { surveyYearFromPath } from '@landwatch/pipeline';
import { StateMachine } from 'aws-local-stepfunctions';
import { applyEnv, createQueue, startEmulators, type Emulators } from '../test/support/emulators.ts';
import { notifyObjectCreated } from '../test/support/s3-notifications.ts';
import { startSfnEmulator } from '../test/support/sfn-emulator.ts';
import { pumpQueue, receiveAll, type SqsHandler } from '../test/support/sqs-driver.ts';
import { serialMaps, synthesizedRunDefinition, taskStates, withLocalItemReaders } from './pipeline-local/state-machine.ts';
import { collectOutputs, readRunState } from './pipeline-local/outputs.ts';
import { FAULTS, parseFaults, type Fault } from './pipeline-local/faults.ts';
import { S3Requests } from './pipeline-local/s3-requests.ts';
import { StageMemory } from './pipeline-local/stage-memory.ts';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node ≥ 22); Node 20 lacks it.
(Promise as unknown as { withResolvers?: unknown }).withResolvers ??= function <T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:LandWatchRun';
/** Retries wait this long locally instead of the deployed backoff (the attempts and their order are the same). */
const LOCAL_RETRY_MS = 20;

export interface PipelineLocalOptions {
  changes: string;
  layers: string;
  out: string;
  year?: number;
  counties?: string[];
  faults: Fault[];
  tileSize?: number;
  /** Map states one item at a time (per-invocation memory) */
  serial?: boolean;
  /** the protection layers' position budget of a run (LANDWATCH_MAX_RUN_VERTICES) */
  maxRunVertices?: number;
}

function usage(message: string): never {
  process.stderr.write(`pipeline:local: ${message}\nusage: npm run pipeline:local -- --changes FILE --layers layers.json --out DIR [--year N] [--counties C1,C2] [--faults ${FAULTS.join(',')}] [--tile-size N] [--serial] [--max-run-vertices N]\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): PipelineLocalOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { changes: { type: 'string' }, layers: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, counties: { type: 'string' }, faults: { type: 'string' }, 'tile-size': { type: 'string' }, serial: { type: 'boolean' }, 'max-run-vertices': { type: 'string' } },
    }).values;
  } catch (err) {
    usage((err as Error).message);
  }
  if (!values.changes || !values.layers || !values.out) usage('--changes, --layers and --out are required');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !/^\d{4}$/.test(String(values.year))) usage(`--year must be a 4-digit year, got ${values.year}`);
  const counties = values.counties?.split(',').map((c) => c.trim()).filter(Boolean);
  if (counties?.some((c) => !/^\d{6}$/.test(c))) usage(`--counties must be 6-digit county codes, got ${values.counties}`);
  let faults: Fault[];
  try {
    faults = parseFaults(values.faults ?? '');
  } catch (err) {
    usage((err as Error).message);
  }
  const tileSize = values['tile-size'] === undefined ? undefined : Number(values['tile-size']);
  if (tileSize !== undefined && !(Number.isInteger(tileSize) && tileSize > 0)) usage(`--tile-size must be a positive integer, got ${values['tile-size']}`);
  return { changes: resolve(values.changes), layers: resolve(values.layers), out: resolve(values.out), year, counties, faults, tileSize, serial: values.serial === true, maxRunVertices: values['max-run-vertices'] === undefined ? undefined : Number(values['max-run-vertices']) };
}

/** Puts the registry and its layers into the reference bucket, as a deployment's data team would. */
async function uploadLayers(emu: Emulators, layersPath: string): Promise<void> {
  const registry = JSON.parse(await readFile(layersPath, 'utf8')) as { layers: { path: string }[] };
  for (const l of registry.layers) {
    // streamed: a province's permanent farmland is gigabytes (8 GB generated for 14 large counties)
    const file = join(dirname(layersPath), l.path);
    await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.reference, Key: l.path, Body: createReadStream(file), ContentLength: (await stat(file)).size }));
  }
  await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.reference, Key: emu.env.LANDWATCH_LAYERS_KEY, Body: JSON.stringify(registry) }));
}

/** Uploads the change layer: one PutObject, or a multipart upload (another ETag for the same bytes). A Shapefile's
 * companions found beside it (.shx, .dbf, .prj, .cpg) go first, as a data team uploads the set before the .shp. */
async function uploadChanges(emu: Emulators, file: string, key: string, partSize?: number): Promise<void> {
  const { required, optional } = uploadCompanionKeys(file);
  for (const companion of [...required, ...optional].filter((c) => existsSync(c))) {
    await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.uploads, Key: `${key.slice(0, key.lastIndexOf('/') + 1)}${basename(companion)}`, Body: await readFile(companion) }));
  }
  if (partSize === undefined) {
    // streamed: a province file is gigabytes
    await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.uploads, Key: key, Body: createReadStream(file), ContentLength: (await stat(file)).size }));
    return;
  }
  const bytes = await readFile(file);
  const { UploadId } = await emu.s3.send(new CreateMultipartUploadCommand({ Bucket: emu.buckets.uploads, Key: key }));
  const parts = [];
  for (let offset = 0, n = 1; offset < bytes.length || n === 1; offset += partSize, n++) {
    const part = await emu.s3.send(new UploadPartCommand({ Bucket: emu.buckets.uploads, Key: key, UploadId, PartNumber: n, Body: bytes.subarray(offset, offset + partSize) }));
    parts.push({ ETag: part.ETag, PartNumber: n });
    if (offset + partSize >= bytes.length) break;
  }
  await emu.s3.send(new CompleteMultipartUploadCommand({ Bucket: emu.buckets.uploads, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}

export async function pipelineLocal(opts: PipelineLocalOptions): Promise<{ exitCode: number; summary: Record<string, unknown> }> {
  const t0 = performance.now();
  // one line on stderr per invocation: a long run shows how far it got
  const memory = new StageMemory((line) => process.stderr.write(`pipeline:local: ${JSON.stringify(line)}\n`));
  memory.stage('setup');
  const synthesized = synthesizedRunDefinition(opts.counties ?? []);
  const { definition, readers } = withLocalItemReaders(opts.serial ? serialMaps(synthesized) : synthesized);
  const emu = await startEmulators({ maxReceiveCount: 5 });
  const s3Requests = new S3Requests({ ...emu.buckets }, () => memory.current);
  const counties = opts.counties ?? (await import('./pipeline-local/counties-of.ts')).countiesOf(opts.changes);
  const countyQueues = new Map<string, string>();
  for (const code of await counties) countyQueues.set(code, await createQueue(emu.sqs, `landwatch-alerts-${code}.fifo`));
  const template = [...countyQueues.values()][0]?.replace(/landwatch-alerts-\d{6}\.fifo$/, 'landwatch-alerts-{countyCode}.fifo');

  let runExecution: (input: unknown) => Promise<unknown> = async () => {
    throw new Error('handlers not loaded');
  };
  const sfn = await startSfnEmulator((input) => runExecution(input));
  const restoreEnv = applyEnv({
    ...emu.env,
    LANDWATCH_STATE_MACHINE_ARN: STATE_MACHINE_ARN,
    AWS_ENDPOINT_URL_SFN: sfn.endpoint,
    LANDWATCH_ALERT_COUNTIES: [...countyQueues.keys()].join(','),
    ...(template ? { LANDWATCH_ALERT_QUEUE_URL_TEMPLATE: template } : {}),
    ...(opts.tileSize ? { LANDWATCH_TILE_MAX_FEATURES: String(opts.tileSize) } : {}),
    ...(opts.maxRunVertices ? { LANDWATCH_MAX_RUN_VERTICES: String(opts.maxRunVertices) } : {}),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  try {
    // handlers read their configuration at first use: import them after the environment is set
    s3Requests.attach((await import('../functions/lib/aws-clients.ts')).s3Client());
    const ingestHandler = (await import('../functions/ingest/handler.ts')).handler as unknown as SqsHandler;
    const ingest: SqsHandler = (event, context) => memory.invocation('ingest', () => ingestHandler(event, context), true);
    const tasks: Record<string, (input: any) => Promise<unknown>> = {
      DetectTileFunction: (await import('../functions/detect-tile/handler.ts')).handler,
      FinalizeFunction: (await import('../functions/finalize/handler.ts')).handler,
      RunOutcomeFunction: (await import('../functions/run-outcome/handler.ts')).handler,
    };
    const { injectFaults } = await import('./pipeline-local/faults.ts');
    const wrap = injectFaults(opts.faults, memory, opts.serial === true);
    const handlers: Record<string, (input: any) => Promise<unknown>> = {};
    const retryIntervalOverrides: Record<string, number> = {};
    for (const { name, resource } of taskStates(definition)) {
      retryIntervalOverrides[name] = LOCAL_RETRY_MS;
      if (readers[name]) {
        const params = readers[name];
        handlers[name] = async (input) => {
          const bucket = params['Bucket.$'] ? pick(input, params['Bucket.$']) : params.Bucket;
          const key = params['Key.$'] ? pick(input, params['Key.$']) : params.Key;
          const body = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results === bucket || bucket === undefined ? emu.buckets.results : bucket, Key: key }));
          return JSON.parse(await body.Body!.transformToString());
        };
        continue;
      }
      const fn = Object.entries(tasks).find(([id]) => resource.split(':function:')[1]?.startsWith(id));
      if (!fn) throw new Error(`state ${name}: no local handler for ${resource}`);
      handlers[name] = wrap(fn[0], fn[1]);
    }
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false, checkPaths: false } });
    runExecution = (input) => machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides } }).result;

    // --- the upload, as a data team puts it and S3 announces it
    await uploadLayers(emu, opts.layers);
    // an upload key needs a year folder: --year, else the file name's (…-2024.fgb), else this year — the data's own
    // SJNF/GXSJ year wins over the key's anyway (docs/SURVEY-YEAR.md)
    const keyYear = opts.year ?? surveyYearFromPath(opts.changes) ?? new Date().getUTCFullYear();
    const key = `changes/${keyYear}/${basename(opts.changes)}`;
    memory.stage('ingest');
    await uploadChanges(emu, opts.changes, key);
    await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key);
    if (opts.faults.includes('duplicate-event')) await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key);
    await pumpQueue(emu.queues.uploads, ingest, { batchSize: 1, sqs: emu.sqs, timeoutMillis: 15 * 60_000 });
    await sfn.settled();
    if (opts.faults.includes('reupload-other-part-size')) {
      // the same bytes again, as a multipart upload with another part size: another ETag, the same run
      memory.stage('ingest');
      const size = (await stat(opts.changes)).size;
      await uploadChanges(emu, opts.changes, key, Math.max(5 * 1024 * 1024, Math.ceil(size / 2)));
      await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key);
      await pumpQueue(emu.queues.uploads, ingest, { batchSize: 1, sqs: emu.sqs, timeoutMillis: 15 * 60_000 });
      await sfn.settled();
    }
    memory.stage('collect');

    // --- what each county queue, each data team and the results bucket received
    await rm(opts.out, { recursive: true, force: true });
    await mkdir(opts.out, { recursive: true });
    const state = await readRunState(emu, key);
    const delivered = await collectOutputs(emu, opts.out, countyQueues, (url) => receiveAll(emu.sqs, url));
    const exitCode = state.state === 'finished' ? 0 : state.state === 'rejected' ? 2 : 1;
    const summary = {
      runId: state.runId,
      state: state.state,
      ...(state.reasons ? { reasons: state.reasons } : {}),
      executions: [...sfn.executions.values()].map((e) => ({ name: e.name, status: e.status, ...(e.error ? { error: e.error } : {}) })),
      alerts: delivered.alerts,
      runEvents: delivered.runEvents,
      results: delivered.results,
      faults: opts.faults,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      peakRssMiB: memory.peaks(),
      invocations: memory.invocations(),
      s3Requests: s3Requests.report(),
    };
    await writeFile(join(opts.out, 'pipeline-local.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return { exitCode, summary };
  } finally {
    memory.stop();
    restoreEnv();
    await sfn.stop();
    await emu.stop();
  }
}

/** `$.a.b` from an object (the JSONPaths the ItemReader parameters use). */
function pick(input: unknown, path: string): string {
  return path.replace(/^\$\.?/, '').split('.').filter(Boolean).reduce((v: any, k) => v?.[k], input) as string;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('pipeline-local.ts')) {
  const opts = parseOptions(process.argv.slice(2));
  pipelineLocal(opts).then(
    ({ exitCode, summary }) => {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      if (exitCode === 2) for (const r of (summary.reasons as string[] | undefined) ?? []) process.stderr.write(`${r}\n`);
      process.exit(exitCode);
    },
    (err: Error) => {
      process.stderr.write(`pipeline:local: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
