// CGCS2000 constants and series coefficients of the official area method, exactly as docs/LAND-SURVEY.md (Official area) prints them.

/** Semi-minor axis b, metres. */
export const B_M = 6_356_752.31414036;
/** First eccentricity squared e². */
export const E2 = 0.0066943800229;
/** Second eccentricity squared e′². */
export const EP2 = 0.00673949677548;
/** Polar radius of curvature c = a²/b, metres. */
export const C_M = 6_399_593.62586;
/** Arc-seconds per radian ρ″ (the value used by the reference implementations). */
export const RHO_SEC = 206_264.8062471;
/** π as fixed in the specification (degrees → radians). */
export const PI_SPEC = 3.14159265358979;

/** Foot-point latitude series constants (§5.4 step 3). */
export const K0 = 1.57048761144159e-7;
export const K1 = 5.05250178820567e-3;
export const K2 = 2.98472900956587e-5;
export const K3 = 2.41626669230084e-7;
export const K4 = 2.22241238938534e-9;

const E4 = E2 * E2;
const E6 = E4 * E2;
const E8 = E6 * E2;

/** §5.2 coefficients of the ellipsoidal trapezoid series, computed from e². */
export const SERIES_A = 1 + (3 / 6) * E2 + (30 / 80) * E4 + (35 / 112) * E6 + (630 / 2304) * E8;
export const SERIES_B = (1 / 6) * E2 + (15 / 80) * E4 + (21 / 112) * E6 + (420 / 2304) * E8;
export const SERIES_C = (3 / 80) * E4 + (7 / 112) * E6 + (180 / 2304) * E8;
export const SERIES_D = (1 / 112) * E6 + (45 / 2304) * E8;
export const SERIES_E = (5 / 2304) * E8;
