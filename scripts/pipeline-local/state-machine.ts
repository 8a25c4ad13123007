// The run state machine as deployed: synthesized from infra/ (cdk-nag included, bundling skipped) and read from the
// template, so that the local runner executes exactly the definition CloudFormation would get. CloudFormation
// intrinsics in the definition (the task functions' ARNs) become placeholder ARNs that name the function's logical id.
import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromContext } from '../../infra/config.ts';
import { addLandWatch } from '../../infra/landwatch.ts';
import { REPO_ROOT } from '../../infra/repo-paths.ts';

/** An Amazon States Language definition (only what the runner looks at is typed). */
export interface AslState {
  Type: string;
  Resource?: string;
  ItemReader?: { Resource: string; Parameters?: Record<string, string>; ReaderConfig?: Record<string, unknown> };
  ItemsPath?: string;
  ItemProcessor?: AslDefinition;
  Next?: string;
  End?: boolean;
  [field: string]: unknown;
}
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

export const PLACEHOLDER_ACCOUNT = '000000000000';

/** The synthesized definition of the run state machine and the logical ids of its task functions. */
export function synthesizedRunDefinition(countyCodes: readonly string[] = []): AslDefinition {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJson.context, countyCodes: [...countyCodes], 'aws:cdk:bundling-stacks': [] },
  });
  const stacks = addLandWatch(app, configFromContext(app.node));
  const template = app.synth().getStackByName(stacks.stateless.stackName).template as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const machines = Object.values(template.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`expected one state machine in the stateless template, found ${machines.length}`);
  return JSON.parse(flatten(machines[0].Properties.DefinitionString)) as AslDefinition;
}

/** A definition string with its intrinsics replaced: GetAtt X.Arn → a Lambda ARN named X, Ref X → X. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (v['Fn::GetAtt']) return `arn:aws:lambda:us-east-1:${PLACEHOLDER_ACCOUNT}:function:${v['Fn::GetAtt'][0]}`;
  if (v.Ref === 'AWS::Partition') return 'aws';
  if (v.Ref === 'AWS::Region') return 'us-east-1';
  if (v.Ref === 'AWS::AccountId') return PLACEHOLDER_ACCOUNT;
  if (v.Ref) return String(v.Ref);
  throw new Error(`unexpected intrinsic in the state machine definition: ${JSON.stringify(value).slice(0, 200)}`);
}

/** Every Task state (also inside Map item processors) with its Resource. */
export function taskStates(definition: AslDefinition): { name: string; resource: string }[] {
  const out: { name: string; resource: string }[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task' && state.Resource) out.push({ name, resource: state.Resource });
    if (state.ItemProcessor) out.push(...taskStates(state.ItemProcessor));
  }
  return out;
}

/**
 * aws-local-stepfunctions validates ItemReader but does not read items from S3. Each Map state with an ItemReader
 * (S3 getObject, JSON) gets a Task state in front of it, `{Map} ItemReader`, that reads the items into the state's
 * input at `$.__items`, and the Map reads them from there. The reader task is served by the runner with the same
 * Bucket/Key parameters the ItemReader names, from the S3 emulator — what Step Functions does before the Map starts.
 */
export function withLocalItemReaders(definition: AslDefinition): { definition: AslDefinition; readers: Record<string, Record<string, string>> } {
  const states: Record<string, AslState> = {};
  const readers: Record<string, Record<string, string>> = {};
  const renamed = new Map<string, string>();
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Map' && state.ItemReader) {
      const readerName = `${name} ItemReader`;
      const { ItemReader, ...map } = state;
      readers[readerName] = ItemReader.Parameters ?? {};
      states[readerName] = { Type: 'Task', Resource: 'arn:aws:states:::s3:getObject', ResultPath: '$.__items', Next: name };
      states[name] = { ...map, ItemsPath: '$.__items' };
      renamed.set(name, readerName);
    } else states[name] = state;
  }
  // whatever went to the Map now goes to its reader
  const retarget = (target: unknown) => (typeof target === 'string' && renamed.has(target) ? renamed.get(target)! : target);
  for (const state of Object.values(states)) {
    if (state.Type.endsWith('Task') && state.Resource === 'arn:aws:states:::s3:getObject') continue;
    if (state.Next) state.Next = retarget(state.Next) as string;
    if (Array.isArray(state.Choices)) for (const c of state.Choices as { Next: string }[]) c.Next = retarget(c.Next) as string;
    if (state.Default) state.Default = retarget(state.Default);
  }
  return { definition: { ...definition, StartAt: retarget(definition.StartAt) as string, States: states }, readers };
}

/** The definition with every Map state running one item at a time (`--serial`): the local runner serves every
 * invocation from one process, so only serially does an invocation's memory growth belong to it alone
 * (docs/SCALE.md). The attempts, their order and the results are the same. */
export function serialMaps(definition: AslDefinition): AslDefinition {
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => [
      name,
      state.Type === 'Map' ? { ...state, MaxConcurrency: 1, ...(state.ItemProcessor ? { ItemProcessor: serialMaps(state.ItemProcessor) } : {}) } : state,
    ]),
  );
  return { ...definition, States: states };
}
