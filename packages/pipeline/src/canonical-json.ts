// Canonical JSON: object keys sorted by UTF-16 code unit, finite numbers only. Same value → same bytes.
// Written by hand because JS objects list integer-like keys ("431102") first whatever the insertion order.

/** A value that cannot be written as canonical JSON. */
export class NotCanonicalJsonError extends Error {
  override readonly name = 'NotCanonicalJsonError';
  constructor(
    message: string,
    /** JSON-pointer-like path of the offending value, e.g. `/totals/areaMu`. */
    readonly path: string,
  ) {
    super(`${message} at ${path || '/'}`);
  }
}

/**
 * Serialises `value` with sorted object keys; `indent` > 0 pretty-prints (for files people read).
 * Object properties whose value is undefined are omitted (as JSON.stringify does); `toJSON` is honoured
 * (Dates); undefined in arrays, NaN, ±Infinity, bigint, functions and symbols throw.
 */
export function canonicalJson(value: unknown, indent = 0): string {
  return write(value, '', indent > 0 ? ' '.repeat(indent) : '', '\n');
}

function write(value: unknown, path: string, step: string, newline: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalJsonError(`non-finite number ${value}`, path);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object':
      break;
    default:
      throw new NotCanonicalJsonError(`cannot serialise a ${typeof value}`, path);
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON(), path, step, newline);
  const inner = step ? newline + step : '';
  const close = step ? newline : '';
  const colon = step ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item, i) => {
      if (item === undefined) throw new NotCanonicalJsonError('undefined array element', `${path}/${i}`);
      return inner + write(item, `${path}/${i}`, step, newline + step);
    });
    return `[${items.join(',')}${close}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodeUnits);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (key) => inner + JSON.stringify(key) + colon + write(record[key], `${path}/${key}`, step, newline + step),
  );
  return `{${members.join(',')}${close}}`;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
