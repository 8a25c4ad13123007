// The case register's files and the stored answers (docs/VERIFICATION.md): where they live in the results store
// (the results bucket, or the CLI's --out folder), how an answer file is recorded, and the rebuild of
// register/{county}/cases.fgb + cases.csv from every run and every recorded answer file. The rebuild reads only
// stored inputs, so it is the same whether done after each answer file or once from scratch.
import { createHash } from 'node:crypto';
import { CGCS2000, crsFromEpsg } from '@landwatch/core';
import { lonLatGeometry } from './lon-lat-geometry.ts';
import {
  buildRegister,
  CASE_COLUMNS,
  caseRow,
  casesCsv,
  parseAnswerFile,
  type Answer,
  type CaseRegister,
  type ParsedAnswers,
  type RegisterDetection,
  type RegisterDetectionRow,
} from '@landwatch/core/verification';
import { memoryByteSource, readFeatures, readHeader } from '@landwatch/fgb';
import { resultLayerBytes } from './county-files.ts';
import type { RunStore } from './run-port.ts';

/** What the register needs of a store: the RunStore's get / put / list. */
export type RegisterStore = Pick<RunStore, 'get' | 'put' | 'list'>;

export const registerKeys = {
  casesCsv: (county: string) => `register/${county}/cases.csv`,
  casesFgb: (county: string) => `register/${county}/cases.fgb`,
  answersDir: (county: string) => `register/${county}/answers/`,
  answerRecord: (county: string, sha: string) => `register/${county}/answers/${sha}.json`,
  /** where an answer file is kept as it was sent (the CLI's copy; on AWS the county's own upload key) */
  upload: (year: number, county: string, name: string) => `verification/${year}/${county}/${name}`,
};

/** One answer file as recorded: who sent it, where it is kept, what was applied and rejected. */
export interface AnswerRecord {
  schema: 'landwatch.answer-record/v1';
  /** sha256 of the file's bytes: the file's identity (the same file sent twice is one record) */
  sha256: string;
  countyCode: string;
  /** the kept upload: key and, on a versioned bucket, its version */
  upload: { key: string; versionId?: string };
  sentBy: string;
  answers: Answer[];
  rejected: ParsedAnswers['rejected'];
  skipped: number;
  neutralised: ParsedAnswers['neutralised'];
}

const RESULT_DETECTIONS = /^results\/(\d{4})\/(\d{6})\/([^/]+)\/detections\.fgb$/;
const enc = new TextEncoder();

async function runTime(store: RegisterStore, dir: string): Promise<string> {
  const summary = await store.get(`${dir}/summary.json`);
  if (!summary) return '';
  return String((JSON.parse(new TextDecoder().decode(summary)) as { generatedAt?: string }).generatedAt ?? '');
}


/** Every detection of a county in every stored run, in lon/lat. */
export async function readCountyDetections(store: RegisterStore, countyCode: string): Promise<RegisterDetection[]> {
  const keys = (await store.list('results/')).filter((k) => RESULT_DETECTIONS.exec(k)?.[2] === countyCode);
  const out: RegisterDetection[] = [];
  for (const key of keys) {
    const bytes = await store.get(key);
    if (!bytes) continue;
    const time = await runTime(store, key.slice(0, key.lastIndexOf('/')));
    const src = memoryByteSource(key, bytes);
    const header = await readHeader(src);
    const crs = crsFromEpsg(header.crs?.code ?? CGCS2000.epsg);
    for await (const f of readFeatures(src, header)) {
      if (!f.geometry) continue;
      const p = f.properties;
      const row = {
        ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? ''])),
        area_m2: Number(p.area_m2 ?? 0),
        survey_year: Number(p.survey_year),
      } as unknown as RegisterDetectionRow;
      out.push({ row, geometry: lonLatGeometry(f.geometry, crs), lonLat: [Number(p.centroid_lon ?? 0), Number(p.centroid_lat ?? 0)], runTime: time });
    }
  }
  // detections.fgb carries no centroid: take it from detections.csv's alert ids, else the outline's first point
  await fillCentroids(store, keys, out);
  return out;
}

async function fillCentroids(store: RegisterStore, fgbKeys: string[], detections: RegisterDetection[]): Promise<void> {
  const centroid = new Map<string, [number, number]>();
  for (const key of fgbKeys) {
    const csv = await store.get(key.replace(/detections\.fgb$/, 'detections.csv'));
    if (!csv) continue;
    // detections.csv: alert_id is the first column, centroid_lon / centroid_lat the last two, none of them quoted
    for (const line of new TextDecoder().decode(csv).replace(/^\uFEFF/, '').split('\r\n').slice(1)) {
      const cells = line.split(',');
      if (cells.length >= 3) centroid.set(cells[0], [Number(cells[cells.length - 2]), Number(cells[cells.length - 1])]);
    }
  }
  for (const d of detections) d.lonLat = centroid.get(d.row.alert_id) ?? [d.geometry.xy[0], d.geometry.xy[1]];
}

export async function readAnswerRecords(store: RegisterStore, countyCode: string): Promise<AnswerRecord[]> {
  const keys = (await store.list(registerKeys.answersDir(countyCode))).filter((k) => k.endsWith('.json'));
  const records: AnswerRecord[] = [];
  for (const key of keys) {
    const bytes = await store.get(key);
    if (bytes) records.push(JSON.parse(new TextDecoder().decode(bytes)) as AnswerRecord);
  }
  return records.sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
}

/** Builds the register from the store (without writing it). */
export async function loadRegister(store: RegisterStore, countyCode: string, asOf: string, extra: readonly RegisterDetection[] = []): Promise<{ register: CaseRegister; records: AnswerRecord[] }> {
  const detections = [...(await readCountyDetections(store, countyCode)), ...extra];
  const records = await readAnswerRecords(store, countyCode);
  return { register: buildRegister({ countyCode, detections, answers: records.flatMap((r) => r.answers), asOf }), records };
}

/** The register's two files as bytes. */
export async function renderRegisterFiles(register: CaseRegister): Promise<{ csv: Uint8Array; fgb: Uint8Array }> {
  const items = register.cases.map((c) => ({ row: caseRow(c), geometry: c.detection.geometry }));
  return {
    csv: enc.encode(casesCsv(register)),
    fgb: await resultLayerBytes('cases', `耕地变化核查案件台账 ${register.countyCode}`, CGCS2000, CASE_COLUMNS, items),
  };
}

/** Rebuilds register/{county}/cases.fgb and cases.csv from every stored run and answer record; returns the register. */
export async function rebuildRegister(store: RegisterStore, countyCode: string, asOf: string): Promise<{ register: CaseRegister; records: AnswerRecord[] }> {
  const loaded = await loadRegister(store, countyCode, asOf);
  const files = await renderRegisterFiles(loaded.register);
  await store.put({ key: registerKeys.casesFgb(countyCode), bytes: files.fgb, contentType: 'application/octet-stream' });
  await store.put({ key: registerKeys.casesCsv(countyCode), bytes: files.csv, contentType: 'text/csv; charset=utf-8' });
  return loaded;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface RecordAnswerInput {
  countyCode: string;
  file: string;
  bytes: Uint8Array;
  sentBy: string;
  upload: AnswerRecord['upload'];
  asOf: string;
}

export type RecordOutcome = { state: 'recorded' | 'already-recorded'; record: AnswerRecord };

/**
 * Validates an answer file against the county's cases and records it (once per distinct content). A file that
 * cannot be read as a whole throws AnswerFileError and records nothing.
 */
export async function recordAnswerFile(store: RegisterStore, input: RecordAnswerInput): Promise<RecordOutcome> {
  const sha = sha256Hex(input.bytes);
  const key = registerKeys.answerRecord(input.countyCode, sha);
  const existing = await store.get(key);
  if (existing) return { state: 'already-recorded', record: JSON.parse(new TextDecoder().decode(existing)) as AnswerRecord };
  const { register } = await loadRegister(store, input.countyCode, input.asOf);
  const parsed = parseAnswerFile({
    file: input.file,
    bytes: input.bytes,
    countyCode: input.countyCode,
    sentBy: input.sentBy,
    source: sha.slice(0, 16),
    knownAlertIds: new Set(register.caseOfAlert.keys()),
  });
  const record: AnswerRecord = {
    schema: 'landwatch.answer-record/v1',
    sha256: sha,
    countyCode: input.countyCode,
    upload: input.upload,
    sentBy: input.sentBy,
    answers: parsed.answers,
    rejected: parsed.rejected,
    skipped: parsed.skipped,
    neutralised: parsed.neutralised,
  };
  await store.put({ key, bytes: enc.encode(JSON.stringify(record, null, 2) + '\n'), contentType: 'application/json' });
  return { state: 'recorded', record };
}

/**
 * Rebuilds the register until the set of answer records it was built from is the set stored: two answer files
 * recorded at the same time each rebuild, and whichever writes last has seen both (the last writer re-lists after
 * its write, so a record stored before that list is in its register, and one stored after it makes its own
 * Lambda rebuild later).
 */
export async function rebuildUntilStable(store: RegisterStore, countyCode: string, asOf: string): Promise<CaseRegister> {
  for (;;) {
    const { register, records } = await rebuildRegister(store, countyCode, asOf);
    const after = await readAnswerRecordKeys(store, countyCode);
    if (after.join('\n') === records.map((r) => registerKeys.answerRecord(countyCode, r.sha256)).join('\n')) return register;
  }
}

async function readAnswerRecordKeys(store: RegisterStore, countyCode: string): Promise<string[]> {
  return (await store.list(registerKeys.answersDir(countyCode))).filter((k) => k.endsWith('.json')).sort();
}
