// An answer file a county office put into the results bucket (docs/VERIFICATION.md, "On AWS"): its key names the
// survey year and the county, `verification/{surveyYear}/{countyCode}/{anything}.csv`; the register is then rebuilt
// until it has seen every recorded file. Shared by the Lambda and its tests; the CLI's `verify` does the same from
// a local file.
import { AnswerFileError } from '@landwatch/core/verification';
import { rebuildUntilStable, recordAnswerFile, sha256Hex, type AnswerRecord, type RegisterStore } from './register-files.ts';

const ANSWER_KEY = /^verification\/(\d{4})\/(\d{6})\/[^/]+\.csv$/i;

/** The survey year and county an answer upload key names, or undefined when the key is not one. */
export function answerUploadKey(key: string): { surveyYear: number; countyCode: string } | undefined {
  const m = ANSWER_KEY.exec(key);
  return m ? { surveyYear: Number(m[1]), countyCode: m[2] } : undefined;
}

export interface AnswerUpload {
  key: string;
  versionId?: string;
  bytes: Uint8Array;
  /** the uploading principal */
  sentBy: string;
  /** YYYY-MM-DD the register judges overdue on */
  asOf: string;
}

export type AnswerUploadOutcome =
  | { state: 'recorded' | 'already-recorded'; record: AnswerRecord; cases: number }
  | { state: 'rejected'; reason: string; rejectionKey: string };

/** Records an uploaded answer file and rebuilds the county's register. A file unreadable as a whole is rejected:
 * its reason is written to `register/{county}/rejected/{sha256}.json` and the register is left as it was. */
export async function applyAnswerUpload(store: RegisterStore, upload: AnswerUpload): Promise<AnswerUploadOutcome> {
  const where = answerUploadKey(upload.key);
  if (!where) throw new Error(`not an answer upload key: ${upload.key} (expected verification/{surveyYear}/{countyCode}/{name}.csv)`);
  try {
    const outcome = await recordAnswerFile(store, {
      countyCode: where.countyCode,
      file: upload.key,
      bytes: upload.bytes,
      sentBy: upload.sentBy,
      upload: { key: upload.key, ...(upload.versionId ? { versionId: upload.versionId } : {}) },
      asOf: upload.asOf,
    });
    const register = await rebuildUntilStable(store, where.countyCode, upload.asOf);
    return { ...outcome, cases: register.cases.length };
  } catch (err) {
    if (!(err instanceof AnswerFileError)) throw err;
    const rejectionKey = `register/${where.countyCode}/rejected/${sha256Hex(upload.bytes)}.json`;
    const body = { key: upload.key, versionId: upload.versionId ?? null, sentBy: upload.sentBy, reason: err.message };
    await store.put({ key: rejectionKey, bytes: new TextEncoder().encode(JSON.stringify(body, null, 2) + '\n'), contentType: 'application/json' });
    return { state: 'rejected', reason: err.message, rejectionKey };
  }
}
