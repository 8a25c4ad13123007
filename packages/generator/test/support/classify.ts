// An independent classifier following docs/RULES.md "Change types", to check the generator's `expected` counts.
import type { ChangeType } from '@landwatch/core';
import { CULTIVATED } from './domain-codes.ts';

const CONSTRUCTION = /^(05|06|07|08|09|100[1-5]|100[7-9]|1109|1201)/;

export function classify(p: Record<string, string | number | null>): ChangeType | null {
  const before = String(p.BGQDLBM);
  const after = String(p.BGHDLBM);
  const gdBefore = CULTIVATED.includes(before);
  const gdAfter = CULTIVATED.includes(after);
  if (!gdBefore && gdAfter) return 'gain';
  if (!gdBefore) {
    const restorable = p.BGQZZSXDM === 'JKHF' || p.BGQZZSXDM === 'GCHF' || before.endsWith('K') || before === '1208';
    const base = (code: string) => code.replace(/[AK]$/, '');
    if (!restorable || base(before) === base(after)) return null;
    return CONSTRUCTION.test(after) || /^(02|03)/.test(after) || after.startsWith('1104') ? 'restorable_loss' : null;
  }
  if (gdAfter) {
    if (before === '0101' && (after === '0102' || after === '0103')) return 'paddy_to_dry';
    if (p.BGHZZSXDM === 'FLS') return 'non_grain_planting';
    if (p.BGHZZSXDM === 'LLJZ') return 'tree_intercrop';
    if (p.BGHZZSXDM === 'WG') return 'abandoned';
    return null;
  }
  if (CONSTRUCTION.test(after) || after === '1102') return 'non_agricultural';
  if (/^(02|03|04)/.test(after) || after.startsWith('1104')) return 'non_grain_land';
  if (after === '1202' || after === '1006') return 'agricultural_facility';
  if (after === '1101' || after === '1103' || after.startsWith('1107')) return 'to_water';
  if (['1106', '1204', '1205', '1206', '1207'].includes(after)) return 'to_unused';
  throw new Error(`unclassified 耕地 change ${before} → ${after}`);
}
