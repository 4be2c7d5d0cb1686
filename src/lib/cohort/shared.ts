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

/**
 * `sharedValue` for a value derived from several arrays of the data at once (for example the pupils, the
 * SEN register and the assessments): made once inside `withSharedValues` for that combination of arrays and
 * `name`, and on every call outside it. The same rules apply: the value depends only on `from` and `name`,
 * and its users must not change it.
 * @example
 * sharedValueOf([data.pupils, data.senRegister, data.assessments], "ks2 2024/25", () => findKs2(data)) // => the same array each call
 */
export function sharedValueOf<V>(from: readonly [object, ...object[]], name: string, make: () => V): V {
  const [first, ...rest] = from;
  // One map per array after the first, keyed by the next array, ending in the value.
  let level = sharedValue(first, `${name}\u0000by ${rest.length}`, () => new WeakMap<object, unknown>());
  for (let i = 0; i < rest.length - 1; i++) {
    const key = rest[i] as object;
    let next = level.get(key) as WeakMap<object, unknown> | undefined;
    if (next === undefined) level.set(key, (next = new WeakMap()));
    level = next;
  }
  const last = rest[rest.length - 1];
  if (last === undefined) return sharedValue(first, name, make);
  if (level.has(last)) return level.get(last) as V;
  const value = make();
  level.set(last, value);
  return value;
}
