// detect-tile (docs/ARCHITECTURE.md): one tile job from the tile queue. Runs the tile stage, which stores the tile's
// result and does the fan-in; the last failed attempt before the DLQ marks the run failed and tells the data team.
import { parseTileJob, readManifestIfExists, runKeys, runTileJob, writeRunStatus } from '@landwatch/pipeline';
import { AwsRunPort } from '../lib/aws-port.ts';
import { MalformedMessageError } from '../lib/errors.ts';
import { sqsRecordHandler } from '../lib/records.ts';

export const handler = sqsRecordHandler(
  'detect-tile',
  async (record, ctx) => {
    let job;
    try {
      job = parseTileJob(record.body, `message ${record.messageId}`);
    } catch (err) {
      throw new MalformedMessageError((err as Error).message, record.messageId, { cause: err });
    }
    ctx.setRunId(job.runId);
    ctx.setTileId(job.tileId);
    await runTileJob(new AwsRunPort(), job);
  },
  {
    onFinalFailure: async (error, ctx) => {
      if (!ctx.runId || !ctx.tileId) return;
      const port = new AwsRunPort();
      const reason = (error as Error).message.slice(0, 1000);
      const manifest = await readManifestIfExists(port, runKeys.manifest(ctx.runId));
      if (!manifest) return;
      const statusKey = await writeRunStatus(port, { runId: ctx.runId, surveyYear: manifest.surveyYear, state: 'failed', upload: manifest.upload, tileId: ctx.tileId, reason });
      await port.sendRunEvent({ type: 'tile-failed', runId: ctx.runId, tileId: ctx.tileId, reason, receiveCount: ctx.receiveCount, statusKey });
    },
  },
);
