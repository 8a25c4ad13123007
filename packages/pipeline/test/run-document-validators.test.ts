// The run documents' validators are generated ahead of time from their schemas: a schema changed without
// `node scripts/run-document-validators.mjs` fails here, as does a validator that no longer checks what the schema says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDocumentValidatorsSource } from '../../../scripts/run-document-validators.mjs';
import { runDocumentFormats } from '../src/run-document-formats.ts';
import { RunDocumentError, writeRunStatus } from '../src/run-documents.ts';
import type { RunStore } from '../src/run-port.ts';

const store: RunStore = {
  get: async () => undefined,
  put: async () => {},
  putAll: async () => {},
  exists: async () => false,
  list: async () => [],
} as unknown as RunStore;

describe('run-document validators', () => {
  it('are the ones the schemas give today, byte for byte', () => {
    const committed = readFileSync(new URL('../src/run-document-validators.ts', import.meta.url), 'utf8');
    expect(committed === runDocumentValidatorsSource(), 'run `node scripts/run-document-validators.mjs`').toBe(true);
  });

  it('check formats and required fields as the schema says', async () => {
    const upload = { bucket: 'b', key: 'k.fgb', etag: 'e', size: 1 };
    await expect(writeRunStatus(store, { runId: '2024-0123456789ab', state: 'rejected', upload, reasons: ['x'] })).resolves.toBeTypeOf('string');
    const bad = writeRunStatus(store, { runId: '2024-0123456789ab', state: 'no-such-state', upload, reasons: ['x'] } as never);
    await expect(bad).rejects.toBeInstanceOf(RunDocumentError);
  });

  it("check the manifest's createdAt as an RFC 3339 date-time with a time zone", () => {
    const dateTime = runDocumentFormats['date-time']!;
    expect(['2026-12-06T12:00:00Z', '2026-12-06T20:00:00.5+08:00'].map(dateTime)).toEqual([true, true]);
    expect(['2026-12-06T12:00:00', '2026-13-06T12:00:00Z', '2026-12-06'].map(dateTime)).toEqual([false, false, false]);
  });
});
