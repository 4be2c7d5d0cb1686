/**
 * EHC needs assessment requests: the statutory clock of each open request, for the SENCO, and the requests
 * made, agreed and refused in an academic year, for governors.
 *
 * The time limits (The Special Educational Needs and Disability Regulations 2014, SI 2014/1530):
 * - reg. 5(1): the local authority must tell the parent whether it will assess "within 6 weeks of receiving a
 *   request": due 42 days after the request;
 * - reg. 10(1): a decision, after assessing, not to issue a plan within 16 weeks of the request: 112 days;
 * - reg. 13(2): the final EHC plan within 20 weeks of the request: 140 days.
 * The regulations allow exceptions (school holidays of 4 weeks or more, and others in regs. 5(4), 10(4), 13(3));
 * sendscope does not know them, so a date past due is flagged for the SENCO to check, not judged.
 */
import { z } from "zod";
import { pupilLevelList } from "../schema/cells.js";
import type { EhcRequest } from "../schema/records.js";
import type { SchoolData } from "../schema/school-data.js";
import { AcademicYear, IsoDate } from "../schema/primitives.js";
import { InvalidArgumentError } from "../errors.js";
import { academicYearBounds, academicYearOf, addDays, dayNumber } from "./dates.js";
import { yearGroupIn } from "./pupil-facts.js";
import { ShareFigures, shareFigures } from "./figures.js";
import { type AnalysisInput, analysisDate, contextOf } from "./context.js";

/** Days from the request to each statutory deadline (SEND Regulations 2014 regs. 5(1), 10(1), 13(2)). */
export const EHC_REQUEST_DEADLINE_DAYS = { decision: 42, noPlanNotice: 112, finalPlan: 140 } as const;

/**
 * One open request's clock on `asOf` (SENCO only). `stage`: waiting for the authority's decision whether to
 * assess, or assessing (agreed, no outcome yet). `decisionOverdue`: still waiting after the 6-week due date;
 * `decisionLate`: decided after it (null while waiting); `finalPlanOverdue`: no outcome after the 20-week date.
 * @example
 * EhcRequestClock.parse({ pupilId: "A1", forename: "Ada", surname: "Lee", yearGroup: 4, requestDate: "2025-10-06",
 *   stage: "assessing", decisionDate: "2025-11-10", daysElapsed: 70, weeksElapsed: 10, decisionDue: "2025-11-17",
 *   noPlanNoticeDue: "2026-01-26", finalPlanDue: "2026-02-23", decisionOverdue: false, decisionLate: false,
 *   finalPlanOverdue: false, source: { file: "ehc-requests.csv", line: 2 } })
 */
export const EhcRequestClock = z.object({
  pupilId: z.string(),
  forename: z.string(),
  surname: z.string(),
  yearGroup: z.number().int().nullable(),
  requestDate: IsoDate,
  stage: z.enum(["awaiting decision", "assessing"]),
  decisionDate: IsoDate.nullable(),
  daysElapsed: z.number().int().nonnegative(),
  weeksElapsed: z.number().int().nonnegative(),
  decisionDue: IsoDate,
  noPlanNoticeDue: IsoDate,
  finalPlanDue: IsoDate,
  decisionOverdue: z.boolean(),
  decisionLate: z.boolean().nullable(),
  finalPlanOverdue: z.boolean(),
  source: z.object({ file: z.string(), line: z.number().int().positive() }),
});
/** One open request's clock. */
export type EhcRequestClock = z.infer<typeof EhcRequestClock>;

/**
 * A count of the requests made in the academic year by the authority's decision on `asOf` (`n` = `count`;
 * `rate` = share of the year's requests, with its Wilson interval). "all" is the total (`isTotal`); agreed,
 * refused and pending split it, so disclosure control can hide a small count and one that would give it away.
 * @example
 * EhcRequestCell.parse({ partition: "ehc-requests|2025/26|decision", decision: "agreed", n: 3, count: 3, of: 5,
 *   rate: 0.6, lower: 0.231, upper: 0.882 })
 */
export const EhcRequestCell = z.object({
  partition: z.string(),
  decision: z.string(),
  isTotal: z.boolean().optional(),
  ...ShareFigures.shape,
});
/** A count of the year's requests by decision. */
export type EhcRequestCell = z.infer<typeof EhcRequestCell>;

/**
 * The EHC needs assessment requests result (see `ehcRequests`).
 * @example
 * EhcRequests.parse(ehcRequests(data, "2026-06-22"))
 */
export const EhcRequests = z.object({
  asOf: IsoDate,
  academicYear: AcademicYear,
  cells: z.array(EhcRequestCell),
  open: pupilLevelList(EhcRequestClock),
});
/** The EHC needs assessment requests result. */
export type EhcRequests = z.infer<typeof EhcRequests>;

/** The authority's decision on a request as it stood on `date`: a decision dated later was still pending. */
function decisionOn(request: EhcRequest, date: string): EhcRequest["decision"] {
  if (request.decision === "pending") return "pending";
  return request.decisionDate === null || request.decisionDate <= date ? request.decision : "pending";
}

/** Whether the request's outcome (plan issued or not) was known on `date`. */
function outcomeKnownOn(request: EhcRequest, date: string): boolean {
  return request.outcome !== null && (request.outcomeDate === null || request.outcomeDate <= date);
}

/**
 * The statutory clock of one request on `asOf`: days and whole weeks since the request, and the due dates
 * (6 weeks for the decision whether to assess, 16 weeks for a notice not to issue a plan, 20 weeks for the
 * final plan: SEND Regulations 2014 regs. 5(1), 10(1), 13(2)).
 * @throws {InvalidArgumentError} when `asOf` is before the request
 * @example
 * requestClock("2025-10-06", "2025-12-15") // => { daysElapsed: 70, weeksElapsed: 10, decisionDue: "2025-11-17", noPlanNoticeDue: "2026-01-26", finalPlanDue: "2026-02-23" }
 */
export function requestClock(requestDate: string, asOf: string): {
  daysElapsed: number; weeksElapsed: number; decisionDue: string; noPlanNoticeDue: string; finalPlanDue: string;
} {
  const daysElapsed = dayNumber(asOf) - dayNumber(requestDate);
  if (daysElapsed < 0) throw new InvalidArgumentError("requestClock", `asOf ${asOf} is before the request (${requestDate})`);
  return {
    daysElapsed,
    weeksElapsed: Math.floor(daysElapsed / 7),
    decisionDue: addDays(requestDate, EHC_REQUEST_DEADLINE_DAYS.decision),
    noPlanNoticeDue: addDays(requestDate, EHC_REQUEST_DEADLINE_DAYS.noPlanNotice),
    finalPlanDue: addDays(requestDate, EHC_REQUEST_DEADLINE_DAYS.finalPlan),
  };
}

/**
 * EHC needs assessment requests on `asOf`: every request made on or before `asOf` that is still open that day
 * (waiting for the decision whether to assess, or agreed and waiting for the outcome), with its statutory
 * clock, most overdue first; and the requests made in `academicYear` (default: the academic year of `asOf`)
 * counted by the decision as it stood on `asOf` (a decision dated after `asOf` counts as pending). A refused
 * request, or one with its outcome, is closed. Data with no requests (or made before they were imported) gives
 * counts of 0 and no open requests.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param asOf the date (yyyy-mm-dd); default the context's (`analysisDate`: its `asOf`, or for plain data
 *   `defaultAsOf`)
 * @param options `academicYear` counted (default the academic year of `asOf`)
 * @throws {InvalidArgumentError} when `asOf` is malformed
 * @example
 * ehcRequests(data, "2026-06-22").cells.find((c) => c.decision === "all")?.count // => 8
 * ehcRequests(prepareAnalysis(data, { asOf: "2026-06-22" })).cells.find((c) => c.decision === "all")?.count // => 8
 */
export function ehcRequests(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "ehcRequests">>,
  asOf?: string,
  options: { academicYear?: string } = {},
): EhcRequests {
  const ctx = contextOf(input);
  const data = ctx.data;
  asOf = analysisDate(ctx, asOf);
  const academicYear = options.academicYear ?? academicYearOf(asOf);
  const { start, end } = academicYearBounds(academicYear);
  const requests = data.ehcRequests ?? [];
  const pupils = new Map(data.pupils.map((p) => [p.pupilId, p]));
  const open: EhcRequestClock[] = [];
  for (const request of requests) {
    if (request.requestDate > asOf) continue;
    const decision = decisionOn(request, asOf);
    if (decision === "refused" || (decision === "agreed" && outcomeKnownOn(request, asOf))) continue;
    const clock = requestClock(request.requestDate, asOf);
    const pupil = pupils.get(request.pupilId);
    const decisionDate = decision === "pending" ? null : request.decisionDate;
    open.push({
      pupilId: request.pupilId, forename: pupil?.forename ?? "", surname: pupil?.surname ?? "",
      yearGroup: pupil === undefined ? null : yearGroupIn(pupil, academicYearOf(asOf)),
      requestDate: request.requestDate, stage: decision === "pending" ? "awaiting decision" : "assessing", decisionDate,
      ...clock,
      decisionOverdue: decision === "pending" && asOf > clock.decisionDue,
      decisionLate: decisionDate === null ? null : decisionDate > clock.decisionDue,
      finalPlanOverdue: asOf > clock.finalPlanDue,
      source: { ...request.source },
    });
  }
  open.sort((a, b) => b.daysElapsed - a.daysElapsed || a.pupilId.localeCompare(b.pupilId));
  const made = requests.filter((r) => r.requestDate >= start && r.requestDate <= end && r.requestDate <= asOf);
  const count = (d: EhcRequest["decision"]) => made.filter((r) => decisionOn(r, asOf) === d).length;
  const partition = `ehc-requests|${academicYear}|decision`;
  const cell = (decision: string, n: number, isTotal = false): EhcRequestCell =>
    ({ partition, decision, ...(isTotal ? { isTotal } : {}), ...shareFigures(n, made.length) });
  return {
    asOf, academicYear,
    cells: [cell("all", made.length, true), cell("agreed", count("agreed")), cell("refused", count("refused")), cell("pending", count("pending"))],
    open: { pupilLevel: true, rows: open },
  };
}
