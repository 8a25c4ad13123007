// What `landwatch aws` tells a user without loading the AWS SDK: its usage text and its usage error. The command
// itself (aws.ts) is imported only when it runs, so other commands do not evaluate the SDK at start.
export const AWS_USAGE = `landwatch aws status RUN_ID|UPLOAD_KEY    where a run stands: status.json and its execution
landwatch aws redrive RUN_ID              run again what failed in a failed run's execution
landwatch aws rerun RUN_ID                a new execution of a finished run (results rewritten, no second alert)`;

/** A bad command line or an unknown run: exit 2. */
export class AwsUsageError extends Error {}
