// finalize (docs/ORCHESTRATION.md): one county of a run, after every tile, as a Step Functions task (an item of the
// counties Map): the county's result files and its one alert (claimed with a conditional write before the send).
// Returns what the run's `finished` status lists for the county.
import { finalizeCounty, parseFinalizeRequest, type FinishedCounty } from '@landwatch/pipeline';
import { AwsRunPort } from '../lib/aws-port.ts';
import { MalformedMessageError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task-handler.ts';

export const handler = taskHandler('finalize', async (input: unknown, ctx): Promise<FinishedCounty> => {
  let request;
  try {
    request = parseFinalizeRequest(JSON.stringify(input), 'finalize task input');
  } catch (err) {
    throw new MalformedMessageError((err as Error).message, '', { cause: err });
  }
  ctx.setIds({ runId: request.runId, countyCode: request.countyCode });
  const { finished } = await finalizeCounty(new AwsRunPort(), request);
  ctx.logger.info('county finalized', { detections: finished.detections });
  return finished;
});
