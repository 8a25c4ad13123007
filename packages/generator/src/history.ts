// Year N+1 of a generated county, made from year N's change layer (`landwatch generate --history DIR`): the places
// where the verification round trip has something to remember (docs/VERIFICATION.md, "History"). Deterministic for a
// given year-N layer and seed. Only year-N losses of 耕地 to construction with valid geometry are used:
//   - restored:     the same place comes back as 耕地 (after → before): a gain that proposes closing the case;
//   - repeated:     the same loss again on the same place (to be answered closed in year N: then a repeat);
//   - false-change: the same loss again with the same codes (to be answered false_change: then suppressed);
//   - continued:    the same loss again on a case still open (the case continues into year N+1).
// Every new piece gets a new BSM, the new survey year (SJNF, GXSJ = N+1-12-31) and year N's geometry.
import type { GeneratedFeature, Properties } from './change-pieces.ts';
import { repairGeometry } from '@landwatch/core';
import { Rng } from './random.ts';

/** Stream purpose of the history shuffle (random.ts keeps 1–15). */
const HISTORY_STREAM = 101;

export const HISTORY_KINDS = ['restored', 'repeated', 'false-change', 'continued'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export interface HistoryOptions {
  seed: number;
  /** pieces of each kind; default 5 */
  perKind?: number;
}

export interface HistoryPlan {
  surveyYear: number;
  /** year N piece id (BSM) → year N+1 piece id, per kind */
  pieces: Record<HistoryKind, { from: string; to: string }[]>;
}

/** 建设用地 first-level classes (05 商服 … 10 交通运输): a 耕地 loss to one of them is always detected. */
const CONSTRUCTION = /^(05|06|07|08|09|10)/;

/** A loss of 耕地 to construction whose geometry needs no repair (a repaired piece could be measured otherwise). */
function isPlainLoss(f: GeneratedFeature): boolean {
  const p = f.properties;
  if (!String(p.BGQDLBM ?? '').startsWith('01') || !CONSTRUCTION.test(String(p.BGHDLBM ?? ''))) return false;
  const repaired = repairGeometry(f.geometry);
  return repaired.ok && repaired.repairs.length === 0;
}

export function nextSurveyYear(previous: readonly GeneratedFeature[], options: HistoryOptions): { features: GeneratedFeature[]; plan: HistoryPlan } {
  const perKind = options.perKind ?? 5;
  const years = previous.map((f) => Number(f.properties.SJNF)).filter((y) => Number.isInteger(y));
  if (years.length === 0) throw new Error('the previous change layer has no SJNF: cannot tell its survey year');
  const year = Math.max(...years) + 1;
  const losses = previous.filter(isPlainLoss).sort((a, b) => (String(a.properties.BSM) < String(b.properties.BSM) ? -1 : 1));
  if (losses.length < perKind * HISTORY_KINDS.length) throw new Error(`the previous change layer has ${losses.length} losses of 耕地; --history needs ${perKind * HISTORY_KINDS.length}`);
  // a seeded shuffle picks which losses play which part
  const rng = Rng.of(options.seed, HISTORY_STREAM);
  const order = [...losses];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const plan: HistoryPlan = { surveyYear: year, pieces: { restored: [], repeated: [], 'false-change': [], continued: [] } };
  const features: GeneratedFeature[] = [];
  HISTORY_KINDS.forEach((kind, k) => {
    for (const f of order.slice(k * perKind, (k + 1) * perKind)) {
      const p = f.properties;
      const bsm = `${p.BSM}-${year}`;
      const base: Properties = { ...p, BSM: bsm, SJNF: year, GXSJ: `${year}-12-31`, BGQTBBSM: String(p.BGHTBBSM ?? ''), BGHTBBSM: bsm };
      const swapped: Properties =
        kind === 'restored'
          ? {
              ...base,
              BGQDLBM: p.BGHDLBM,
              BGHDLBM: p.BGQDLBM,
              BGQDLMC: p.BGHDLMC,
              BGHDLMC: p.BGQDLMC,
              BGQZZSXDM: '',
              BGHZZSXDM: '',
              BGQTBDLMJ: p.BGHTBDLMJ,
              BGHTBDLMJ: p.BGQTBDLMJ,
            }
          : base;
      features.push({ geometry: f.geometry, properties: swapped });
      plan.pieces[kind].push({ from: String(p.BSM), to: bsm });
    }
  });
  return { features, plan };
}
