/**
 * SEN identification on a date: how many pupils on roll have SEN support (K), an EHC plan (E), any SEN, the
 * mix of primary needs, the change from a year earlier, and the comparison with national figures.
 */
import { z } from "zod";
import { DEFAULT_NATIONAL_FIGURES, NationalPhase, type NationalFigures, nationalFigure } from "../../data/national.js";
import type { SchoolData } from "../schema/school-data.js";
import { IsoDate } from "../schema/primitives.js";
import { NationalGap, nationalGap } from "../stats/national-gap.js";
import { addMonths } from "./dates.js";
import { type GroupDimension, type PupilProfile, groupKey, pupilProfiles, fixedGroups } from "./groups.js";
import { GROUP_CELL_KEY_FIELDS, ShareFigures, shareFigures } from "./figures.js";
import { type AnalysisInput, analysisDate, contextOf } from "./context.js";

/**
 * One group's share of the pupils on roll: `n` = `count` = pupils in the group, `rate` their share of `of`
 * pupils (the parent group) with its Wilson interval. Siblings share `partition`; the parent has `isTotal`.
 * A group with no pupils has `rate`, `lower` and `upper` null (the empty-group policy).
 * @example
 * ShareCell.parse({ partition: "identification|2025-01-16|senStatus", dimension: "senStatus", group: "K",
 *   n: 8, count: 8, of: 50, rate: 0.16, lower: 0.083, upper: 0.285 })
 */
export const ShareCell = z.object({
  partition: z.string(),
  ...GROUP_CELL_KEY_FIELDS,
  ...ShareFigures.shape,
});
/** One group's share of its parent group. */
export type ShareCell = z.infer<typeof ShareCell>;

/**
 * A group's count and share now against the same date a year earlier: `count` pupils on the report's date,
 * `previousCount` a year earlier (each year's own count, as the identification cells of that date show it),
 * `countChange` = `count − previousCount`. `n` is the smaller of the two counts: it is what disclosure
 * control judges the row by, so the row is suppressed when either year's group is small; it is not a count
 * to show. No interval is given for the change: the two years are mostly the same pupils, so they are not
 * independent samples.
 * @example
 * IdentificationChange.parse({ group: "K", n: 6, count: 8, previousCount: 6, countChange: 2, rate: 0.16,
 *   previousRate: 0.125, rateChange: 0.035 })
 */
export const IdentificationChange = z.object({
  group: z.string(),
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  previousCount: z.number().int().nonnegative(),
  countChange: z.number().int(),
  rate: z.number().nullable(),
  previousRate: z.number().nullable(),
  rateChange: z.number().nullable(),
});
/** A group's count and share against a year earlier. */
export type IdentificationChange = z.infer<typeof IdentificationChange>;

/**
 * The school's share of a group against the national share, with its national figure's year and source.
 * @example
 * IdentificationNational.parse({ measure: "senShare", group: "K", need: null, gap: { … } })
 */
export const IdentificationNational = z.object({
  measure: z.enum(["senShare", "primaryNeedShare"]),
  group: z.string(),
  need: z.string().nullable(),
  gap: NationalGap,
});
/** A school share against national. */
export type IdentificationNational = z.infer<typeof IdentificationNational>;

/**
 * The whole identification result (see `identification`).
 * @example
 * Identification.parse(identification(data, "2025-01-16"))
 */
export const Identification = z.object({
  asOf: IsoDate,
  previousAsOf: IsoDate,
  onRoll: z.number().int().nonnegative(),
  phase: NationalPhase,
  senStatus: z.array(ShareCell),
  senAny: z.array(ShareCell),
  needMix: z.array(ShareCell),
  previous: z.object({ onRoll: z.number().int().nonnegative(), senStatus: z.array(ShareCell), senAny: z.array(ShareCell) }),
  change: z.array(IdentificationChange),
  national: z.array(IdentificationNational),
});
/** The identification result. */
export type Identification = z.infer<typeof Identification>;

function shareCells(onRoll: readonly PupilProfile[], dimension: GroupDimension, partition: string, confidence: number): ShareCell[] {
  const total = onRoll.length;
  const counts = new Map<string, number>(fixedGroups(dimension).map((g) => [g, 0]));
  const seen = new Map<string, number>();
  for (const p of onRoll) {
    const group = groupKey(p, dimension);
    seen.set(group, (seen.get(group) ?? 0) + 1);
  }
  // Fixed groups keep their place (even when empty); other groups follow in name order.
  for (const [group, count] of [...seen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) counts.set(group, count);
  const cells: ShareCell[] = [
    { partition, dimension, group: "all", isTotal: true, ...shareFigures(total, total, confidence) },
  ];
  for (const [group, count] of counts) cells.push({ partition, dimension, group, ...shareFigures(count, total, confidence) });
  return cells;
}


/**
 * The phase of a school from the year groups of its pupils on roll: `primary` when every known year group is
 * Reception to Year 6, `secondary` when every one is Year 7 or above, otherwise (all-through, or no year
 * groups known) `all`. National comparisons use it to pick figures for schools of the same phase.
 * @example
 * schoolPhase([{ yearGroup: 0 }, { yearGroup: 6 }]) // => "primary"
 * schoolPhase([{ yearGroup: 5 }, { yearGroup: 9 }]) // => "all"
 */
export function schoolPhase(onRoll: ReadonlyArray<{ yearGroup: number | null }>): NationalPhase {
  let primary = 0;
  let secondary = 0;
  for (const p of onRoll) {
    if (p.yearGroup === null) continue;
    if (p.yearGroup <= 6) primary += 1;
    else secondary += 1;
  }
  if (primary > 0 && secondary === 0) return "primary";
  if (secondary > 0 && primary === 0) return "secondary";
  return "all";
}

function cellOf(cells: readonly ShareCell[], group: string): ShareCell | undefined {
  return cells.find((c) => c.group === group && !c.isTotal);
}

/**
 * SEN identification among pupils on roll on `asOf`: counts and shares of N/K/E (`senStatus`), of any SEN
 * against none (`senAny`), the primary-need mix within K and within E (`needMix`, partitions
 * `need-mix|<asOf>|K` and `…|E`; `unknown` = K/E with no need recorded), the same figures 12 months earlier
 * (`previous`) and the change (`change`, for K, E and SEN), and the national comparison (`national`: the K
 * and E shares of pupils, the share of K pupils with SLCN / E pupils with ASD where the national figures
 * have them, and the share with any SEN: each against schools of the same phase, `schoolPhase` (a primary
 * school against state-funded primary schools) where the national figures have a figure for them, else all
 * schools; of several years, the latest on or before `asOf` (see `nationalFigure`); each gap's
 * `nationalLabel` names the figure used). The SEN status on a date is the register spell in force that day (see `senStatusOn`).
 * @param input the school's data, or its analysis context (`prepareAnalysis`)
 * @param asOf the census-like date the figures describe (for example the January census day); default the
 *   context's (`analysisDate`)
 * @param options `national`: national figures (default `DEFAULT_NATIONAL_FIGURES`); `confidence` of every
 *   interval (default 0.95)
 * @throws {InvalidArgumentError} when `asOf` is not a yyyy-mm-dd date
 * @example
 * const id = identification(data, "2025-01-16");
 * id.senStatus.find((c) => c.group === "K")?.rate // => 0.142
 * identification(prepareAnalysis(data, { asOf: "2025-01-16" })).asOf // => "2025-01-16"
 */
export function identification(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister">>,
  asOf?: string,
  options: { national?: NationalFigures; confidence?: number } = {},
): Identification {
  const ctx = contextOf(input);
  asOf = analysisDate(ctx, asOf);
  const figures = options.national ?? DEFAULT_NATIONAL_FIGURES;
  const confidence = options.confidence ?? 0.95;
  const previousAsOf = addMonths(asOf, -12);
  const now = pupilProfiles(ctx, asOf).filter((p) => p.onRoll);
  const before = pupilProfiles(ctx, previousAsOf).filter((p) => p.onRoll);
  const senStatus = shareCells(now, "senStatus", `identification|${asOf}|senStatus`, confidence);
  const senAny = shareCells(now, "senAny", `identification|${asOf}|senAny`, confidence);
  const prevStatus = shareCells(before, "senStatus", `identification|${previousAsOf}|senStatus`, confidence);
  const prevAny = shareCells(before, "senAny", `identification|${previousAsOf}|senAny`, confidence);
  const needMix = (["K", "E"] as const).flatMap((status) =>
    shareCells(now.filter((p) => p.senStatus === status), "primaryNeed", `need-mix|${asOf}|${status}`, confidence).map((c) =>
      c.isTotal ? { ...c, group: status } : c,
    ),
  );
  const change: IdentificationChange[] = [];
  for (const [group, cells, prev] of [["K", senStatus, prevStatus], ["E", senStatus, prevStatus], ["SEN", senAny, prevAny]] as const) {
    const a = cellOf(cells, group);
    const b = cellOf(prev, group);
    const count = a?.count ?? 0;
    const previousCount = b?.count ?? 0;
    const rate = a?.rate ?? null;
    const previousRate = b?.rate ?? null;
    change.push({
      group, n: Math.min(count, previousCount), count, previousCount, countChange: count - previousCount, rate, previousRate,
      rateChange: rate !== null && previousRate !== null ? rate - previousRate : null,
    });
  }
  const phase = schoolPhase(now);
  const national: IdentificationNational[] = [];
  for (const group of ["K", "E"] as const) {
    const fig = nationalFigure("senShare", group, null, figures, phase, asOf);
    const count = cellOf(senStatus, group)?.count ?? 0;
    if (fig) national.push({ measure: "senShare", group, need: null, gap: nationalGap(count, now.length, fig, { confidence }) });
    const needs = [...new Set(figures.figures.filter((x) => x.measure === "primaryNeedShare" && x.group === group && x.need).map((x) => x.need as string))];
    const inStatus = now.filter((p) => p.senStatus === group);
    for (const need of needs) {
      const f = nationalFigure("primaryNeedShare", group, need, figures, phase, asOf);
      if (!f) continue;
      const withNeed = inStatus.filter((p) => p.primaryNeed === need).length;
      national.push({ measure: "primaryNeedShare", group, need, gap: nationalGap(withNeed, inStatus.length, f, { confidence }) });
    }
  }
  // Any SEN, against schools of the same phase where a figure for them is shipped.
  const senFigure = nationalFigure("senShare", "SEN", null, figures, phase, asOf);
  if (senFigure) national.push({ measure: "senShare", group: "SEN", need: null, gap: nationalGap(cellOf(senAny, "SEN")?.count ?? 0, now.length, senFigure, { confidence }) });
  return {
    asOf, previousAsOf, onRoll: now.length, phase, senStatus, senAny, needMix,
    previous: { onRoll: before.length, senStatus: prevStatus, senAny: prevAny }, change, national,
  };
}
