/**
 * Values shared within one analysis: indexes derived from the data's arrays, made once while an analysis
 * (`buildReport`) runs and reused by each function that needs them, instead of once per call.
 */

/** Values shared inside the current `withSharedValues` call, by the object they derive from and a name. */
let sharedValues: WeakMap<object, Map<string, unknown>> | null = null;

/**
 * Runs `analyse` with `sharedValue` keeping what it makes until `analyse` returns (nested calls share the
 * outer call's values). The data must not change while `analyse` runs.
 * @param analyse the work
 * @returns what `analyse` returns
 * @example
 * withSharedValues(() => [ks2Rwm(data, "2024/25"), ks2RwmGaps(data, "2024/25")]) // indexes the results once
 */
export function withSharedValues<T>(analyse: () => T): T {
  const outer = sharedValues;
  sharedValues = outer ?? new WeakMap();
  try {
    return analyse();
  } finally {
    sharedValues = outer;
  }
}

/**
 * A value derived from `from` (an array of the data), made once inside `withSharedValues` and reused by later
 * calls with the same `from` and `name`; outside it, made on every call. The value must depend only on `from`
 * and `name`, and its users must not change it.
 * @example
 * sharedValue(data.assessments, "ks2-rwm rows", () => index(data.assessments)) // => the same index each call
 */
export function sharedValue<V>(from: object, name: string, make: () => V): V {
  const cache = sharedValues;
  if (cache === null) return make();
  let named = cache.get(from);
  if (named === undefined) cache.set(from, (named = new Map()));
  if (named.has(name)) return named.get(name) as V;
  const value = make();
  named.set(name, value);
  return value;
}
