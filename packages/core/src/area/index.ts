// Public API of the area module (docs/LAND-SURVEY.md (Official area)).
//   cgcs2000                   constants and series coefficients (§5.1, §5.2)
//   gauss-kruger-inverse       the specification's inverse projection series (§5.4 steps 3–6)
//   trapezoid                  the ellipsoidal trapezoid series per edge (§5.3)
//   ring-area                  signed ring sums: rounding, densification, arc-second rounding (§5.4)
//   ellipsoidal-area           ellipsoidalAreaM2 / officialAreaM2 for a MultiPolygon
//   round-half-away-from-zero  decimal rounding as the specification means it
//   units                      m² ↔ 亩
//   (geodesic-area, the GeographicLib test oracle, is exported from src/oracle.ts only)
export { ellipsoidalAreaM2, officialAreaBoundsM2, officialAreaM2 } from './ellipsoidal-area.ts';
export { roundHalfAwayFromZero } from './round-half-away-from-zero.ts';
export { MU_PER_M2, muFromM2 } from './units.ts';
