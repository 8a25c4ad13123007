// The case register: status rules (one fixture per rule), case ids, the merge of answers, history across survey
// years, and its invariants (fast-check): the same runs and answers in any order give the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiPolygon } from '../src/geometry/index.ts';
import type { MultiPolygon } from '../src/types.ts';
import {
  buildRegister,
  caseCounts,
  caseIdFor,
  casesCsv,
  caseStatus,
  type Answer,
  type RegisterDetection,
} from '../src/verification/index.ts';

const COUNTY = '431102';
const square = (x: number, y: number, size = 0.001): MultiPolygon =>
  multiPolygon([
    [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  ]);

function detection(alertId: string, year: number, geometry: MultiPolygon, over: Partial<RegisterDetection['row']> = {}, runTime = `${year + 1}-02-01T00:00:00Z`): RegisterDetection {
  return {
    row: {
      alert_id: alertId,
      county_code: COUNTY,
      township_code: '431102001',
      township_name: '朝阳街道',
      village_code: '431102001001',
      village_name: '一村',
      piece_id: alertId.slice(-4),
      before_code: '0103',
      before_name: '旱地',
      after_code: '0702',
      after_name: '农村宅基地',
      change_type: 'non_agricultural',
      severity: 'high',
      area_m2: 1000,
      survey_year: year,
      run_id: `${year}-aaaaaaaaaaaa`,
      ...over,
    },
    geometry,
    lonLat: [geometry.xy[0], geometry.xy[1]],
    runTime,
  };
}

function answer(alertId: string, over: Partial<Answer> = {}): Answer {
  return {
    alert_id: alertId,
    check_result: 'real',
    legality: '',
    action: '',
    deadline: '',
    responsible: '',
    photos: '',
    checked_by: '',
    checked_at: '2025-03-01',
    rectified_on: '',
    sent_by: 'clerk',
    source: 'f1',
    line: 2,
    ...over,
  };
}

const id = (n: number, year = 2024) => `LW${year}-${COUNTY}-${n.toString(16).padStart(10, '0')}`;

describe('status rules (the latest answer decides)', () => {
  const rows: [string, Partial<Answer> | undefined, string][] = [
    ['no answer', undefined, 'pending'],
    ['false change wins over everything', { check_result: 'false_change', legality: 'illegal', rectified_on: '2025-01-01' }, 'false_change'],
    ['legal', { legality: 'legal' }, 'closed'],
    ['rectified', { legality: 'illegal', rectified_on: '2025-05-01' }, 'closed'],
    ['illegal, not rectified', { legality: 'illegal' }, 'rectifying'],
    ['real, legality pending', { legality: 'pending' }, 'verified_real'],
    ['real, legality blank', {}, 'verified_real'],
  ];
  for (const [name, over, status] of rows) it(`${name} → ${status}`, () => expect(caseStatus(over && answer(id(1), over))).toBe(status));
});

describe('the register of one survey year', () => {
  const dets = [detection(id(1), 2024, square(111.6, 26.4)), detection(id(2), 2024, square(111.7, 26.4))];

  it('one case per detection except gains, named from the first alert id', () => {
    const gain = detection(id(3), 2024, square(111.8, 26.4), { change_type: 'gain' });
    const r = buildRegister({ countyCode: COUNTY, detections: [...dets, gain], answers: [], asOf: '2025-06-01' });
    expect(r.cases.map((c) => c.case_id)).toEqual([caseIdFor(id(1), COUNTY), caseIdFor(id(2), COUNTY)].sort());
    expect(r.cases.map((c) => c.status)).toEqual(['pending', 'pending']);
  });

  it('a re-run of the same survey year (another run id, same pieces) names the same cases', () => {
    const rerun = dets.map((d) => ({ ...d, row: { ...d.row, run_id: '2024-bbbbbbbbbbbb' }, runTime: '2025-03-01T00:00:00Z' }));
    const a = buildRegister({ countyCode: COUNTY, detections: dets, answers: [], asOf: '2025-06-01' });
    const b = buildRegister({ countyCode: COUNTY, detections: [...dets, ...rerun], answers: [], asOf: '2025-06-01' });
    expect(b.cases.map((c) => c.case_id)).toEqual(a.cases.map((c) => c.case_id));
    expect(b.cases.map((c) => c.detection.row.run_id)).toEqual(['2024-bbbbbbbbbbbb', '2024-bbbbbbbbbbbb']);
  });

  it('last checked_at wins; a tie is broken by content, whatever the order', () => {
    const early = answer(id(1), { legality: 'illegal', checked_at: '2025-03-01' });
    const late = answer(id(1), { legality: 'legal', checked_at: '2025-03-02T09:00:00+08:00' });
    const r1 = buildRegister({ countyCode: COUNTY, detections: dets, answers: [late, early], asOf: '2025-06-01' });
    expect(r1.cases.find((c) => c.first_alert_id === id(1))!.status).toBe('closed');
    const tieA = answer(id(2), { legality: 'illegal', source: 'f2' });
    const tieB = answer(id(2), { legality: 'pending', source: 'f3' });
    const s1 = buildRegister({ countyCode: COUNTY, detections: dets, answers: [tieA, tieB], asOf: '2025-06-01' });
    const s2 = buildRegister({ countyCode: COUNTY, detections: dets, answers: [tieB, tieA], asOf: '2025-06-01' });
    // same moment: the content decides ('pending' sorts after 'illegal')
    expect(s1.cases.find((c) => c.first_alert_id === id(2))!.status).toBe('verified_real');
    expect(casesCsv(s2)).toBe(casesCsv(s1));
  });

  it('overdue: the deadline has passed and the case is not settled', () => {
    const answers = [answer(id(1), { legality: 'illegal', deadline: '2025-05-31' }), answer(id(2), { legality: 'legal', deadline: '2025-05-31' })];
    const r = buildRegister({ countyCode: COUNTY, detections: dets, answers, asOf: '2025-06-01' });
    expect(r.cases.map((c) => [c.first_alert_id, c.overdue])).toEqual(
      [
        [id(1), true],
        [id(2), false],
      ].sort((a, b) => (caseIdFor(a[0] as string, COUNTY) < caseIdFor(b[0] as string, COUNTY) ? -1 : 1)),
    );
    expect(caseCounts(r)).toEqual({ pending: 0, overdue: 1, closed: 1, repeats: 0 });
  });
});

describe('history across survey years', () => {
  const place = square(111.6, 26.4);
  const nearly = square(111.6002, 26.4, 0.001); // covers 80 % of place
  const aside = square(111.6007, 26.4, 0.001); // covers 30 % of place
  const y1 = detection(id(1), 2024, place);

  it('a later detection on an open case continues it (same case, both years)', () => {
    const r = buildRegister({ countyCode: COUNTY, detections: [y1, detection(id(9, 2025), 2025, nearly)], answers: [], asOf: '2026-06-01' });
    expect(r.cases.map((c) => [c.case_id, c.first_alert_id, c.last_alert_id, c.survey_years.join(';')])).toEqual([[caseIdFor(id(1), COUNTY), id(1), id(9, 2025), '2024;2025']]);
  });

  it('a later detection covering under half of the case is a case of its own', () => {
    const r = buildRegister({ countyCode: COUNTY, detections: [y1, detection(id(9, 2025), 2025, aside)], answers: [], asOf: '2026-06-01' });
    expect(r.cases.length).toBe(2);
  });

  it('a detection on a closed case is a repeat: a new case naming the old one', () => {
    const r = buildRegister({ countyCode: COUNTY, detections: [y1, detection(id(9, 2025), 2025, nearly)], answers: [answer(id(1), { legality: 'illegal', rectified_on: '2025-04-01' })], asOf: '2026-06-01' });
    const repeat = r.cases.find((c) => c.repeat)!;
    expect([repeat.first_alert_id, repeat.repeat_of, repeat.status]).toEqual([id(9, 2025), caseIdFor(id(1), COUNTY), 'pending']);
    expect([...r.repeats]).toEqual([id(9, 2025)]);
    expect(caseCounts(r)).toEqual({ pending: 1, overdue: 0, closed: 1, repeats: 1 });
  });

  it('a false change detected again with the same codes is suppressed, not a new case', () => {
    const r = buildRegister({ countyCode: COUNTY, detections: [y1, detection(id(9, 2025), 2025, nearly)], answers: [answer(id(1), { check_result: 'false_change' })], asOf: '2026-06-01' });
    expect(r.cases.map((c) => [c.status, c.suppressed_alert_ids.join(';'), c.survey_years.join(';')])).toEqual([['false_change', id(9, 2025), '2024;2025']]);
    expect([...r.suppressed]).toEqual([id(9, 2025)]);
  });

  it('a false change detected again with other codes is a repeat', () => {
    const r = buildRegister({
      countyCode: COUNTY,
      detections: [y1, detection(id(9, 2025), 2025, nearly, { after_code: '0602' })],
      answers: [answer(id(1), { check_result: 'false_change' })],
      asOf: '2026-06-01',
    });
    expect([...r.repeats]).toEqual([id(9, 2025)]);
  });

  it("a county's first survey year reads no outline (finalize makes them only when read)", () => {
    let reads = 0;
    const counted = (d: RegisterDetection): RegisterDetection => ({
      row: d.row,
      lonLat: d.lonLat,
      runTime: d.runTime,
      get geometry() {
        reads++;
        return d.geometry;
      },
    });
    const r = buildRegister({ countyCode: COUNTY, detections: [counted(y1), counted(detection(id(2), 2024, nearly))], answers: [], asOf: '2026-06-01' });
    expect([r.cases.length, reads]).toEqual([2, 0]);
  });

  it('among many earlier cases, each later detection continues the one it covers, and a touching neighbour is no match', () => {
    // a 20 × 20 grid of cases 0.0015° apart, then each moved by a fifth of its side: every later detection's box also
    // touches or meets its neighbours' boxes, so the spatial index hands over more than one candidate
    const at = (i: number) => [111.6 + (i % 20) * 0.0015, 26.4 + Math.floor(i / 20) * 0.0015] as const;
    const first = Array.from({ length: 400 }, (_, i) => detection(id(i + 1), 2024, square(at(i)[0], at(i)[1], 0.0015)));
    const later = Array.from({ length: 400 }, (_, i) => detection(id(i + 1, 2025), 2025, square(at(i)[0] + 0.0003, at(i)[1], 0.0015)));
    const r = buildRegister({ countyCode: COUNTY, detections: [...later, ...first], answers: [], asOf: '2026-06-01' });
    expect(r.cases.length).toBe(400);
    for (let i = 0; i < 400; i++) expect(r.caseOfAlert.get(id(i + 1, 2025))).toBe(caseIdFor(id(i + 1), COUNTY));
  });

  it('a later gain covering half of an open case proposes closing it', () => {
    const gain = detection(id(9, 2025), 2025, nearly, { change_type: 'gain', before_code: '0702', after_code: '0103' });
    const r = buildRegister({ countyCode: COUNTY, detections: [y1, gain], answers: [answer(id(1), { legality: 'illegal' })], asOf: '2026-06-01' });
    expect(r.cases.map((c) => [c.status, c.close_suggested])).toEqual([['rectifying', true]]);
    const small = detection(id(9, 2025), 2025, aside, { change_type: 'gain' });
    expect(buildRegister({ countyCode: COUNTY, detections: [y1, small], answers: [], asOf: '2026-06-01' }).cases[0].close_suggested).toBe(false);
  });
});

describe('invariants', () => {
  // a grid of places over two years; some answered, some overlapping
  const arb = fc.record({
    cells: fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { minLength: 1, maxLength: 12 }),
    later: fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 12 }),
    gains: fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 5 }),
    answers: fc.array(
      fc.record({
        cell: fc.integer({ min: 0, max: 24 }),
        kind: fc.constantFrom<Partial<Answer>>({ check_result: 'false_change' }, { legality: 'legal' }, { legality: 'illegal', deadline: '2025-05-01' }, {}),
        day: fc.integer({ min: 1, max: 3 }),
        source: fc.constantFrom('f1', 'f2'),
      }),
      { maxLength: 15 },
    ),
    seed: fc.integer(),
  });
  const cellPlace = (c: number, shift = 0) => square(111.6 + (c % 5) * 0.002 + shift, 26.4 + Math.floor(c / 5) * 0.002);

  type Drawn = typeof arb extends fc.Arbitrary<infer T> ? T : never;
  function inputs(v: Drawn) {
    const dets = [
      ...v.cells.map((c) => detection(id(c), 2024, cellPlace(c))),
      ...v.later.map((c) => detection(id(100 + c, 2025), 2025, cellPlace(c, 0.0002))),
      ...v.gains.map((c) => detection(id(200 + c, 2025), 2025, cellPlace(c, 0.0001), { change_type: 'gain' })),
    ];
    const answers = v.answers.map((a) => answer(id(a.cell), { ...a.kind, checked_at: `2025-03-0${a.day}`, source: a.source }));
    return { dets, answers };
  }
  const shuffled = <T>(xs: T[], seed: number) => {
    const out = [...xs];
    let s = seed >>> 0;
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };

  it('the same runs and answers in any order give the same cases.csv bytes', () => {
    fc.assert(
      fc.property(arb, (v) => {
        const { dets, answers } = inputs(v);
        const a = casesCsv(buildRegister({ countyCode: COUNTY, detections: dets, answers, asOf: '2026-06-01' }));
        const b = casesCsv(buildRegister({ countyCode: COUNTY, detections: shuffled(dets, v.seed), answers: shuffled(answers, v.seed ^ 7), asOf: '2026-06-01' }));
        expect(b).toBe(a);
      }),
      { numRuns: 60 },
    );
  });

  it('applying answers file by file, or all at once, or a file twice, gives the same register', () => {
    fc.assert(
      fc.property(arb, (v) => {
        const { dets, answers } = inputs(v);
        const all = casesCsv(buildRegister({ countyCode: COUNTY, detections: dets, answers, asOf: '2026-06-01' }));
        const twice = casesCsv(buildRegister({ countyCode: COUNTY, detections: dets, answers: [...answers, ...answers.filter((a) => a.source === 'f1')], asOf: '2026-06-01' }));
        expect(twice).toBe(all);
      }),
      { numRuns: 60 },
    );
  });

  it('every non-gain detection belongs to exactly one case; case ids are unique', () => {
    fc.assert(
      fc.property(arb, (v) => {
        const { dets, answers } = inputs(v);
        const r = buildRegister({ countyCode: COUNTY, detections: dets, answers, asOf: '2026-06-01' });
        const ids = r.cases.flatMap((c) => c.alert_ids).sort();
        expect(ids).toEqual(dets.filter((d) => d.row.change_type !== 'gain').map((d) => d.row.alert_id).sort());
        expect(new Set(r.cases.map((c) => c.case_id)).size).toBe(r.cases.length);
      }),
      { numRuns: 60 },
    );
  });
});
