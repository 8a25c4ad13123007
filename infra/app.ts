// CDK app entry (cdk.json: "npx tsx infra/app.ts"). The only place that reads configuration.
import { App } from 'aws-cdk-lib';
import { configFromContext } from './config.ts';
import { addLandWatch } from './landwatch.ts';

const app = new App();
addLandWatch(app, configFromContext(app.node));
app.synth();
