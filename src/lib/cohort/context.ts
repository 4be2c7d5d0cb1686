/**
 * The analysis context: one school's (or trust's) data as of a date, with the indexes the analyses derive from
 * it (each pupil's profile on each date, the profiled results, the results by point, the KS2 results …) made
 * on first use and held on the context object itself. Every analysis takes a context or plain data (a fresh
 * context for that call), so a result depends only on its inputs, never on which function ran before it.
 */
import { InvalidArgumentError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";
import { defaultAsOf } from "./default-as-of.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a derived value may be made for beside the data (a year, a date, a flag, a list of terms). */
export type DerivedArgument = string | number | boolean | undefined | readonly string[];

/**
 * A typed key of a value derived from a context's data (see `derived`): its name, for messages and the
 * reader, and how it is made. The value itself lives on each context (`ctx.get(key)`).
 */
export interface Derived<V, D extends Partial<SchoolData> = SchoolData, A extends readonly DerivedArgument[] = []> {
  /** What the value is, e.g. `"profiled results"`. */
  readonly name: string;
  /** Makes the value from a context (and the arguments it is asked for with). */
  readonly make: (ctx: AnalysisContext<D>, ...args: A) => V;
}

/**
 * A typed key of a derived value: `ctx.get(key)` gives the value `make` makes from `ctx`, made on the first
 * call and the same value on every later call with that context (and those arguments, for a key that takes
 * some: `ctx.get(KS2_RESULTS, "2024/25")`). Keys are module constants; the values live on the contexts, never
 * in the module. Treat a value as read-only: later callers share it.
 * @param name what the value is (for the reader and messages)
 * @param make how it is made from a context's data (and the arguments `ctx.get` passes on)
 * @example
 * const PUPIL_COUNT = derived("pupil count", (ctx: AnalysisContext<Pick<SchoolData, "pupils">>) => ctx.data.pupils.length);
 * const ctx = prepareAnalysis(data);
 * ctx.get(PUPIL_COUNT) === data.pupils.length // => true
 */
export function derived<V, D extends Partial<SchoolData> = SchoolData, A extends readonly DerivedArgument[] = []>(
  name: string,
  make: (ctx: AnalysisContext<D>, ...args: A) => V,
): Derived<V, D, A> {
  return { name, make };
}

/**
 * One data set prepared for analysis (see `prepareAnalysis`). `data` is read-only while the context is in use:
 * what the analyses derive from it is kept on the context (`get`) and would go stale if it changed.
 * @example
 * const ctx = prepareAnalysis(data, { asOf: "2025-07-18" });
 * ctx.asOf // => "2025-07-18"
 */
export class AnalysisContext<D extends Partial<SchoolData> = SchoolData> {
  /** The values derived so far, by key (see `get`), of keys asked without arguments. */
  readonly #values = new Map<Derived<unknown, never, never>, unknown>();
  /** The values of keys asked with arguments: by key, then by the arguments as JSON. */
  readonly #valuesByArgs = new Map<Derived<unknown, never, never>, Map<string, unknown>>();

  /**
   * @param data the records analysed (for a context with `asOf`, the assessments dated on or before it)
   * @param asOf the date the analysis describes, when given to `prepareAnalysis`; null otherwise
   */
  constructor(readonly data: D, readonly asOf: string | null = null) {}

  /**
   * The value of `key` (see `derived`) for this context: made by the key on the first call and the same
   * value on every later call (so users must not change it). A key that takes arguments gives one value per
   * arguments (compared as JSON).
   * @example
   * const ctx = prepareAnalysis(data);
   * ctx.get(KEY) === ctx.get(KEY) // => true (made once)
   */
  get<V, A extends readonly DerivedArgument[]>(key: Derived<V, D, A>, ...args: A): V {
    const values = this.#values;
    const slot = key as Derived<unknown, never, never>;
    if (args.length === 0) {
      const value = values.get(slot);
      if (value !== undefined || values.has(slot)) return value as V;
      const made = key.make(this, ...args);
      values.set(slot, made);
      return made;
    }
    let byArgs = this.#valuesByArgs.get(slot);
    if (byArgs === undefined) this.#valuesByArgs.set(slot, (byArgs = new Map()));
    const id = JSON.stringify(args);
    if (byArgs.has(id)) return byArgs.get(id) as V;
    const made = key.make(this, ...args);
    byArgs.set(id, made);
    return made;
  }

  /**
   * Gives this context the value of `key` (for `args`, for a key that takes some) that another context has
   * already made from the same records (a school's share of a trust's profiled results, say), unless it has
   * one. Returns whether it was taken. The value must be exactly what `key` would make here.
   * @example
   * const ctx = prepareAnalysis(data);
   * ctx.provide(PUPIL_COUNT, 1) && !ctx.provide(PUPIL_COUNT, 2) && ctx.get(PUPIL_COUNT) === 1 // => true
   * ctx.provide(KS2_RESULTS, [], "2024/25") && ctx.get(KS2_RESULTS, "2024/25").length === 0 // => true
   */
  provide<V, A extends readonly DerivedArgument[]>(key: Derived<V, never, A>, value: NoInfer<V>, ...args: A): boolean {
    const slot = key as Derived<unknown, never, never>;
    if (args.length === 0) {
      if (this.#values.has(slot)) return false;
      this.#values.set(slot, value);
      return true;
    }
    let byArgs = this.#valuesByArgs.get(slot);
    if (byArgs === undefined) this.#valuesByArgs.set(slot, (byArgs = new Map()));
    const id = JSON.stringify(args);
    if (byArgs.has(id)) return false;
    byArgs.set(id, value);
    return true;
  }

  /**
   * Lets go of a key's values (for every argument it was asked with), e.g. one held only until another
   * context took it.
   * @example
   * const ctx = prepareAnalysis(data);
   * const before = ctx.get(PUPIL_COUNT); ctx.forget(PUPIL_COUNT); ctx.get(PUPIL_COUNT) === before // => true (made again)
   */
  forget(key: Derived<unknown, never, never>): void {
    this.#values.delete(key);
    this.#valuesByArgs.delete(key);
  }
}

/**
 * Gives the context of each share of `source` (some pupils' part of it, as `splitBySchool` makes: their records
 * each in `source`'s order) its pupils' rows of `source`'s value of `key` (for `args`), in `source`'s order,
 * instead of making them again. Only for a key whose rows are each one pupil's and whose value for a share is
 * exactly those rows (the share's profiles the same objects as `source`'s: see `shareProfileLookup`); a share
 * that has the value already keeps its own.
 * @param source the whole data's context
 * @param shares the parts' contexts by name, e.g. by school
 * @param shareOf the name of the part a pupil id belongs to (undefined: none)
 * @example
 * const PUPIL_ROWS = derived("pupil rows", (ctx: AnalysisContext<Pick<SchoolData, "pupils">>) => [...ctx.data.pupils]);
 * const [oak, elm] = [prepareAnalysis(data), prepareAnalysis(data)];
 * shareRows(prepareAnalysis(data), new Map([["oak", oak], ["elm", elm]]), (id) => (id < "M" ? "oak" : "elm"), PUPIL_ROWS);
 * oak.get(PUPIL_ROWS).length + elm.get(PUPIL_ROWS).length === data.pupils.length // => true
 */
export function shareRows<R extends { readonly pupilId: string }, D extends Partial<SchoolData>, A extends readonly DerivedArgument[]>(
  source: AnalysisContext<D>,
  shares: ReadonlyMap<string, AnalysisContext<D>>,
  shareOf: (pupilId: string) => string | undefined,
  key: Derived<R[], D, A>,
  ...args: A
): void {
  const rowsOf = new Map<string, R[]>();
  for (const name of shares.keys()) rowsOf.set(name, []);
  for (const row of source.get(key, ...args)) {
    const name = shareOf(row.pupilId);
    if (name !== undefined) rowsOf.get(name)?.push(row);
  }
  for (const [name, share] of shares) share.provide(key, rowsOf.get(name) ?? [], ...args);
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

/** The date `defaultAsOf` gives for a context's data (for a context prepared without `asOf`). */
const DEFAULT_AS_OF = derived("default asOf", (ctx: AnalysisContext<Partial<SchoolData>>) => defaultAsOf(ctx.data).asOf);

/**
 * The date an analysis of `ctx` describes: `asOf` when its caller gives one, else the context's own `asOf`
 * (`prepareAnalysis`), else, for a context prepared without one or plain data, `defaultAsOf` of its data
 * (the latest assessment date, as `buildReport` takes).
 * @throws {InvalidArgumentError} when no date is given and the data holds no dated record
 * @example
 * analysisDate(prepareAnalysis(data, { asOf: "2025-07-18" })) // => "2025-07-18"
 * analysisDate(prepareAnalysis(data)) // => "2026-06-22"
 * analysisDate(prepareAnalysis(data), "2025-01-16") // => "2025-01-16"
 */
export function analysisDate(ctx: AnalysisContext<Partial<SchoolData>>, asOf?: string): string {
  return asOf ?? ctx.asOf ?? ctx.get(DEFAULT_AS_OF);
}
