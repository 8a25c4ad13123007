// Step Functions task handlers (docs/ORCHESTRATION.md, "Tasks"): a Lambda that the run's state machine invokes with a
// JSON input and whose JSON return value is the state's result. Nothing is swallowed: an error is thrown back to
// Step Functions under its own name, where the state's Retry (backoff) and Catch (the run fails, status written,
// alarm) decide. Each outcome is counted as a metric of our own (TaskSucceeded / TaskFailed), because Lambda's
// Errors metric alone does not say which stage or run failed; runId / tileId / countyCode are on every log line.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** What a task sees besides its input. */
export interface TaskContext {
  readonly logger: Logger;
  /** Attach ids (runId, tileId, countyCode) to every following log line of this invocation. */
  setIds(ids: Record<string, string>): void;
}

export type TaskHandler<I, O> = (input: I) => Promise<O>;

/** Wraps a task function: logs and counts its outcome, rethrows its error unchanged. */
export function taskHandler<I, O>(name: string, run: (input: I, ctx: TaskContext) => Promise<O>): TaskHandler<I, O> {
  const logger = new Logger({ serviceName: `landwatch-${name}` });
  const metrics = new Metrics({ namespace: 'LandWatch', serviceName: `landwatch-${name}` });
  return async (input: I) => {
    const ctx: TaskContext = { logger, setIds: (ids) => logger.appendKeys(ids) };
    try {
      const output = await run(input, ctx);
      metrics.addMetric('TaskSucceeded', MetricUnit.Count, 1);
      return output;
    } catch (err) {
      metrics.addMetric('TaskFailed', MetricUnit.Count, 1);
      logger.error('task failed', err as Error);
      throw err;
    } finally {
      metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
