// The case register of one county (docs/VERIFICATION.md, "Case register" and "History"): a pure function of every
// run's detections and every applied answer. Nothing in it depends on the order in which runs or answers arrived,
// so a register rebuilt from scratch is the register kept up to date, byte for byte.
//
// Survey years are taken in order. In each year, every detection that is not a gain is matched with the cases of
// earlier years it covers most (the overlap is at least half the case's area):
//   - no such case: it opens a new case;
//   - an open case (pending, verified_real, rectifying): it continues that case (same case id, another survey year);
//   - a false_change case with the same before / after codes: it is suppressed (not alerted again, kept on the case);
//   - a closed or false_change case otherwise: a repeat, opening a new case that names the old one.
// A gain of a later year covering at least half of an open case proposes closing it.
import Flatbush from 'flatbush';
import { bboxIntersects, bboxOf, clipToLayer, planarAreaOf } from '../geometry/index.ts';
import type { DetectionRow } from '../detect/detection.ts';
import type { Bbox, MultiPolygon } from '../types.ts';
import type { Answer } from './answer-fields.ts';
import { caseIdFor } from './case-id.ts';
import { caseStatus, isOverdue, isSettled, type CaseStatus } from './case-status.ts';
import { latestAnswer } from './latest-answer.ts';

/** Share of a case's area another piece must cover to be the same place. */
export const SAME_PLACE_SHARE = 0.5;

export type RegisterDetectionRow = Pick<
  DetectionRow,
  | 'alert_id'
  | 'county_code'
  | 'township_code'
  | 'township_name'
  | 'village_code'
  | 'village_name'
  | 'piece_id'
  | 'before_code'
  | 'before_name'
  | 'after_code'
  | 'after_name'
  | 'change_type'
  | 'severity'
  | 'area_m2'
  | 'survey_year'
  | 'run_id'
> & {
  /** the verdict columns, where the run wrote them */
  disposition?: string;
  inspection_category?: string;
  reasons?: string;
};

export interface RegisterDetection {
  row: RegisterDetectionRow;
  /** CGCS2000 lon/lat */
  geometry: MultiPolygon;
  lonLat: [number, number];
  /** the run's time (ISO): of two runs of one survey year, the later one's copy of a detection is kept */
  runTime: string;
}

export interface RegisterCase {
  case_id: string;
  first_alert_id: string;
  last_alert_id: string;
  /** ascending, unique */
  survey_years: number[];
  /** the case's latest detection */
  detection: RegisterDetection;
  status: CaseStatus;
  latest?: Answer;
  overdue: boolean;
  close_suggested: boolean;
  repeat: boolean;
  /** the settled case this one repeats */
  repeat_of: string;
  /** detections not alerted because the place was found to be a false change with the same codes */
  suppressed_alert_ids: string[];
  /** every alert id of the case (first, continuing, suppressed) */
  alert_ids: string[];
}

export interface CaseRegister {
  countyCode: string;
  asOf: string;
  /** sorted by case_id */
  cases: RegisterCase[];
  /** alert id → case id, for every alert the register knows */
  caseOfAlert: Map<string, string>;
  /** detections marked by history */
  repeats: Set<string>;
  suppressed: Set<string>;
}

export interface RegisterInput {
  countyCode: string;
  detections: readonly RegisterDetection[];
  answers: readonly Answer[];
  /** the day overdue is judged on (YYYY-MM-DD) */
  asOf: string;
}

interface Place {
  geometry: MultiPolygon;
  box: Bbox;
  area: number;
}

// A case while the years are walked. Its years and alert ids are short lists (most cases have one of each: a
// county's first year opens a case per detection), kept as arrays: two Sets per case were most of what building the
// register of a million-piece county allocated.
interface Working {
  case_id: string;
  first: string;
  last: RegisterDetection;
  /** distinct, in the order added */
  years: number[];
  /** distinct, in the order added */
  alertIds: string[];
  suppressed: string[];
  repeatOf: string;
  closeSuggested: boolean;
  createdYear: number;
  place: () => Place;
}

const placeOf = (geometry: MultiPolygon): Place => ({ geometry, box: bboxOf(geometry), area: planarAreaOf(geometry) });

/** A detection's place, measured when first compared: a county's first survey year compares nothing, and then no
 * outline is read at all (the caller may supply outlines that are only made when read, as finalize does). */
function lazyPlace(d: RegisterDetection): () => Place {
  let place: Place | undefined;
  return () => (place ??= placeOf(d.geometry));
}

/** Share of `place` covered by `other` (planar: a ratio within one county, the same in any CRS to far below 1 %). */
function coveredShare(place: Place, other: Place): number {
  if (place.area <= 0 || !bboxIntersects(place.box, other.box)) return 0;
  const clip = clipToLayer(place.geometry, [other.geometry]);
  return clip.relation === 'outside' ? 0 : planarAreaOf(clip.clipped) / place.area;
}

/**
 * The cases among `cases` whose box meets a place's box, from a spatial index built on first use. Each detection was
 * compared with every earlier case: a county's second year of 32 000 cases took 20 s (bench/register-years.ts), and a
 * million-piece county's would take hours. What a match is does not change: the candidates are the cases a scan would
 * not have dropped at coveredShare's box test, and the best one is chosen by share, then case id, in any order.
 */
function casesNear(cases: readonly Working[]): (place: () => Place) => Working[] {
  let index: Flatbush | undefined;
  // the place is measured only when there are cases to compare (a county's first survey year has none)
  return (place) => {
    if (cases.length === 0) return [];
    if (index === undefined) {
      index = new Flatbush(cases.length);
      for (const w of cases) {
        const { box } = w.place();
        index.add(box.minX, box.minY, box.maxX, box.maxY);
      }
      index.finish();
    }
    const { box } = place();
    return index.search(box.minX, box.minY, box.maxX, box.maxY).map((i) => cases[i]!);
  };
}

function newestCopies(detections: readonly RegisterDetection[]): RegisterDetection[] {
  const byId = new Map<string, RegisterDetection>();
  const later = (a: RegisterDetection, b: RegisterDetection) => (a.runTime !== b.runTime ? a.runTime > b.runTime : a.row.run_id > b.row.run_id);
  for (const d of detections) {
    const seen = byId.get(d.row.alert_id);
    if (!seen || later(d, seen)) byId.set(d.row.alert_id, d);
  }
  // by alert id: the ids sorted on their own (the default sort compares strings as `<` does), then looked up. A
  // comparator reading each detection's row was 2.1 s of a million-piece county's write stage (CPU profile): every
  // comparison two dependent loads into a gigabyte of scattered detections
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}

export function buildRegister(input: RegisterInput): CaseRegister {
  const detections = newestCopies(input.detections.filter((d) => d.row.county_code === input.countyCode));
  const answersByAlert = new Map<string, Answer[]>();
  for (const a of input.answers) answersByAlert.set(a.alert_id, [...(answersByAlert.get(a.alert_id) ?? []), a]);
  const latestOf = (w: Working) => (answersByAlert.size === 0 ? undefined : latestAnswer(w.alertIds.flatMap((id) => answersByAlert.get(id) ?? [])));
  const addTo = <T,>(list: T[], item: T) => {
    if (!list.includes(item)) list.push(item);
  };

  const working: Working[] = [];
  const repeats = new Set<string>();
  const suppressed = new Set<string>();
  // `place`: the detection's place as the year's loop measured it (or will), so that a case's place is measured once
  const open = (d: RegisterDetection, repeatOf: string, place: () => Place) => {
    working.push({
      case_id: caseIdFor(d.row.alert_id, input.countyCode),
      first: d.row.alert_id,
      last: d,
      years: [d.row.survey_year],
      alertIds: [d.row.alert_id],
      suppressed: [],
      repeatOf,
      closeSuggested: false,
      createdYear: d.row.survey_year,
      place,
    });
  };

  const years = [...new Set(detections.map((d) => d.row.survey_year))].sort((a, b) => a - b);
  for (const year of years) {
    const earlier = working.filter((w) => w.createdYear < year);
    const near = casesNear(earlier);
    const statusAtStart = new Map(earlier.map((w) => [w, caseStatus(latestOf(w))]));
    const ofYear = detections.filter((d) => d.row.survey_year === year);
    for (const d of ofYear) {
      const place = lazyPlace(d);
      if (d.row.change_type === 'gain') {
        for (const w of near(place)) if (!isSettled(statusAtStart.get(w)!) && coveredShare(w.place(), place()) >= SAME_PLACE_SHARE) w.closeSuggested = true;
        continue;
      }
      let best: Working | undefined;
      let bestShare = 0;
      for (const w of near(place)) {
        const share = coveredShare(w.place(), place());
        if (share >= SAME_PLACE_SHARE && (share > bestShare || (share === bestShare && best !== undefined && w.case_id < best.case_id))) {
          best = w;
          bestShare = share;
        }
      }
      if (!best) {
        open(d, '', place);
        continue;
      }
      const status = statusAtStart.get(best)!;
      if (status === 'false_change' && best.last.row.before_code === d.row.before_code && best.last.row.after_code === d.row.after_code) {
        suppressed.add(d.row.alert_id);
        best.suppressed.push(d.row.alert_id);
        addTo(best.alertIds, d.row.alert_id);
        addTo(best.years, year);
      } else if (isSettled(status)) {
        repeats.add(d.row.alert_id);
        open(d, best.case_id, place);
      } else {
        addTo(best.alertIds, d.row.alert_id);
        addTo(best.years, year);
        if (d.row.alert_id > best.last.row.alert_id || best.last.row.survey_year < year) best.last = d;
      }
    }
  }

  const caseOfAlert = new Map<string, string>();
  const cases: RegisterCase[] = working.map((w) => {
    for (const id of w.alertIds) caseOfAlert.set(id, w.case_id);
    const latest = latestOf(w);
    const status = caseStatus(latest);
    return {
      case_id: w.case_id,
      first_alert_id: w.first,
      last_alert_id: w.last.row.alert_id,
      survey_years: w.years.sort((a, b) => a - b),
      detection: w.last,
      status,
      latest,
      overdue: isOverdue(status, latest?.deadline ?? '', input.asOf),
      close_suggested: w.closeSuggested && !isSettled(status),
      repeat: w.repeatOf !== '',
      repeat_of: w.repeatOf,
      suppressed_alert_ids: w.suppressed.sort(),
      alert_ids: w.alertIds.sort(),
    };
  });
  cases.sort((a, b) => (a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0));
  return { countyCode: input.countyCode, asOf: input.asOf, cases, caseOfAlert, repeats, suppressed };
}

/** The counts a county alert carries. */
export function caseCounts(register: CaseRegister): { pending: number; overdue: number; closed: number; repeats: number } {
  const n = (f: (c: RegisterCase) => boolean) => register.cases.filter(f).length;
  return { pending: n((c) => c.status === 'pending'), overdue: n((c) => c.overdue), closed: n((c) => c.status === 'closed'), repeats: n((c) => c.repeat) };
}
