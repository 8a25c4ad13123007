// f over a list, an item at a time as the result is read: writers that stream their text (the report's data, the
// task CSV) make each line when it is written instead of holding all of them.

export function* lazyMap<T, U>(items: readonly T[], f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item);
}
