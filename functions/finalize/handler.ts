// finalize (docs/ARCHITECTURE.md): a finalize request from the FIFO finalize queue (group = runId, so never two at
// once for a run). Runs the finalize stage: result files, one alert per county, the finished status and run event.
import { finalizeRun, parseFinalizeRequest } from '@landwatch/pipeline';
import { AwsRunPort } from '../lib/aws-port.ts';
import { MalformedMessageError } from '../lib/errors.ts';
import { sqsRecordHandler } from '../lib/records.ts';

export const handler = sqsRecordHandler('finalize', async (record, ctx) => {
  let request;
  try {
    request = parseFinalizeRequest(record.body, `message ${record.messageId}`);
  } catch (err) {
    throw new MalformedMessageError((err as Error).message, record.messageId, { cause: err });
  }
  ctx.setRunId(request.runId);
  const outcome = await finalizeRun(new AwsRunPort(), request);
  ctx.logger.info(outcome.state === 'finished' ? 'run finished' : 'run already finalized');
});
