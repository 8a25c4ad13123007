// One copy of a value that recurs on many detections, kept until the county's files are written: a decision row's
// reason with its legal citation, a detection's joined reasons, the codes, names and dates its row takes from the
// piece (the tiles read pieces without sharing their strings, since most pieces are dropped), its lists of tags, rule
// ids and reasons, its classification. The same few hundred values come again for every piece, and each copy stayed
// live with its detection (about 15 MB of repeated reasons alone at 100 000 pieces). Pooled values are never changed.
import type { Classification } from './rules/index.ts';

/** Distinct values a pool keeps; it starts afresh when full (a share in a reason makes a few texts per detection). */
const LIMIT = 1 << 14;

/** The pooled value for `key`, made by `make` the first time. */
export function pooled<T>(pool: Map<string, T>, key: string, make: () => T): T {
  const seen = pool.get(key);
  if (seen !== undefined) return seen;
  if (pool.size >= LIMIT) pool.clear();
  const value = make();
  pool.set(key, value);
  return value;
}

const texts = new Map<string, string>();

/**
 * `ascii` as one flat string of its own. A template literal makes a string of parts, and a slice of a digest points
 * into the digest: kept with every row that carries it (an alert id, a case id), such a string keeps its parts live
 * until the files are written. Only for ASCII text (ids): it goes through Latin-1.
 */
export function flatAscii(ascii: string): string {
  return Buffer.from(ascii, 'latin1').toString('latin1');
}

/** The pooled copy of `text` (the same characters). */
export function sharedText(text: string): string {
  return pooled(texts, text, () => text);
}

const lists = new Map<string, readonly string[]>();

/**
 * The pooled copy of a short list of texts that nothing changes once made: a detection's tags, rule ids and reasons.
 * Nearly every detection's lists are one of a few hundred, and each detection's own copies (arrays of a few pooled
 * texts) were about 9 MB of the heap at 100 000 pieces. The caller must not change the list it gets, nor the one it
 * gave.
 */
export function sharedList<T extends string>(items: readonly T[]): T[] {
  // the count too: a text holding the separator cannot make two lists one key
  return pooled(lists, `${items.length}\u0000${items.join('\u0000')}`, () => items) as T[];
}

const joined = new WeakMap<readonly string[], string>();

/** A pooled list's texts joined by `；` (a detection's reasons as one cell), made once per list. */
export function joinedReasons(list: readonly string[]): string {
  let text = joined.get(list);
  if (text === undefined) {
    text = sharedText(list.join('；'));
    joined.set(list, text);
  }
  return text;
}

const classifications = new Map<string, Classification>();

/**
 * One object per distinct classification (change type, tags, rule ids, paddy flags), its lists pooled: a county has
 * a few hundred, and each detection and ledger entry kept its own (at 1 M pieces about 50 MB of objects and arrays).
 * Nothing changes a classification once made.
 */
export function sharedClassification(c: Classification): Classification {
  const key = `${c.changeType}\u0001${c.tags.join('\u0000')}\u0001${c.ruleIds.join('\u0000')}\u0001${c.paddyLoss}\u0001${c.paddyGain}`;
  return pooled(classifications, key, () => ({
    changeType: c.changeType,
    ruleIds: sharedList(c.ruleIds),
    tags: sharedList(c.tags),
    paddyLoss: c.paddyLoss,
    paddyGain: c.paddyGain,
  }));
}
