// verify-answers (docs/VERIFICATION.md, "On AWS"): an S3 ObjectCreated event for verification/{year}/{county}/….csv
// in the results bucket, delivered through the verification queue. Reads the uploaded version (the versioned bucket
// keeps it as it was sent), records who sent it (the event's principal) and rebuilds the county's register. The
// notification filters on the prefix only (S3's suffix filter is case-sensitive), so other files under
// verification/ (a photo, a note) arrive here too and are ignored; `.CSV` is an answer file like `.csv`.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { answerUploadKey, applyAnswerUpload } from '@landwatch/pipeline';
import { s3Client } from '../lib/aws-clients.ts';
import { AwsRunPort } from '../lib/aws-port.ts';
import { sqsRecordHandler } from '../lib/records.ts';
import { createdObjectsOf, decodeS3EventKey } from '../lib/s3-event.ts';

/** The principal of each created object's event record (S3 puts it in userIdentity), by key. */
function principalsOf(body: string): Map<string, string> {
  const event = JSON.parse(body) as { Records?: { userIdentity?: { principalId?: string }; s3?: { object?: { key?: string } } }[] };
  const out = new Map<string, string>();
  for (const r of event.Records ?? []) if (r.s3?.object?.key) out.set(decodeS3EventKey(r.s3.object.key), r.userIdentity?.principalId ?? 'unknown');
  return out;
}

export const handler = sqsRecordHandler('verify-answers', async (record, ctx) => {
  const principals = principalsOf(record.body);
  for (const obj of createdObjectsOf(record.body, record.messageId)) {
    if (!answerUploadKey(obj.key)) {
      ctx.logger.info('not an answer file; ignored', { key: obj.key });
      continue;
    }
    const got = await s3Client().send(new GetObjectCommand({ Bucket: obj.bucket, Key: obj.key, ...(obj.versionId ? { VersionId: obj.versionId } : {}) }));
    const bytes = got.Body ? await got.Body.transformToByteArray() : new Uint8Array(0);
    const outcome = await applyAnswerUpload(new AwsRunPort(), {
      key: obj.key,
      versionId: obj.versionId,
      bytes,
      sentBy: principals.get(obj.key) ?? 'unknown',
      asOf: new Date().toISOString().slice(0, 10),
    });
    if (outcome.state === 'rejected') ctx.logger.warn('answer file rejected', { key: obj.key, reason: outcome.reason });
    else ctx.logger.info(`answer file ${outcome.state}`, { key: obj.key, applied: outcome.record.answers.length, rejected: outcome.record.rejected.length, cases: outcome.cases });
  }
});
