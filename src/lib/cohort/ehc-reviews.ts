/**
 * EHC plan annual reviews: which are overdue and which fall due soon, for the SENCO.
 */
import { z } from "zod";
import { pupilLevelList } from "../schema/cells.js";
import type { SchoolData } from "../schema/school-data.js";
import { InvalidArgumentError } from "../errors.js";
import { addDays, addMonths } from "./dates.js";
import { isOnRollOn, yearGroupIn } from "./pupil-facts.js";
import { academicYearOf } from "./dates.js";
import { senStatusOn, spellsByPupil } from "./sen-status.js";
import { ShareFigures, shareFigures } from "./figures.js";
import { type AnalysisInput, analysisDate, contextOf } from "./context.js";

/** The review statuses: in date (due on or after `asOf`), overdue, or no plan/review date recorded. */
export const REVIEW_STATUSES = ["in date", "overdue", "no date"] as const;

/**
 * A count of EHC plans in one review status (`n` = `count` = plans; `rate` = share of all plans with its
 * Wilson interval). The statuses split the total (`isTotal`) in one partition; the "due soon" cell (due
 * within the window) and the rest of the in-date plans form a second partition.
 * @example
 * ReviewCell.parse({ partition: "ehc-reviews|2025-03-01|status", status: "overdue", n: 2, count: 2,
 *   of: 9, rate: 0.222, lower: 0.063, upper: 0.547 })
 */
export const ReviewCell = z.object({
  partition: z.string(),
  status: z.string(),
  isTotal: z.boolean().optional(),
  ...ShareFigures.shape,
});
/** A count of EHC plans in one review status. */
export type ReviewCell = z.infer<typeof ReviewCell>;

/**
 * One EHC plan's review (for the SENCO only). `daysUntilDue` is negative when overdue.
 * @example
 * ReviewRow.parse({ pupilId: "A1", forename: "Ada", surname: "Lee", yearGroup: 5, planDate: "2022-01-01",
 *   lastReview: "2024-03-10", dueDate: "2025-03-10", daysUntilDue: 9, status: "due soon" })
 */
export const ReviewRow = z.object({
  pupilId: z.string(),
  forename: z.string(),
  surname: z.string(),
  yearGroup: z.number().int().nullable(),
  planDate: z.string().nullable(),
  lastReview: z.string().nullable(),
  dueDate: z.string().nullable(),
  daysUntilDue: z.number().int().nullable(),
  status: z.enum(["overdue", "due soon", "in date", "no date"]),
});
/** One EHC plan's review. */
export type ReviewRow = z.infer<typeof ReviewRow>;

/**
 * The EHC review result (see `ehcReviews`).
 * @example
 * EhcReviews.parse(ehcReviews(data, "2025-03-01"))
 */
export const EhcReviews = z.object({
  asOf: z.string(),
  windowDays: z.number().int().nonnegative(),
  cells: z.array(ReviewCell),
  due: pupilLevelList(ReviewRow),
});
/** The EHC review result. */
export type EhcReviews = z.infer<typeof EhcReviews>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * EHC plan reviews on `asOf`, for pupils on roll with an E spell in force that day: the review is due 12
 * months after the last annual review, or after the plan date when no review is recorded (SEND Code of
 * Practice 9.166: review at least every 12 months). A review due before `asOf` is overdue; one due within
 * `windowDays` of `asOf` (inclusive) is due soon. Cells count plans in date / overdue / with no date, and due
 * soon; the pupil-level list holds the overdue, due-soon and no-date plans, most urgent first.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param asOf the date (yyyy-mm-dd); default the context's (`analysisDate`: its `asOf`, or for plain data
 *   `defaultAsOf`)
 * @param options `windowDays` (default 60)
 * @throws {InvalidArgumentError} when `asOf` is malformed or `windowDays` is negative or fractional
 * @example
 * ehcReviews(data, "2026-06-22").due.rows[0]?.status // => "overdue"
 * ehcReviews(data).due.rows[0]?.status // => "overdue" (on the latest assessment date, 2026-06-22)
 */
export function ehcReviews(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister">>,
  asOf?: string,
  options: { windowDays?: number } = {},
): EhcReviews {
  const ctx = contextOf(input);
  const data = ctx.data;
  asOf = analysisDate(ctx, asOf);
  const windowDays = options.windowDays ?? 60;
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw new InvalidArgumentError("ehcReviews", `windowDays must be a whole number ≥ 0, got ${windowDays}`);
  }
  const horizon = addDays(asOf, windowDays);
  const spells = spellsByPupil(data.senRegister);
  const rows: ReviewRow[] = [];
  for (const pupil of data.pupils) {
    if (!isOnRollOn(pupil, asOf)) continue;
    const sen = senStatusOn(spells.get(pupil.pupilId) ?? [], asOf);
    if (sen.status !== "E" || sen.spell === null) continue;
    // The plan date and last review may sit on an earlier E spell of the same pupil: take the latest of each.
    const eSpells = (spells.get(pupil.pupilId) ?? []).filter((s) => s.status === "E");
    const latest = (xs: Array<string | null>) => xs.reduce<string | null>((m, x) => (x !== null && (m === null || x > m) ? x : m), null);
    const planDate = latest(eSpells.map((s) => s.ehcPlanDate));
    const lastReview = latest(eSpells.map((s) => s.lastAnnualReview));
    const anchor = latest([planDate, lastReview]);
    const dueDate = anchor === null ? null : addMonths(anchor, 12);
    const daysUntilDue = dueDate === null ? null : daysBetween(asOf, dueDate);
    const status: ReviewRow["status"] =
      dueDate === null ? "no date" : dueDate < asOf ? "overdue" : dueDate <= horizon ? "due soon" : "in date";
    rows.push({
      pupilId: pupil.pupilId, forename: pupil.forename, surname: pupil.surname,
      yearGroup: yearGroupIn(pupil, academicYearOf(asOf)), planDate, lastReview, dueDate, daysUntilDue, status,
    });
  }
  const total = rows.length;
  const cell = (partition: string, status: string, count: number, isTotal = false): ReviewCell => {
    return { partition, status, ...(isTotal ? { isTotal } : {}), ...shareFigures(count, total) };
  };
  const byStatus = (s: ReviewRow["status"]) => rows.filter((r) => r.status === s).length;
  const statusPart = `ehc-reviews|${asOf}|status`;
  const soonPart = `ehc-reviews|${asOf}|due-within-${windowDays}-days`;
  const inDate = byStatus("in date") + byStatus("due soon");
  const cells = [
    cell(statusPart, "all", total, true), cell(statusPart, "in date", inDate), cell(statusPart, "overdue", byStatus("overdue")),
    cell(statusPart, "no date", byStatus("no date")),
    cell(soonPart, "all", total, true), cell(soonPart, "due soon", byStatus("due soon")),
    cell(soonPart, "not due soon", total - byStatus("due soon")),
  ];
  const order = { overdue: 0, "no date": 1, "due soon": 2, "in date": 3 } as const;
  const due = rows
    .filter((r) => r.status !== "in date")
    .sort((a, b) => order[a.status] - order[b.status] || (a.daysUntilDue ?? 0) - (b.daysUntilDue ?? 0));
  return { asOf, windowDays, cells, due: { pupilLevel: true, rows: due } };
}
