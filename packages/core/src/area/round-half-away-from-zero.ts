// Decimal rounding, half away from zero, decided on the number's shortest decimal representation — the digits a
// person (and Java's `new BigDecimal(Double.toString(x))`, used by the reference implementations) sees: 1.005 → 1.01,
// 2.675 → 2.68, −0.125 → −0.13, although the binary values of 1.005 and 2.675 lie just below the tie.

/** Above this, a·10^d has no fractional bits left: nothing to round. */
const MAX_SAFE_SCALED = 2 ** 52;
/**
 * How close to .5 (relative to the product) the binary product must come before the decimal digits decide. The
 * computed y = a·10^d differs from the decimal digits' value by ≤ ulp(a)/2·10^d + ulp(y)/2 ≤ y·2^-52; twice that.
 */
const TIE_WINDOW_RELATIVE = 2 ** -51;
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Rounds to `decimals` (0–15) decimal places, half away from zero. NaN and ±Infinity pass through. */
export function roundHalfAwayFromZero(x: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals >= POWERS_OF_TEN.length) {
    throw new RangeError(`decimals must be an integer 0–${POWERS_OF_TEN.length - 1}, got ${decimals}`);
  }
  if (!Number.isFinite(x)) return x;
  return roundScaled(x, POWERS_OF_TEN[decimals]!, decimals);
}

/**
 * Hot-path form: `scale` must be 10^decimals. The binary product decides unless it lies within its own rounding
 * error of .5; then the decimal digits decide (≈ 4e-4 of arc-second values, ≈ 3.6 % of 6-decimal prefixed eastings).
 * Kept small so that V8 inlines it (a call that is not inlined boxes its double arguments and result).
 */
export function roundScaled(x: number, scale: number, decimals: number): number {
  const y = Math.abs(x) * scale;
  const frac = y - Math.floor(y);
  // False near a tie, for NaN, and for y ≥ 2^52 (frac = 0 but the window exceeds 2): those go the slow way.
  if (Math.abs(frac - 0.5) > y * TIE_WINDOW_RELATIVE) {
    const r = Math.round(y) / scale; // half up on |x|: half away from zero
    return x < 0 ? -r : r;
  }
  // Unary plus: without it V8 types the rarely taken call as "any" and boxes every fast-path result as well.
  return +roundNearTie(x, scale, decimals);
}

/** The rare cases: near a tie (decided on the decimal digits) or too large to have fractional digits. */
function roundNearTie(x: number, scale: number, decimals: number): number {
  const a = x < 0 ? -x : x;
  if (!(a * scale < MAX_SAFE_SCALED)) return x;
  const rounded = roundDecimalDigits(a, decimals) / scale;
  return x < 0 ? -rounded : rounded;
}

/** a > 0: the shortest decimal representation of a rounded half-up at `decimals`, as an integer count of 10^-decimals. */
function roundDecimalDigits(a: number, decimals: number): number {
  const text = String(a); // e.g. "39509648.6300005", "5e-7", "1.2345e+21"
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const integerDigits = (dot < 0 ? mantissa.length : dot) + exponent; // digits before the decimal point
  const keep = integerDigits + decimals; // digits of `digits` that survive
  if (keep < 0) return 0;
  if (keep >= digits.length) return Math.round(a * POWERS_OF_TEN[decimals]!); // exact at this precision
  const kept = keep === 0 ? 0 : Number(digits.slice(0, keep));
  return digits.charCodeAt(keep) >= 53 /* '5' */ ? kept + 1 : kept;
}
