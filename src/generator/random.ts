/**
 * Seeded pseudo-random numbers for the fixture generator: mulberry32 (Tommy Ettinger's 32-bit generator,
 * public domain), normal deviates by the Box–Muller transform, and a counter-based "keyed" normal deviate so a
 * measurement's noise depends only on (seed, pupil, subject, measure, occasion) and not on call order.
 * Nothing here reads the clock: the same seed gives the same stream on every machine.
 */

/**
 * Mix a list of integers into one 32-bit seed (a murmur3-style finaliser over each key).
 * @example
 * hashKeys([20261123, 1]) === hashKeys([20261123, 1]) // => true
 */
export function hashKeys(keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ (k | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = (h + 0x6d2b79f5) | 0;
  }
  return h >>> 0;
}

/**
 * The mulberry32 generator: returns a function giving uniform numbers in [0, 1).
 * @example
 * const u = mulberry32(1); u() // => 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A standard normal deviate from two uniforms (Box–Muller; the first uniform is kept away from 0).
 * @example
 * boxMuller(0.5, 0) // => 1.1774100225154747
 */
export function boxMuller(u1: number, u2: number): number {
  const r = Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12)));
  return r * Math.cos(2 * Math.PI * u2);
}

/**
 * A standard normal deviate that depends only on its keys (counter-based): used for measurement noise, so a
 * pupil's autumn 2024 maths score is the same whether it is computed for intervention selection or for export.
 * @example
 * keyedNormal([7, 1, 2, 3]) === keyedNormal([7, 1, 2, 3]) // => true
 */
export function keyedNormal(keys: readonly number[]): number {
  const u = mulberry32(hashKeys(keys));
  return boxMuller(u(), u());
}

/**
 * A seeded random stream with the helpers the generator needs.
 * @example
 * const rng = new Rng(20261123); rng.int(1, 6) // => a whole number from 1 to 6
 */
export class Rng {
  private readonly u: () => number;

  constructor(seed: number) {
    this.u = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u();
  }

  /** Normal deviate with the given mean and SD (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    return mean + sd * boxMuller(this.u(), this.u());
  }

  /** Whole number from `lo` to `hi` inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.u() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.u() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.u() * items.length)];
    if (item === undefined) throw new Error("Rng.pick: empty array");
    return item;
  }

  /** One key of a weight table, chosen with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    const total = keys.reduce((s, k) => s + weights[k], 0);
    let x = this.u() * total;
    for (const k of keys) {
      x -= weights[k];
      if (x < 0) return k;
    }
    const last = keys[keys.length - 1];
    if (last === undefined) throw new Error("Rng.weighted: empty table");
    return last;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.u() * (i + 1));
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }

  /**
   * `n` distinct items drawn without replacement with probability proportional to `weight` (Efraimidis–Spirakis
   * keys u^(1/w)).
   */
  sampleWeighted<T>(items: readonly T[], n: number, weight: (item: T) => number): T[] {
    return items
      .map((item) => ({ item, key: Math.pow(Math.max(this.u(), 1e-12), 1 / Math.max(weight(item), 1e-9)) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, n)
      .map((x) => x.item);
  }
}
