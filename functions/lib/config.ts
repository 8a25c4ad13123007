// Function configuration, read only from environment variables (docs/ARCHITECTURE.md, "Handler contract") and validated once.

/** Typed configuration of every LandWatch function. */
export interface LandwatchConfig {
  /** LANDWATCH_UPLOADS_BUCKET: where data teams upload change layers. */
  readonly uploadsBucket: string;
  /** LANDWATCH_REFERENCE_BUCKET: protection layers and the layer registry. */
  readonly referenceBucket: string;
  /** LANDWATCH_RESULTS_BUCKET: runs/ work files and results/ per county. */
  readonly resultsBucket: string;
  /** LANDWATCH_ALERTS_QUEUE_URL: the `unrouted` queue, for alerts of counties without a queue of their own. */
  readonly alertsQueueUrl: string;
  /** LANDWATCH_RUN_EVENTS_QUEUE_URL: run events for the data teams; several queue URLs separated by commas (one
   * queue per team: SQS is point-to-point, docs/ORCHESTRATION.md, "Delivery"). */
  readonly runEventsQueueUrl: string;
  /** LANDWATCH_ALERT_QUEUE_URL_TEMPLATE: a county's own queue, `{countyCode}` replaced (landwatch-alerts-{countyCode}.fifo). */
  readonly alertQueueUrlTemplate?: string;
  /** LANDWATCH_ALERT_COUNTIES: the county codes that have their own queue, comma-separated. */
  readonly alertCounties: readonly string[];
  /** LANDWATCH_STATE_MACHINE_ARN: the run state machine (ingest starts one execution per run). */
  readonly stateMachineArn?: string;
  /** LANDWATCH_LAYERS_KEY: key of layers.json in the reference bucket. */
  readonly layersKey: string;
  /** AWS_REGION */
  readonly region: string;
  /** LANDWATCH_S3_FORCE_PATH_STYLE=true: path-style S3 URLs (emulators). */
  readonly s3ForcePathStyle: boolean;
  /** AWS_ENDPOINT_URL_S3, when set (emulators); the SDK also reads it by itself. */
  readonly s3Endpoint?: string;
  /** AWS_ENDPOINT_URL_SQS, when set (emulators); the SDK also reads it by itself. */
  readonly sqsEndpoint?: string;
}

/** Environment variable name of each required string setting. */
export const CONFIG_ENV_NAMES = {
  uploadsBucket: 'LANDWATCH_UPLOADS_BUCKET',
  referenceBucket: 'LANDWATCH_REFERENCE_BUCKET',
  resultsBucket: 'LANDWATCH_RESULTS_BUCKET',
  alertsQueueUrl: 'LANDWATCH_ALERTS_QUEUE_URL',
  runEventsQueueUrl: 'LANDWATCH_RUN_EVENTS_QUEUE_URL',
  layersKey: 'LANDWATCH_LAYERS_KEY',
  region: 'AWS_REGION',
} as const;

type RequiredKey = keyof typeof CONFIG_ENV_NAMES;

/** A required environment variable is missing or malformed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The variables at fault. */
    readonly variables: readonly string[],
  ) {
    super(message);
  }
}

const QUEUE_KEYS: readonly RequiredKey[] = ['alertsQueueUrl', 'runEventsQueueUrl'];

/**
 * Reads and validates the configuration. Every problem is reported at once, each naming its variable.
 * @throws ConfigError
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): LandwatchConfig {
  const problems: string[] = [];
  const variables: string[] = [];
  const values = {} as Record<RequiredKey, string>;
  for (const [key, name] of Object.entries(CONFIG_ENV_NAMES) as [RequiredKey, string][]) {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`missing environment variable ${name}`);
      variables.push(name);
      continue;
    }
    if (QUEUE_KEYS.includes(key) && !value.split(',').every((url) => isHttpUrl(url.trim()))) {
      problems.push(`${name} must be a queue URL (http or https), got ${JSON.stringify(value)}`);
      variables.push(name);
    }
    values[key] = value;
  }
  const forcePathStyle = (env.LANDWATCH_S3_FORCE_PATH_STYLE ?? '').trim().toLowerCase();
  if (forcePathStyle !== '' && forcePathStyle !== 'true' && forcePathStyle !== 'false') {
    problems.push(`LANDWATCH_S3_FORCE_PATH_STYLE must be "true" or "false", got ${JSON.stringify(forcePathStyle)}`);
    variables.push('LANDWATCH_S3_FORCE_PATH_STYLE');
  }
  const alertQueueUrlTemplate = env.LANDWATCH_ALERT_QUEUE_URL_TEMPLATE?.trim() || undefined;
  if (alertQueueUrlTemplate && !(alertQueueUrlTemplate.includes('{countyCode}') && isHttpUrl(alertQueueUrlTemplate.replace('{countyCode}', '000000')))) {
    problems.push(`LANDWATCH_ALERT_QUEUE_URL_TEMPLATE must be a queue URL containing {countyCode}, got ${JSON.stringify(alertQueueUrlTemplate)}`);
    variables.push('LANDWATCH_ALERT_QUEUE_URL_TEMPLATE');
  }
  const alertCounties = (env.LANDWATCH_ALERT_COUNTIES ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (alertCounties.some((c) => !/^\d{6}$/.test(c))) {
    problems.push(`LANDWATCH_ALERT_COUNTIES must be 6-digit county codes separated by commas, got ${JSON.stringify(env.LANDWATCH_ALERT_COUNTIES)}`);
    variables.push('LANDWATCH_ALERT_COUNTIES');
  }
  const stateMachineArn = env.LANDWATCH_STATE_MACHINE_ARN?.trim() || undefined;
  const s3Endpoint = optionalUrl(env, 'AWS_ENDPOINT_URL_S3', problems, variables);
  const sqsEndpoint = optionalUrl(env, 'AWS_ENDPOINT_URL_SQS', problems, variables);
  if (problems.length > 0) throw new ConfigError(`invalid LandWatch configuration: ${problems.join('; ')}`, variables);
  return {
    ...values,
    alertCounties,
    ...(alertQueueUrlTemplate ? { alertQueueUrlTemplate } : {}),
    ...(stateMachineArn ? { stateMachineArn } : {}),
    s3ForcePathStyle: forcePathStyle === 'true',
    ...(s3Endpoint ? { s3Endpoint } : {}),
    ...(sqsEndpoint ? { sqsEndpoint } : {}),
  };
}

let cached: LandwatchConfig | undefined;

/** The configuration of this container, read from process.env on first use. */
export function loadConfig(): LandwatchConfig {
  cached ??= readConfig(process.env);
  return cached;
}

function optionalUrl(env: NodeJS.ProcessEnv, name: string, problems: string[], variables: string[]): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!isHttpUrl(value)) {
    problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    variables.push(name);
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
