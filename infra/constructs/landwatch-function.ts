// One LandWatch Lambda function: bundled from functions/{name}/handler.ts with the local esbuild, its own role (log
// writing only until grants are added) and its own log group. Queue consumers and state machine tasks are built on it.
import { RemovalPolicy, type Duration, type Size, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerEntry, LOCK_FILE, REPO_ROOT } from '../repo-paths.ts';

/** Node.js runtime of the functions; the bundle targets the same version. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;
const ESBUILD_TARGET = 'node22';
/** CommonJS dependencies bundled into an ES module still call require(); give them one. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);";

export interface LandWatchFunctionProps {
  /** Folder under `functions/` that holds `handler.ts` (named export `handler`). */
  readonly functionName: string;
  readonly description: string;
  readonly timeout: Duration;
  /** Memory in MB; CPU grows with it (1769 MB = one vCPU). */
  readonly memorySize: number;
  /** Size of /tmp; default 512 MiB. */
  readonly ephemeralStorageSize?: Size;
  readonly environment: Readonly<Record<string, string>>;
  /** Packages installed beside the bundle instead of bundled (they load files from their own folder at run time). */
  readonly nodeModules?: readonly string[];
  readonly logRetention: RetentionDays;
  /** Powertools service name (a dimension of every metric, a field of every log line). */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** Concurrency reserved for this function (none: the account's pool). */
  readonly reservedConcurrency?: number;
}

/** The parts of a LandWatch function. */
export interface LandWatchFunctionParts {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/** A function as its own construct (state machine tasks). */
export class LandWatchFunction extends Construct implements LandWatchFunctionParts {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LandWatchFunctionProps) {
    super(scope, id);
    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addFunctionParts(this, props));
  }
}

/** Adds `Role`, `LogGroup` and `Function` to `scope` (a queue consumer keeps them beside its queues). */
export function addFunctionParts(scope: Construct, props: LandWatchFunctionProps): LandWatchFunctionParts {
  {
    const role = new Role(scope, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `LandWatch ${props.functionName} function`,
    });
    const logGroup = new LogGroup(scope, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of the AWS-managed basic execution policy (logs:* on every log group): this group only.
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(scope, 'Function', {
      description: props.description,
      entry: handlerEntry(props.functionName),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ephemeralStorageSize: props.ephemeralStorageSize,
      reservedConcurrentExecutions: props.reservedConcurrency,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        // Bundle the AWS SDK pinned in package-lock.json instead of using the runtime's copy.
        bundleAwsSDK: true,
        // GEOS (wasm) is only the tests' oracle engine, loaded on demand; never part of a Lambda bundle.
        externalModules: ['geos-wasm'],
        ...(props.nodeModules ? { nodeModules: [...props.nodeModules] } : {}),
      },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `The issue fixes the runtime at ${FUNCTION_RUNTIME.name}, a supported runtime that the bundle targets; ` +
        'moving to a newer Node.js major is a deliberate upgrade with its own test run, not a side effect of synth.',
    });
    return { function: fn, role, logGroup };
  }
}
