/**
 * A school's rate against a national figure for the same group.
 */
import { z } from "zod";
import { NATIONAL_PHASE_LABELS, type NationalFigure } from "../../data/national.js";
import { wilsonInterval } from "./wilson.js";
import { GapBand, LARGE_PROPORTION_GAP, gapBand } from "./band.js";

/**
 * A school rate against national: `difference = rate − nationalRate`, its interval the school's Wilson
 * interval shifted by the national rate (the national figure, from hundreds of thousands of pupils, is
 * treated as fixed). `n` is the school's group size; an empty group has null figures and no band.
 * `nationalScope` says which schools the national figure is for (for example "state-funded primary schools
 * in England"), and `nationalLabel` names the figure used, schools and year ("state-funded primary schools in
 * England, January 2023"), so a caption can say which figure it compares with.
 * @example
 * NationalGap.parse({ n: 20, count: 8, rate: 0.4, nationalRate: 0.52, difference: -0.12, lower: -0.3,
 *   upper: 0.1, band: "close to", nationalYear: "2023/24", nationalSource: "DfE …",
 *   nationalScope: "all schools in England (including special schools)",
 *   nationalLabel: "all schools in England (including special schools), 2023/24" })
 */
export const NationalGap = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  nationalRate: z.number(),
  difference: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  band: GapBand.nullable(),
  nationalYear: z.string(),
  nationalSource: z.string(),
  nationalScope: z.string(),
  nationalLabel: z.string(),
});
/** A school rate against national. */
export type NationalGap = z.infer<typeof NationalGap>;

/**
 * Compares `count / n` with a national figure.
 * @param count pupils in the school group meeting the measure
 * @param n pupils in the school group
 * @param national the national figure (its `rate`, `year` and `source` are carried into the result)
 * @param options `confidence` (default 0.95) and `large` gap for "well" (default `LARGE_PROPORTION_GAP`, 0.2)
 * @throws {InvalidArgumentError} (from `wilsonInterval`) when count > n or a count is negative or fractional
 * @example
 * nationalGap(4, 10, { rate: 0.52, year: "2023/24", source: "DfE" } as NationalFigure);
 * // => { n: 10, count: 4, rate: 0.4, nationalRate: 0.52, difference: -0.12, lower: -0.3518, upper: 0.1673,
 * //      band: "close to", nationalLabel: "all schools in England (including special schools), 2023/24", … }
 * //      (to 4 d.p.)
 */
export function nationalGap(
  count: number,
  n: number,
  national: Pick<NationalFigure, "rate" | "year" | "source" | "phase">,
  options: { confidence?: number; large?: number | null } = {},
): NationalGap {
  const scope = NATIONAL_PHASE_LABELS[national.phase ?? "all"];
  const base = {
    nationalRate: national.rate, nationalYear: national.year, nationalSource: national.source,
    nationalScope: scope, nationalLabel: `${scope}, ${national.year}`,
  };
  if (n === 0 && count === 0) {
    return { n: 0, count: 0, rate: null, difference: null, lower: null, upper: null, band: null, ...base };
  }
  const w = wilsonInterval(count, n, options.confidence ?? 0.95);
  const rate = count / n;
  const difference = rate - national.rate;
  const lower = w.lower - national.rate;
  const upper = w.upper - national.rate;
  const band = gapBand(difference, lower, upper, options.large === undefined ? LARGE_PROPORTION_GAP : options.large);
  return { n, count, rate, difference, lower, upper, band, ...base };
}
