// Test helper: synthesizes the app as `cdk synth` would (cdk.json context, cdk-nag), without bundling handlers,
// and describes template values in readable names (`results-bucket/runs/*`, `tile-queue`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { configFromContext } from '../config.ts';
import { addLandWatch, type LandWatchStacks } from '../landwatch.ts';
import { REPO_ROOT } from '../repo-paths.ts';

/** County codes given to the test app. */
export const TEST_COUNTY_CODES = ['431102', '431103'];

/** A CloudFormation template as JSON. */
export interface TemplateJson {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string[] }>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

export interface SynthesizedLandWatch extends LandWatchStacks {
  readonly app: App;
  readonly assembly: CloudAssembly;
  /** Template of the stateful stack (buckets). */
  readonly statefulTemplate: TemplateJson;
  /** Template of the stateless stack (queues, functions). */
  readonly statelessTemplate: TemplateJson;
  /** Readable name of a template value: `results-bucket/runs/*`, `tile-queue`, `ingest-role`. */
  readonly describe: (value: unknown) => string;
  /** Logical id of a construct's CloudFormation resource. */
  readonly logicalId: (construct: IConstruct) => string;
}

/**
 * Builds and synthesizes the app with cdk.json's context. Throws if cdk-nag reports an unacknowledged finding.
 * CDK's built-in CloudFormation linter is off here (it takes ~10 s per synth); `npx cdk synth` runs it.
 */
export function synthLandWatch(extraContext: Record<string, unknown> = {}): SynthesizedLandWatch {
  const app = createTestApp(extraContext);
  const stacks = addLandWatch(app, configFromContext(app.node));
  const assembly = app.synth();
  const template = (stack: Stack) => assembly.getStackByName(stack.stackName).template as TemplateJson;
  const statefulTemplate = template(stacks.stateful);
  const statelessTemplate = template(stacks.stateless);
  const logicalId = (construct: IConstruct) => {
    const element = (construct.node.defaultChild ?? construct) as CfnElement;
    return Stack.of(construct).resolve(element.logicalId) as string;
  };
  const { stateful, stateless } = stacks;
  const names = new Map<string, string>([
    [logicalId(stateful.uploadsBucket), 'uploads-bucket'],
    [logicalId(stateful.referenceBucket), 'reference-bucket'],
    [logicalId(stateful.resultsBucket), 'results-bucket'],
    [logicalId(stateful.accessLogsBucket), 'access-logs-bucket'],
    [logicalId(stateless.ingest.queue), 'uploads-queue'],
    [logicalId(stateless.ingest.deadLetterQueue), 'ingest-dlq'],
    [logicalId(stateless.verification.consumer.queue), 'answers-queue'],
    [logicalId(stateless.verification.consumer.deadLetterQueue), 'verify-answers-dlq'],
    [logicalId(stateless.unroutedAlertsQueue), 'alerts-unrouted-queue'],
    [logicalId(stateless.unroutedAlertsQueue.deadLetterQueue!.queue), 'alerts-unrouted-dlq'],
    [logicalId(stateless.run.stateMachine), 'run-state-machine'],
  ]);
  for (const [code, role] of stateful.countyRoles) names.set(logicalId(role), `county-${code}-role`);
  for (const [code, q] of stateless.countyAlertQueues) {
    names.set(logicalId(q), `alerts-${code}-queue`);
    names.set(logicalId(q.deadLetterQueue!.queue), `alerts-${code}-dlq`);
  }
  for (const [team, q] of stateless.runEventsQueues) {
    names.set(logicalId(q), `run-events-${team}-queue`);
    names.set(logicalId(q.deadLetterQueue!.queue), `run-events-${team}-dlq`);
  }
  for (const [name, consumer] of Object.entries({
    ingest: stateless.ingest,
    'detect-tile': stateless.detectTile,
    finalize: stateless.finalize,
    'run-outcome': stateless.runOutcome,
    'verify-answers': stateless.verification.consumer,
  })) {
    names.set(logicalId(consumer.logGroup), `${name}-log-group`);
    names.set(logicalId(consumer.role), `${name}-role`);
    names.set(logicalId(consumer.function), `${name}-function`);
  }
  const describe = (value: unknown): string => describeValue(value, names, statefulTemplate);
  return { ...stacks, app, assembly, statefulTemplate, statelessTemplate, describe, logicalId };
}

/** An app with cdk.json's context (as the CLI passes it), test county codes, and bundling skipped. */
export function createTestApp(extraContext: Record<string, unknown> = {}): App {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return new App({
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJson.context,
      countyCodes: TEST_COUNTY_CODES,
      ...extraContext,
      // Skip esbuild: the tests look at the templates, not at the bundles.
      'aws:cdk:bundling-stacks': [],
    },
  });
}

/** Resources of one type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: TemplateJson, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** A value that may be one item or a list, as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function describeValue(value: unknown, names: ReadonlyMap<string, string>, stateful: TemplateJson): string {
  const recurse = (inner: unknown) => describeValue(inner, names, stateful);
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const intrinsic = value as Record<string, any>;
  if ('Ref' in intrinsic) return names.get(intrinsic.Ref) ?? `Ref(${intrinsic.Ref})`;
  if ('Fn::GetAtt' in intrinsic) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    const name = names.get(id) ?? id;
    return attribute === 'Arn' ? name : `${name}.${attribute}`;
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(recurse).join(separator);
  }
  if ('Fn::GetStackOutput' in intrinsic) {
    const outputName = intrinsic['Fn::GetStackOutput'].OutputName as string;
    const output = stateful.Outputs?.[outputName];
    if (output === undefined) return `Output(${outputName})`;
    const id = (output.Value as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref;
    // A bucket's Ref is its name; its Arn is the ARN: the tests only care which bucket.
    return id !== undefined ? `${names.get(id) ?? id}.name` : recurse(output.Value);
  }
  return JSON.stringify(value);
}
