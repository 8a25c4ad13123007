// The run summary printed to stdout.
import { BALANCE_REGIME_LABELS, CHANGE_TYPE_LABELS, CHANGE_TYPES, muFromM2, SEVERITIES } from '@landwatch/core';
import type { RunOutcome } from '../local-run.ts';

export function formatRunSummary(o: RunOutcome): string {
  const lines: string[] = [];
  lines.push(`run ${o.runId} (survey year ${o.surveyYear}): ${o.pieces} pieces in ${o.tiles} tiles, ${(o.timings.totalMs / 1000).toFixed(1)} s`);
  for (const c of o.counties) {
    const s = c.summary;
    lines.push('');
    lines.push(`${c.countyCode} ${c.countyName}: ${s.totals.count} detections, ${s.totals.areaMu.toFixed(2)} 亩; permanent farmland touched by ${s.permanentFarmland.count} (${s.permanentFarmland.areaMu.toFixed(2)} 亩)`);
    lines.push(`  ${'change_type'.padEnd(22)} ${SEVERITIES.map((x) => x.padStart(8)).join(' ')}    total        亩`);
    for (const t of CHANGE_TYPES) {
      const row = s.totals.byChangeTypeAndSeverity[t];
      const tot = s.totals.byChangeType[t];
      if (tot.count === 0) continue;
      lines.push(`  ${t.padEnd(22)} ${SEVERITIES.map((x) => String(row[x].count || '').padStart(8)).join(' ')} ${String(tot.count).padStart(8)} ${tot.areaMu.toFixed(2).padStart(9)}  ${CHANGE_TYPE_LABELS[t]}`);
    }
    const b = s.balance.total;
    const occupied = s.balance.regime === 'unified-occupation-compensation' ? `, occupied ${muFromM2(b.occupiedM2).toFixed(2)} 亩` : '';
    lines.push(`  ${BALANCE_REGIME_LABELS[s.balance.regime]}: out ${muFromM2(b.outM2).toFixed(2)} 亩${occupied}, eligible in ${muFromM2(b.eligibleInM2).toFixed(2)} 亩 → ${b.balanced ? 'balanced' : 'NOT balanced'}`);
    lines.push(`  must restore (永久基本农田): ${s.mustRestore.count} detections, ${s.mustRestore.areaMu.toFixed(2)} 亩; paddy to dry ${s.paddyToDry.count}; restorable land lost ${s.restorableLoss.count}`);
    const checks = s.inputChecks;
    lines.push(`  input checks: ${checks.repairedPieces} geometries repaired, ${checks.unrepairable.length} unrepairable, ${checks.clipFailures.length} overlay failures`);
  }
  lines.push('');
  for (const d of o.outputDirs) lines.push(`wrote ${d}/`);
  return lines.join('\n');
}
