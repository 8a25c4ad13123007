// The alert of a county whose register has overdue cases, built as finalize builds it: the county's earlier run is
// stored, its office answered (two illegal cases past their deadline, one on time, one legal — closed, so never
// overdue whatever its deadline), and the next finalize reads the register (caseHistoryFor), writes it into the county
// result (withHistory) and builds the alert (countyAlertFor). The worst list leads with the overdue cases, in urgency
// order among them, then the others in urgency order; the message stays a valid v2 alert (the v2 schema allows no
// extra field in a worst entry, so overdue is carried by the order and by `cases.overdue`, not by a flag).
import { ANSWER_COLUMNS } from '@landwatch/core/verification';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCountyAlert } from '../../../functions/lib/message-schemas.ts';
import { caseHistoryFor, withHistory } from '../src/case-history.ts';
import { countyAlertFor } from '../src/county-alert-file.ts';
import { renderCountyFiles } from '../src/county-files.ts';
import { recordAnswerFile, type RegisterStore } from '../src/register-files.ts';
import { runKeys } from '../src/run-protocol.ts';
import { crs, fourLossesAndAGain, runOf } from '../../core/test/support/small-county.ts';

const run = runOf('2024-0a0b0c0d0e0f', 'DLTBGXGC-431102-2024.fgb');
/** The day the next finalize judges deadlines on. */
const AS_OF = '2025-06-01';

// four losses of different kinds and sizes (so that their urgency order is fixed), and a gain (never in the list)
const county = fourLossesAndAGain(run);

/** The results store as a map of keys (the register reads and writes nothing else). */
function memoryStore(): RegisterStore {
  const files = new Map<string, Uint8Array>();
  return {
    get: async (key) => files.get(key),
    put: async ({ key, bytes }) => void files.set(key, bytes),
    list: async (prefix) => [...files.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
}

/** An answer CSV as a county office sends it (UTF-8 with BOM, CRLF); unnamed answer columns blank. */
function answersCsv(rows: Record<string, string>[]): Uint8Array {
  const header = ['alert_id', ...ANSWER_COLUMNS];
  return new TextEncoder().encode('\uFEFF' + [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\r\n') + '\r\n');
}

const keyOf = (file: string) => runKeys.result(run.surveyYear, county.countyCode, run.runId, file);
let urgency: string[];
let alert: ReturnType<typeof countyAlertFor>;

beforeAll(async () => {
  const store = memoryStore();
  // the earlier finalize of this county's run: its result files are what the register reads
  const files = await renderCountyFiles(county, crs);
  for (const name of ['detections.fgb', 'detections.csv', 'summary.json'] as const) await store.put({ key: keyOf(name), bytes: files.get(name)!, contentType: '' });
  // the losses in urgency order, as the alert lists them without a register
  urgency = countyAlertFor(county, keyOf).worst.map((w) => w.alertId);
  expect(urgency).toHaveLength(4);
  const [first, second, third, fourth] = urgency as [string, string, string, string];
  const answer = (alert_id: string, legality: string, deadline: string) => ({ alert_id, check_result: 'real', legality, action: 'restore', deadline, checked_by: '张三', checked_at: '2025-01-10' });
  const recorded = await recordAnswerFile(store, {
    countyCode: county.countyCode,
    file: 'verification/2024/431102/answers.csv',
    bytes: answersCsv([
      answer(first, 'legal', '2025-03-31'), // closed: a past deadline does not make it overdue
      answer(second, 'illegal', '2025-12-31'), // rectifying, on time
      answer(third, 'illegal', '2025-03-31'), // rectifying, overdue
      answer(fourth, 'illegal', '2025-04-30'), // rectifying, overdue
    ]),
    sentBy: '零陵区自然资源局',
    upload: { key: 'verification/2024/431102/answers.csv' },
    asOf: AS_OF,
  });
  expect(recorded.record.rejected).toEqual([]);
  // the next finalize of the county, as deliverCounty does it
  const history = await caseHistoryFor(store, county, crs, AS_OF);
  alert = countyAlertFor(withHistory(county, history), keyOf, {}, { cases: history.cases, repeats: history.repeats.length });
});

describe('the alert of a county with overdue cases', () => {
  it('lists the overdue cases first, in urgency order among them, then the others in urgency order', () => {
    const [first, second, third, fourth] = urgency as [string, string, string, string];
    expect(alert.worst.map((w) => w.alertId)).toEqual([third, fourth, first, second]);
  });

  it('counts them in cases.overdue, and stays a valid landwatch.county-alert/v2 message', () => {
    expect(alert.cases).toEqual({ pending: 0, overdue: 2, closed: 1, repeats: 0 });
    expect(() => validateCountyAlert(alert)).not.toThrow();
  });
});
