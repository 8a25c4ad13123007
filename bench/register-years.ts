// `node --import tsx bench/register-years.ts [CASES]`: the case register of a county's second survey year, built from
// CASES detections a year on a grid (each of the second year's detections covers one of the first year's), timed.
// Not part of the test suite: bench/RESULTS.md, "The register's second year".
import { multiPolygon } from '../packages/core/src/geometry/index.ts';
import { buildRegister, type RegisterDetection } from '../packages/core/src/verification/index.ts';

const cases = Number(process.argv[2] ?? 20_000);
const side = Math.ceil(Math.sqrt(cases));
const size = 0.0005;
function detection(i: number, year: number, shift: number): RegisterDetection {
  const x = 111 + (i % side) * 0.001 + shift;
  const y = 26 + Math.floor(i / side) * 0.001;
  const geometry = multiPolygon([[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]]);
  const alertId = `LW${year}-431102-${i.toString(16).padStart(10, '0')}`;
  return {
    row: {
      alert_id: alertId, county_code: '431102', township_code: '431102001', township_name: '', village_code: '', village_name: '',
      piece_id: String(i), before_code: '0103', before_name: '旱地', after_code: '0702', after_name: '农村宅基地',
      change_type: 'non_agricultural', severity: 'high', area_m2: 1000, survey_year: year, run_id: `${year}-aaaaaaaaaaaa`,
    },
    geometry,
    lonLat: [x, y],
    runTime: `${year + 1}-02-01T00:00:00Z`,
  };
}
const detections = [...Array.from({ length: cases }, (_, i) => detection(i, 2023, 0)), ...Array.from({ length: cases }, (_, i) => detection(i, 2024, size / 4))];
const t0 = performance.now();
const register = buildRegister({ countyCode: '431102', detections, answers: [], asOf: '2025-03-01' });
const ms = performance.now() - t0;
const continued = register.cases.filter((c) => c.survey_years.length === 2).length;
process.stdout.write(`${cases} cases a year, 2 years: ${register.cases.length} cases (${continued} continued) in ${ms.toFixed(0)} ms\n`);
