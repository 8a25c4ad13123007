// alert.json: the message the county office would receive, written by the CLI beside the county's files; checked
// against the v2 JSON Schema, against the detections it cites, and turned back into a v1 message for old consumers.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countyAlertV1, type CountyAlert } from '@landwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import example from '../../functions/schemas/examples/county-alert.v2.example.json' with { type: 'json' };
import { MessageValidationError, validateCountyAlert } from '../../functions/lib/message-schemas.ts';
import { generateAndRun, type CountyRun } from '../support/county-run.ts';

let run: CountyRun;
let alert: CountyAlert;
let csv: Map<string, Record<string, string>>;

beforeAll(async () => {
  run = await generateAndRun('lw-alert-', 500);
  alert = JSON.parse(readFileSync(join(run.resultDir, 'alert.json'), 'utf8'));
  const [head, ...lines] = readFileSync(join(run.resultDir, 'detections.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const names = head!.split(',');
  // the columns read here (ids, codes, names) hold no commas, so a plain split is enough for the leading ones
  csv = new Map(lines.map((l) => {
    const cells = l.split(',');
    return [cells[0]!, Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']))];
  }));
});

afterAll(() => rmSync(run.work, { recursive: true, force: true }));

const valid = (message: unknown) => expect(() => validateCountyAlert(message)).not.toThrow();

describe('alert.json written by landwatch run', () => {
  it('is a valid landwatch.county-alert/v2 message with file keys relative to --out', () => {
    expect(alert.schema).toBe('landwatch.county-alert/v2');
    valid(alert);
    const rel = run.resultDir.slice(join(run.work, 'out').length + 1).replace(/\\/g, '/');
    expect(alert.files).toEqual({
      detections: `${rel}/detections.fgb`,
      overlaps: `${rel}/overlaps.fgb`,
      csv: `${rel}/detections.csv`,
      xlsx: `${rel}/detections.xlsx`,
      summary: `${rel}/summary.json`,
      report: `${rel}/report.html`,
    });
  });

  it('gives each worst case what finds the piece and what happened to it, equal to its CSV row', () => {
    expect(alert.worst.length).toBe(10);
    for (const w of alert.worst) {
      const row = csv.get(w.alertId)!;
      expect(w.pieceId).toBe(row.piece_id);
      expect(w.township).toEqual({ code: row.township_code, name: row.township_name });
      expect(w.villageCode).toBe(row.village_code);
      expect(w.before).toEqual({ code: row.before_code, name: row.before_name });
      expect(w.after).toEqual({ code: row.after_code, name: row.after_name });
      expect(w.permanentFarmlandMu).toBe(Math.round(Number(row.permanent_farmland_m2) * 0.0015 * 1e4) / 1e4);
    }
    expect(alert.worst[0]!.severityName).toBe('极严重');
  });

  it('carries a forwardable Chinese text of at most 500 characters naming the worst piece', () => {
    const text = alert.text;
    expect([...text].length).toBeLessThanOrEqual(500);
    expect(text.startsWith(`【耕地变化监测】零陵区（431102）${alert.surveyYear}年度：监测图斑${alert.totals.detections}个`)).toBe(true);
    const w = alert.worst[0]!;
    expect(text).toContain(`1.${w.township.name}${w.village} 图斑${w.pieceId} ${w.before.code}${w.before.name}→${w.after.code}${w.after.name}`);
    expect(text.endsWith('详见报告report.html与清单detections.xlsx。')).toBe(true);
    expect(text).not.toMatch(/DESIGN|DOMAIN|§|未核实|critical|non_agricultural/);
  });

  it('turns into a valid v1 message for consumers of the first version', () => {
    const v1 = countyAlertV1(alert);
    // v1 requires a bucket and links: an S3 message has them
    const s3 = countyAlertV1({ ...alert, files: { ...alert.files, bucket: 'landwatch-results', links: { report: 'https://x.example/r', xlsx: 'https://x.example/x', expiresAt: '2026-12-01T00:00:00Z' } } });
    valid(s3);
    expect(v1.schema).toBe('landwatch.county-alert/v1');
    expect((s3.worst as unknown[])[0]).toEqual({ alertId: alert.worst[0]!.alertId, changeType: alert.worst[0]!.changeType, severity: alert.worst[0]!.severity, areaMu: alert.worst[0]!.areaMu, village: alert.worst[0]!.village, lonLat: alert.worst[0]!.lonLat });
  });
});

describe('county-alert.v2 schema', () => {
  const sample = () => structuredClone(example) as Record<string, any>;

  it('accepts the example, with reasons, disposition, the optional counts and the xlsx link', () => {
    valid(sample());
    const m = sample();
    m.mustRestore = { detections: 1, areaMu: 4.5 };
    m.paddyToDry = { detections: 0, areaMu: 0 };
    m.restorableLoss = { detections: 2, areaMu: 1 };
    m.worst[0].changeType = 'restorable_loss';
    valid(m);
  });

  it.each([
    ['a missing text', (m: any) => delete m.text, /must have required property 'text'/],
    ['a text over 500 characters', (m: any) => (m.text = '耕'.repeat(501)), /\/text must NOT have more than 500 characters/],
    ['a worst case without its piece id', (m: any) => delete m.worst[0].pieceId, /\/worst\/0 must have required property 'pieceId'/],
    ['an unknown disposition', (m: any) => (m.worst[0].disposition = 'demolish'), /\/worst\/0\/disposition must be equal to one of the allowed values/],
    ['a disposition without its Chinese name', (m: any) => delete m.worst[0].dispositionName, /\/worst\/0 must have property dispositionName when property disposition is present/],
    ['a township without a name', (m: any) => delete m.worst[0].township.name, /\/worst\/0\/township must have required property 'name'/],
    ['links without a bucket', (m: any) => delete m.files.bucket, /\/files must have property bucket when property links is present/],
    ['a v1 body that says v2', (m: any) => (m.worst = [{ alertId: 'a', changeType: 'gain', severity: 'info', areaMu: 1, village: 'v', lonLat: [1, 2] }]), /\/worst\/0 must have required property 'pieceId'/],
  ])('rejects %s', (_name, mutate, expected) => {
    const m = sample();
    mutate(m);
    expect(() => validateCountyAlert(m)).toThrow(MessageValidationError);
    expect(() => validateCountyAlert(m)).toThrow(expected);
  });

  it('still validates a v1 message against the v1 schema', () => {
    const v1 = JSON.parse(readFileSync(new URL('../../functions/schemas/examples/county-alert.v1.example.json', import.meta.url), 'utf8'));
    valid(v1);
  });
});
