// Builds the LandWatch deployment (stateful + stateless stacks) into an app and runs cdk-nag on it.
import { type App, Validations } from 'aws-cdk-lib';
import type { LandWatchConfig } from './config.ts';
import { LandWatchNagChecks } from './nag-checks.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** The two stacks of one deployment. */
export interface LandWatchStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Adds the stacks (environment-agnostic: no lookups, synthesizes offline) and registers cdk-nag's
 * AwsSolutions checks, so that `app.synth()` throws on any unacknowledged finding.
 */
export function addLandWatch(app: App, config: LandWatchConfig): LandWatchStacks {
  const description = 'LandWatch: detects conversions of cultivated land in annual land-survey change layers';
  const stateful = new StatefulStack(app, 'LandWatchStateful', {
    description: `${description} (buckets)`,
    runsExpirationDays: config.runsExpirationDays,
    countyCodes: config.countyCodes,
  });
  const stateless = new StatelessStack(app, 'LandWatchStateless', {
    description: `${description} (queues, functions, alarms)`,
    uploadsBucket: stateful.uploadsBucket,
    referenceBucket: stateful.referenceBucket,
    resultsBucket: stateful.resultsBucket,
    layersKey: config.layersKey,
    alarmEmails: config.alarmEmails,
    countyCodes: config.countyCodes,
    dataTeams: config.dataTeams,
  });
  Validations.of(app).addPlugins(new LandWatchNagChecks(app, { verbose: true }));
  return { stateful, stateless };
}
