/**
 * The analysis context: one school's (or trust's) data as of a date, with the indexes the analyses derive from
 * it (each pupil's profile on each date, the profiled results, the results by point, the KS2 results …) made
 * on first use and held on the context object itself. Every analysis takes a context or plain data (a fresh
 * context for that call), so a result depends only on its inputs, never on which function ran before it.
 */
import { InvalidArgumentError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One data set prepared for analysis (see `prepareAnalysis`). `data` is read-only while the context is in use:
 * what the analyses derive from it is kept on the context (`derived`) and would go stale if it changed.
 * @example
 * const ctx = prepareAnalysis(data, { asOf: "2025-07-18" });
 * ctx.asOf // => "2025-07-18"
 */
export class AnalysisContext<D extends Partial<SchoolData> = SchoolData> {
  /** The values derived from `data` so far, by name (see `derived`). */
  readonly #derived = new Map<string, unknown>();

  /**
   * @param data the records analysed (for a context with `asOf`, the assessments dated on or before it)
   * @param asOf the date the analysis describes, when given to `prepareAnalysis`; null otherwise
   */
  constructor(readonly data: D, readonly asOf: string | null = null) {}

  /**
   * The value named `name` derived from this context's data: made by `make` on the first call and the same
   * value on every later call (so users must not change it). The name says what the value depends on beside
   * the data (e.g. `ks2 results 2024/25`).
   * @example
   * const ctx = prepareAnalysis(data);
   * ctx.derived("pupils", () => ctx.data.pupils.length) === ctx.derived("pupils", () => -1) // => true
   */
  derived<V>(name: string, make: () => V): V {
    if (this.#derived.has(name)) return this.#derived.get(name) as V;
    const value = make();
    this.#derived.set(name, value);
    return value;
  }

  /**
   * Gives this context a value under `name` that another context has already made from the same records
   * (a school's share of a trust's profiled results, say), unless it has one. Returns whether it was taken.
   * @example
   * const ctx = prepareAnalysis(data);
   * ctx.provide("x", 1) && !ctx.provide("x", 2) && ctx.derived("x", () => 3) === 1 // => true
   */
  provide<V>(name: string, value: V): boolean {
    if (this.#derived.has(name)) return false;
    this.#derived.set(name, value);
    return true;
  }

  /**
   * Lets go of a derived value (one needed only once, or held only until another context took it).
   * @example
   * const ctx = prepareAnalysis(data);
   * ctx.derived("x", () => 1); ctx.forget("x"); ctx.derived("x", () => 2) // => 2
   */
  forget(name: string): void {
    this.#derived.delete(name);
  }
}

/** What an analysis takes: a prepared context, or plain data (analysed in a fresh context of its own). */
export type AnalysisInput<D extends Partial<SchoolData>> = D | AnalysisContext<D>;

/** Options of `prepareAnalysis`. */
export interface PrepareAnalysisOptions {
  /** The date the analysis describes (yyyy-mm-dd): assessments dated later are left out. Default: none left out. */
  asOf?: string;
}

/**
 * The data with only the assessments dated on or before `asOf`. When none is later (usually, as `asOf`
 * defaults to the latest) the data itself is returned, not a copy (a trust's results are millions).
 * @example
 * dataUpTo(data, "2025-03-01").assessments.every((a) => a.date <= "2025-03-01") // => true
 */
export function dataUpTo<D extends Partial<SchoolData>>(data: D, asOf: string): D {
  const all = data.assessments;
  if (all === undefined || all.every((a) => a.date <= asOf)) return data;
  return { ...data, assessments: all.filter((a) => a.date <= asOf) };
}

/**
 * Prepares data for analysis: a context that every analysis (`attainment`, `attainmentGaps`, `ks2Rwm`,
 * `identification` …) takes in place of the data, and that makes each index they share once, on first use,
 * and holds it (a report's dozen analyses then profile the results once). With `asOf`, the context holds
 * the assessments dated on or before it (see `dataUpTo`); the other records are kept whole (the analyses
 * take their own dates). Plain data given to an analysis gets a fresh context for that call alone.
 * @param data the imported data (`importFolder`), or the parts of it the analyses used need
 * @param options `asOf` (yyyy-mm-dd; default: every assessment)
 * @throws {InvalidArgumentError} when `asOf` is not a yyyy-mm-dd date
 * @example
 * const ctx = prepareAnalysis(data, { asOf: "2026-06-22" });
 * attainment(data, { subjects: ["reading"] }).length === attainment(data, { subjects: ["reading"] }).length // => true
 */
export function prepareAnalysis<D extends Partial<SchoolData>>(data: D, options: PrepareAnalysisOptions = {}): AnalysisContext<D> {
  const { asOf } = options;
  if (asOf === undefined) return new AnalysisContext(data);
  if (typeof asOf !== "string" || !ISO_DATE.test(asOf)) {
    throw new InvalidArgumentError("prepareAnalysis", `asOf must be a date as yyyy-mm-dd, got '${String(asOf)}'`);
  }
  return new AnalysisContext(dataUpTo(data, asOf), asOf);
}

/**
 * The context of an analysis's input: the context itself, or a fresh one for plain data.
 * @example
 * const ctx = prepareAnalysis(data);
 * contextOf(ctx) === ctx && contextOf(data) !== contextOf(data) // => true
 */
export function contextOf<D extends Partial<SchoolData>>(input: AnalysisInput<D>): AnalysisContext<D> {
  return input instanceof AnalysisContext ? input : new AnalysisContext(input);
}
