// detect-tile (docs/ORCHESTRATION.md): one item of the run's Distributed Map — a tile job — as a Step Functions task.
// Runs the tile stage, which stores the tile's result (a tile delivered twice does nothing the second time). A
// failure is thrown back: the Map retries the tile with backoff and, once the retries are spent, fails the run
// (tolerated failures: 0), whose Catch writes the failed status and tells the data team.
import { parseTileJob, runTileJob } from '@landwatch/pipeline';
import { AwsRunPort } from '../lib/aws-port.ts';
import { MalformedMessageError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task-handler.ts';

/** What the Map keeps of a tile (discarded by the state machine; useful in the console). */
export interface TileTaskOutput {
  tileId: string;
  /** false when the tile's result had been stored by an earlier attempt */
  detected: boolean;
  pieces?: number;
}

export const handler = taskHandler('detect-tile', async (input: unknown, ctx): Promise<TileTaskOutput> => {
  let job;
  try {
    job = parseTileJob(JSON.stringify(input), 'detect-tile task input');
  } catch (err) {
    throw new MalformedMessageError((err as Error).message, '', { cause: err });
  }
  ctx.setIds({ runId: job.runId, tileId: job.tileId });
  const outcome = await runTileJob(new AwsRunPort(), job);
  return { tileId: job.tileId, detected: outcome !== undefined, ...(outcome ? { pieces: outcome.stats.pieces } : {}) };
});
