import { describe, expect, it } from 'vitest';
import example from '../schemas/examples/county-alert.v1.example.json' with { type: 'json' };
import { MessageValidationError, validateCountyAlert, validateRunEvent } from './message-schemas.ts';

const sample = () => structuredClone(example) as Record<string, any>;

function errorsOf(message: unknown): string {
  try {
    validateCountyAlert(message);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(MessageValidationError);
    return (error as Error).message;
  }
}

describe('county-alert.v1 schema', () => {
  it('accepts the docs/ARCHITECTURE.md, "The county alert" example', () => {
    expect(() => validateCountyAlert(sample())).not.toThrow();
  });

  it.each([
    ['a missing top-level field', (m: any) => delete m.balance, /must have required property 'balance'/],
    ['a missing nested field', (m: any) => delete m.files.links.expiresAt, /\/files\/links must have required property 'expiresAt'/],
    ['a wrong severity', (m: any) => (m.worst[0].severity = 'severe'), /\/worst\/0\/severity must be equal to one of the allowed values/],
    ['a wrong change type', (m: any) => (m.worst[0].changeType = 'farmland_loss'), /\/worst\/0\/changeType/],
    ['an unknown bySeverity key', (m: any) => (m.totals.bySeverity.urgent = 1), /property name must be valid/],
    ['a fractional count', (m: any) => (m.totals.detections = 1.5), /\/totals\/detections must be integer/],
    ['a negative area', (m: any) => (m.balance.outMu = -1), /\/balance\/outMu must be >= 0/],
    ['an extra property', (m: any) => (m.extra = true), /must NOT have additional properties/],
    ['a wrong schema id', (m: any) => (m.schema = 'landwatch.county-alert/v9'), /\/schema must be equal to constant/],
    ['a bad county code', (m: any) => (m.county.code = '4311'), /\/county\/code must match pattern/],
    ['a bad timestamp', (m: any) => (m.generatedAt = '22.11.2026'), /\/generatedAt must match format "date-time"/],
    ['a three-number lonLat', (m: any) => (m.worst[0].lonLat = [1, 2, 3]), /\/worst\/0\/lonLat/],
    ['a link that is not a URL', (m: any) => (m.files.links.report = 'report.html'), /\/files\/links\/report/],
  ])('rejects %s', (_name, mutate, expected) => {
    const message = sample();
    mutate(message);
    expect(errorsOf(message)).toMatch(expected);
  });

  it('reports every error, not just the first', () => {
    const message = sample();
    delete message.runId;
    message.worst[0].severity = 'x';
    const text = errorsOf(message);
    expect(text).toContain("required property 'runId'");
    expect(text).toContain('/worst/0/severity');
  });
});

describe('run-event.v1 schema', () => {
  const base = { schema: 'landwatch.run-event/v1', runId: '2024-3f9c0a1b2c3d', occurredAt: '2026-11-22T10:00:00.123Z' };
  const upload = { bucket: 'landwatch-uploads', key: 'changes/2024/a.fgb', etag: 'abc' };

  it('accepts each event type with its fields', () => {
    validateRunEvent({ ...base, type: 'accepted', upload, features: 10, tiles: 2, surveyYear: 2024 });
    validateRunEvent({ ...base, type: 'rejected', upload, reasons: ['unknown CRS EPSG:3857'] });
    validateRunEvent({ ...base, type: 'tile-failed', tileId: 't0001', reason: 'Error: boom', receiveCount: 3 });
    validateRunEvent({ ...base, type: 'finished', detections: 5, counties: [{ code: '431102', detections: 5, alertBatchId: '2024-3f9c0a1b2c3d:431102' }] });
  });

  it('requires the fields of each type', () => {
    expect(() => validateRunEvent({ ...base, type: 'rejected', upload })).toThrow(/reasons/);
    expect(() => validateRunEvent({ ...base, type: 'rejected', upload, reasons: [] })).toThrow(/fewer than 1/);
    expect(() => validateRunEvent({ ...base, type: 'tile-failed', reason: 'x' })).toThrow(/tileId/);
    expect(() => validateRunEvent({ ...base, type: 'started' })).toThrow(/allowed values/);
  });
});
