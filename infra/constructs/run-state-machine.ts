// The run's state machine (docs/ORCHESTRATION.md): one Standard execution per run, named after the run by ingest.
//
//   Tiles? ──tilesKey──► TilesFromList (Distributed Map, ItemReader: the tile list in S3) ─┐
//          └─inline───► TilesInline   (Distributed Map, items in the execution input) ─────┴► Counties (Map:
//   FinalizeCounty per county) ► RunFinished (status + run event) ► Succeed
//   any failure after the retries ► RunFailed (status + run event) ► Fail
//
// Tiles and counties are retried with backoff; one tile that still fails fails the run (tolerated failures: 0), so
// no county is finalized from an incomplete run. The execution's status is the run's status; a failed execution can
// be redriven (console, or `landwatch aws redrive RUN_ID`) and re-runs only what failed.
import { ArnFormat, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Fail,
  JsonPath,
  LogLevel,
  Map as InlineMap,
  S3JsonItemReader,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag-checks.ts';

/** Most tiles detected at once: Lambda concurrency the run may take (reserved for detect-tile, see the stack). */
export const TILE_MAX_CONCURRENCY = 200;
/** Counties finalized at once (each holds one county's results in memory). */
export const COUNTY_MAX_CONCURRENCY = 10;
/** Retries of a task: 3 more attempts after 2 s, 4 s, 8 s (≤ 14 s + the attempts: well inside SQS FIFO's 5-minute
 * deduplication window, which the alert claim relies on when it has to send again). */
export const TASK_RETRY = { maxAttempts: 3, interval: Duration.seconds(2), backoffRate: 2 } as const;

export interface RunStateMachineProps {
  readonly detectTile: LambdaFunction;
  readonly finalize: LambdaFunction;
  readonly runOutcome: LambdaFunction;
  /** Where the tile list of a large run lives (`runs/{runId}/tile-items.json`). */
  readonly resultsBucket: IBucket;
  readonly logRetention: RetentionDays;
}

export class RunStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: RunStateMachineProps) {
    super(scope, id);
    // Each task waits as long as its function may run. Without TimeoutSeconds the States Language's own default is 60 s
    // (the local interpreter of `npm run pipeline:local` applies it; AWS does not): a county's finalize of 84 s was
    // timed out and retried while it still ran, three times, and the 2 M-piece province run failed (docs/SCALE.md).
    const task = (name: string, fn: LambdaFunction, payload?: Record<string, unknown>) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: fn,
        taskTimeout: Timeout.duration(fn.timeout ?? Duration.seconds(3)),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        ...(payload ? { payload: TaskInput.fromObject(payload) } : {}),
      }).addRetry({ errors: ['States.ALL'], ...TASK_RETRY });

    const runFailed = task('RunFailed', props.runOutcome, {
      outcome: 'failed',
      runId: JsonPath.stringAt('$.runId'),
      manifestKey: JsonPath.stringAt('$.manifestKey'),
      error: JsonPath.objectAt('$.error'),
    }).next(new Fail(this, 'Failed', { error: 'RunFailed', cause: 'a tile or a county failed after its retries; see runs/{runId}/status.json' }));
    const catchTo = <T extends { addCatch(handler: IChainable, props?: { resultPath?: string }): T }>(state: T): T =>
      state.addCatch(runFailed, { resultPath: '$.error' });

    // each tile item becomes a tile job (landwatch.tile-job/v1)
    const tileJob = {
      schema: 'landwatch.tile-job/v1',
      runId: JsonPath.stringAt('$.runId'),
      manifestKey: JsonPath.stringAt('$.manifestKey'),
      tileId: JsonPath.stringAt('$$.Map.Item.Value.tileId'),
    };
    const tileMap = (name: string, source: { itemsPath: string } | { itemReader: S3JsonItemReader }) => {
      const map = new DistributedMap(this, name, {
        ...source,
        itemSelector: tileJob,
        maxConcurrency: TILE_MAX_CONCURRENCY,
        toleratedFailurePercentage: 0,
        resultPath: JsonPath.DISCARD,
      });
      map.itemProcessor(task(`DetectTile${name.replace('Tiles', '')}`, props.detectTile));
      return catchTo(map);
    };
    const tilesInline = tileMap('TilesInline', { itemsPath: '$.tiles' });
    const tilesFromList = tileMap('TilesFromList', { itemReader: new S3JsonItemReader({ bucketNamePath: JsonPath.stringAt('$.bucket'), key: JsonPath.stringAt('$.tilesKey') }) });

    const counties = catchTo(
      new InlineMap(this, 'Counties', {
        itemsPath: '$.counties',
        maxConcurrency: COUNTY_MAX_CONCURRENCY,
        itemSelector: {
          schema: 'landwatch.finalize-request/v1',
          runId: JsonPath.stringAt('$.runId'),
          manifestKey: JsonPath.stringAt('$.manifestKey'),
          countyCode: JsonPath.stringAt('$$.Map.Item.Value'),
        },
        resultPath: '$.finished',
      }),
    );
    counties.itemProcessor(task('FinalizeCounty', props.finalize));
    const finished = catchTo(
      task('RunFinished', props.runOutcome, {
        outcome: 'finished',
        runId: JsonPath.stringAt('$.runId'),
        manifestKey: JsonPath.stringAt('$.manifestKey'),
        counties: JsonPath.listAt('$.finished'),
      }),
    );
    counties.next(finished).next(new Succeed(this, 'Done'));
    tilesInline.next(counties);
    tilesFromList.next(counties);

    const definition = new Choice(this, 'Tiles?').when(Condition.isPresent('$.tilesKey'), tilesFromList).otherwise(tilesInline);
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      comment: 'LandWatch run: one execution per run (name = runId); tiles, then each county, then the run outcome',
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    const role = this.stateMachine.role;
    // the ItemReader reads the tile list ingest wrote under runs/; nothing else of the bucket
    const tileLists = props.resultsBucket.arnForObjects('runs/*');
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [tileLists] }));
    acknowledgeWildcardResource(role, tileLists, 'The Distributed Map reads runs/{runId}/tile-items.json of any run; the run id is only known at run time.');
    for (const fn of [props.detectTile, props.finalize, props.runOutcome]) {
      acknowledgeWildcardResource(role, `${fn.functionArn}:*`, `CDK's LambdaInvoke grants the function and its versions/aliases (ARN:*); it invokes ${fn.node.id} only.`);
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) support no resource-level permissions; CDK adds exactly those actions on *.',
    });
    // the Distributed Map's own policy (added by CDK at synth): its child executions, named at run time
    const stack = Stack.of(this);
    const name = Fn.select(6, Fn.split(':', this.stateMachine.stateMachineArn));
    for (const executions of [`${name}:*`, `${name}/*:*`]) {
      acknowledgeWildcardResource(
        this.stateMachine,
        stack.formatArn({ service: 'states', resource: 'execution', resourceName: executions, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        "A Distributed Map runs its items as child executions of this state machine; CDK grants it Describe/StopExecution on this state machine's own executions, whose names are only known at run time.",
      );
    }
  }
}
