// One copy of a text that recurs on many detections: a decision row's reason with its legal citation, a detection's
// joined reasons, and the codes, names and dates its row takes from the piece (the tiles read pieces without sharing
// their strings, since most pieces are dropped). The same few hundred texts come again for every piece, and each copy
// stayed live with its detection until the county's files were written (about 15 MB of repeated reasons alone at
// 100 000 pieces).
const pool = new Map<string, string>();
/** Distinct texts kept; the pool starts afresh when full (a share in a reason makes a few texts per detection). */
const LIMIT = 1 << 14;

/** The pooled copy of `text` (the same characters). */
export function sharedText(text: string): string {
  const seen = pool.get(text);
  if (seen !== undefined) return seen;
  if (pool.size >= LIMIT) pool.clear();
  pool.set(text, text);
  return text;
}

const lists = new Map<string, readonly string[]>();

/**
 * The pooled copy of a short list of texts that nothing changes once made: a detection's tags, rule ids and reasons.
 * Nearly every detection's lists are one of a few hundred, and each detection's own copies (arrays of a few pooled
 * texts) were about 9 MB of the heap at 100 000 pieces, live until the files were written. The caller must not change
 * the list it gets, nor the one it gave.
 */
export function sharedList<T extends string>(items: readonly T[]): T[] {
  const key = items.join('\u0000');
  const seen = lists.get(key);
  if (seen !== undefined && seen.length === items.length) return seen as T[];
  if (lists.size >= LIMIT) lists.clear();
  lists.set(key, items);
  return items as T[];
}
