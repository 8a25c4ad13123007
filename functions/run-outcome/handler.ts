// run-outcome (docs/ORCHESTRATION.md): the last state of a run's execution, as a Step Functions task. `finished`
// after every county: the finished status and run event. `failed` from the execution's Catch (a tile or a county
// spent its retries): the failed status and run event, so the data team learns within minutes, then the execution
// fails (its status is the run's; an alarm watches failed executions).
import { failRun, finishRun, type FinishedCounty } from '@landwatch/pipeline';
import { AwsRunPort } from '../lib/aws-port.ts';
import { MalformedMessageError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task-handler.ts';

/** The task's input, built by the state machine. */
export type RunOutcomeInput =
  | { outcome: 'finished'; runId: string; manifestKey: string; counties: FinishedCounty[] }
  /** `error` is the Catch's `{ Error, Cause }` */
  | { outcome: 'failed'; runId: string; manifestKey: string; error: { Error?: string; Cause?: string } };

export const handler = taskHandler('run-outcome', async (input: RunOutcomeInput, ctx): Promise<{ statusKey: string }> => {
  if (!input || typeof input.manifestKey !== 'string' || (input.outcome !== 'finished' && input.outcome !== 'failed')) {
    throw new MalformedMessageError(`run-outcome task input: expected { outcome: finished|failed, manifestKey }, got ${JSON.stringify(input).slice(0, 200)}`, '');
  }
  ctx.setIds({ runId: input.runId });
  const port = new AwsRunPort();
  if (input.outcome === 'finished') return { statusKey: await finishRun(port, input) };
  const { Error: name = 'Error', Cause: cause = '' } = input.error ?? {};
  const tileId = /"tileId":"([^"]+)"/.exec(cause)?.[1];
  return { statusKey: await failRun(port, { manifestKey: input.manifestKey, reason: `${name}: ${causeMessage(cause)}`, ...(tileId ? { tileId } : {}) }) };
});

/** The message of a Lambda error's Cause (a JSON text `{errorMessage, errorType, …}`), else the Cause itself. */
function causeMessage(cause: string): string {
  try {
    return (JSON.parse(cause) as { errorMessage?: string }).errorMessage ?? cause;
  } catch {
    return cause;
  }
}
