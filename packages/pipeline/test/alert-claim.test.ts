// The alert claim (docs/ORCHESTRATION.md, "The alert claim"): the first finalize claims and sends; a later one finds
// the claim marked sent and sends nothing; one that finds a claim without the mark sends again (same alertBatchId,
// which SQS FIFO deduplicates).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CountyAlert } from '@landwatch/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAlertOnce } from '../src/alert-claim.ts';
import { LocalRunPort } from '../src/local-port.ts';
import { runKeys } from '../src/run-protocol.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function port(): LocalRunPort {
  const dir = mkdtempSync(join(tmpdir(), 'lw-claim-'));
  dirs.push(dir);
  return new LocalRunPort({ workDir: join(dir, 'work'), outDir: join(dir, 'out') });
}

// the fields the claim and the local port's send read (the local port writes alert.json beside the report)
const RESULTS = 'results/2024/431102/2024-3f9c0a1b2c3d';
const alert = {
  runId: '2024-3f9c0a1b2c3d',
  alertBatchId: '2024-3f9c0a1b2c3d:431102',
  county: { code: '431102', name: '零陵区' },
  files: { report: `${RESULTS}/report.html` },
} as CountyAlert;

describe('sendAlertOnce', () => {
  it('sends once; a second finalize of the same county finds the claim marked sent and sends nothing', async () => {
    const p = port();
    expect(await sendAlertOnce(p, alert)).toBe('sent');
    expect(await sendAlertOnce(p, alert)).toBe('already-sent');
    expect(p.alerts).toHaveLength(1);
    expect(JSON.parse(new TextDecoder().decode(await p.get(`${RESULTS}/alert.json`))).alertBatchId).toBe(alert.alertBatchId);
    const claim = JSON.parse(new TextDecoder().decode(await p.get(runKeys.alertClaim(alert.runId, '431102'))));
    expect([claim.alertBatchId, typeof claim.sentAt]).toEqual([alert.alertBatchId, 'string']);
  });

  it('a claim without the sent mark (the sender died after claiming) is sent again under the same alertBatchId', async () => {
    const p = port();
    expect(await p.claim({ key: runKeys.alertClaim(alert.runId, '431102'), bytes: new TextEncoder().encode('{"alertBatchId":"x","claimedAt":"2026-12-06T00:00:00Z"}'), contentType: 'application/json' })).toBe(true);
    expect(await sendAlertOnce(p, alert)).toBe('sent');
    expect(p.alerts.map((a) => a.alertBatchId)).toEqual([alert.alertBatchId]);
  });

  it('of two claims of one key at the same instant, exactly one is created', async () => {
    const p = port();
    const file = { key: runKeys.alertClaim(alert.runId, '431103'), bytes: new Uint8Array([1]), contentType: 'application/json' };
    expect((await Promise.all([p.claim(file), p.claim(file), p.claim(file)])).filter(Boolean)).toHaveLength(1);
  });
});
