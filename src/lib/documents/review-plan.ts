/**
 * Annual-review planning for EHC plans (for the SENCO): for each plan, the date its review falls due and,
 * working back from it, when to hold the meeting, ask for advice and reports, send the invitations, circulate
 * the advice, and send the review report afterwards.
 *
 * The rules (SEND Code of Practice, January 2015): a plan is reviewed at least every 12 months (9.166); those
 * invited get at least two weeks' notice of the meeting, and the advice and information gathered is sent to
 * them at least two weeks before it (9.176; SEND Regulations 2014, regulation 20); the school sends the report of
 * the meeting within two weeks of it, and the local authority decides within four weeks of it (9.176); a pupil
 * moving from primary to secondary school has the plan reviewed and amended by 15 February of the year of
 * transfer, and one moving from school to post-16 education by 31 March (9.179). Every step the school takes
 * (asking for advice, the last day for invitations and the advice gathered, the meeting, the report) falls on a
 * school day (`isSchoolDay`: not a weekend, the summer or Christmas holidays, or a bank holiday in England);
 * deadlines move earlier, never later.
 */
import { InvalidArgumentError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";
import { IsoDate } from "../schema/primitives.js";
import { academicYearOf, academicYearStartYear, addDays, addMonths } from "../cohort/dates.js";
import { holidayOf, schoolDayOnOrAfter, schoolDayOnOrBefore } from "./school-days.js";
import { isOnRollOn, yearGroupIn } from "../cohort/pupil-facts.js";
import { senStatusOn, spellsByPupil } from "../cohort/sen-status.js";

/** Options of `annualReviewPlan`. */
export interface ReviewPlanOptions {
  /**
   * Weeks before the meeting to ask for advice and reports; default 6 (local practice, not statute: the
   * advice must be sent out two weeks before the meeting, so contributors need the request well before).
   */
  adviceWeeks?: number;
  /** Weeks between the planned meeting and the latest date it may be held, to leave room to move it; default 2. */
  slackWeeks?: number;
}

/** A phase transfer that brings the review forward (Code of Practice 9.179). */
export interface PhaseTransfer {
  /** The date by which the amended plan must be issued. */
  deadline: string;
  /** What the transfer is. */
  what: string;
}

/** One EHC plan's review plan (pupil-level: for the SENCO only). */
export interface ReviewPlanRow {
  pupilId: string;
  forename: string;
  surname: string;
  /** Year group in the academic year of `asOf`. */
  yearGroup: number | null;
  planDate: string | null;
  lastReview: string | null;
  /** 12 months after the last review (or the plan date when none is recorded); null when neither is recorded. */
  dueDate: string | null;
  /** The latest date the meeting may be held: the due date, or earlier for a phase transfer. */
  meetingBy: string | null;
  /**
   * The suggested meeting date: the school day on or before `slackWeeks` before `meetingBy`, or the earliest
   * school day two weeks' notice allows.
   */
  meeting: string | null;
  /** When to ask for advice and reports: a school day, not before the first school day on or after `asOf`. */
  askForAdvice: string | null;
  /** The last day to send invitations: the school day on or before two weeks before the meeting. */
  invitationsBy: string | null;
  /** The last day to send everyone the advice and information gathered: as `invitationsBy`. */
  adviceOutBy: string | null;
  /** The last day to send the review report: the school day on or before two weeks after the meeting. */
  reportBy: string | null;
  /** The local authority's decision is due: four weeks after the meeting (the authority's date, kept as the Code gives it). */
  decisionBy: string | null;
  phaseTransfer: PhaseTransfer | null;
  /**
   * `overdue`: the review is past due, or notice can no longer be given in time; `act now`: the advice should be
   * asked for now (on the first school day on or after `asOf`); `planned`: later; `no date`: no plan or review
   * date recorded.
   */
  status: "overdue" | "act now" | "planned" | "no date";
  /**
   * Anything the SENCO should know or sort out by hand (no date recorded, a meeting moved past the holidays, a
   * report due before the holidays, a pupil moving on), or null; several are joined with "; ".
   */
  note: string | null;
}

/** The review plan of every EHC plan on a date. */
export interface ReviewPlan {
  asOf: string;
  adviceWeeks: number;
  slackWeeks: number;
  /** Most urgent first: overdue, act now, no date, planned; then by meeting date. */
  rows: ReviewPlanRow[];
}

/**
 * Two weeks: notice of the meeting, advice sent out before it, report after it (Code of Practice 9.176).
 * @example
 * NOTICE_DAYS // => 14
 */
export const NOTICE_DAYS = 14;

/**
 * Four weeks: the local authority's decision after the meeting (Code of Practice 9.176).
 * @example
 * DECISION_DAYS // => 28
 */
export const DECISION_DAYS = 28;

/**
 * Twelve weeks before a phase-transfer deadline: four for the authority's decision after the meeting and eight
 * for issuing the amended plan, so the meeting is held by then.
 * @example
 * TRANSFER_LEAD_DAYS / 7 // => 12
 */
export const TRANSFER_LEAD_DAYS = 84;

/**
 * The phase transfer that falls in the academic year a review is due, from the pupil's year group that year:
 * Year 6 (primary to secondary: amended plan by 15 February) and Year 11 (to post-16: by 31 March), Code of
 * Practice 9.179. Null for other year groups. (An infant school's Year 2 also transfers; sendscope does not know
 * the school's type, so it is not flagged.)
 * @example
 * phaseTransferFor(6, "2025/26") // => { deadline: "2026-02-15", what: "moving to secondary school (Year 6)" }
 * phaseTransferFor(4, "2025/26") // => null
 */
export function phaseTransferFor(yearGroup: number | null, academicYear: string): PhaseTransfer | null {
  const end = academicYearStartYear(academicYear) + 1;
  if (yearGroup === 6) return { deadline: `${end}-02-15`, what: "moving to secondary school (Year 6)" };
  if (yearGroup === 11) return { deadline: `${end}-03-31`, what: "moving to post-16 education (Year 11)" };
  return null;
}

function latest(xs: ReadonlyArray<string | null>): string | null {
  return xs.reduce<string | null>((m, x) => (x !== null && (m === null || x > m) ? x : m), null);
}

const ORDER = { overdue: 0, "act now": 1, "no date": 2, planned: 3 } as const;

/**
 * The annual-review plan of every pupil on roll with an EHC plan on `asOf` (the EHC spell in force that day;
 * the plan date and last review are the latest on any of the pupil's EHC spells, as `ehcReviews` takes them).
 * Working back from the due date: the meeting is held by the due date (for a Year 6 or Year 11 pupil whose
 * review falls in the year of transfer, by 12 weeks before the transfer deadline, if earlier); it is planned on
 * the school day on or before `slackWeeks` before that; invitations go out and the advice gathered is sent round
 * by the school day on or before two weeks before it; advice is asked for on the school day on or before
 * `adviceWeeks` before it (or on the first school day from `asOf`, if that is past); the report goes out by the
 * school day on or before two weeks after it; the authority decides within four weeks. A meeting whose last day
 * for invitations falls in the school holidays moves to the last school day before them when notice still
 * allows. When two weeks' notice from the first school day on or after `asOf` can no longer be given for the
 * planned date, the meeting moves to the first school day that allows it; if that is after the latest date, the
 * review is overdue. Every step is a school day (`isSchoolDay`). A pure function of its inputs.
 * @param data the school's data (pupils and SEN register)
 * @param asOf the date the plan is made on (yyyy-mm-dd)
 * @param options `adviceWeeks` (default 6), `slackWeeks` (default 2)
 * @throws {InvalidArgumentError} when `asOf` is not a date or a number of weeks is not a whole number ≥ 0
 * @example
 * annualReviewPlan(data, "2026-06-22").rows.length // => 17
 */
export function annualReviewPlan(
  data: Pick<SchoolData, "pupils" | "senRegister">,
  asOf: string,
  options: ReviewPlanOptions = {},
): ReviewPlan {
  if (!IsoDate.safeParse(asOf).success) throw new InvalidArgumentError("annualReviewPlan", `asOf must be a date as yyyy-mm-dd, got '${asOf}'`);
  const adviceWeeks = options.adviceWeeks ?? 6;
  const slackWeeks = options.slackWeeks ?? 2;
  for (const [name, v] of [["adviceWeeks", adviceWeeks], ["slackWeeks", slackWeeks]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError("annualReviewPlan", `${name} must be a whole number of weeks, 0 or more; got ${v}`);
  }
  const spells = spellsByPupil(data.senRegister);
  const rows: ReviewPlanRow[] = [];
  // The first day the school can act, and the last school day to give a meeting on `m` two weeks' notice.
  const today = schoolDayOnOrAfter(asOf);
  const noticeBy = (m: string) => schoolDayOnOrBefore(addDays(m, -NOTICE_DAYS));
  for (const pupil of data.pupils) {
    if (!isOnRollOn(pupil, asOf)) continue;
    const mine = spells.get(pupil.pupilId) ?? [];
    if (senStatusOn(mine, asOf).status !== "E") continue;
    const eSpells = mine.filter((s) => s.status === "E");
    const planDate = latest(eSpells.map((s) => s.ehcPlanDate));
    const lastReview = latest(eSpells.map((s) => s.lastAnnualReview));
    const anchor = latest([planDate, lastReview]);
    const base = {
      pupilId: pupil.pupilId, forename: pupil.forename, surname: pupil.surname,
      yearGroup: yearGroupIn(pupil, academicYearOf(asOf)), planDate, lastReview,
    };
    if (anchor === null) {
      rows.push({
        ...base, dueDate: null, meetingBy: null, meeting: null, askForAdvice: null, invitationsBy: null, adviceOutBy: null,
        reportBy: null, decisionBy: null, phaseTransfer: null, status: "no date", note: "no EHC plan date or annual review date is recorded: add it to the SEN register",
      });
      continue;
    }
    const dueDate = addMonths(anchor, 12);
    const dueYear = academicYearOf(dueDate);
    // A transfer deadline already past on `asOf` is history (the review that met it is the last review).
    const possible = phaseTransferFor(yearGroupIn(pupil, dueYear), dueYear);
    const transfer = possible !== null && possible.deadline > asOf ? possible : null;
    const transferBy = transfer === null ? null : addDays(transfer.deadline, -TRANSFER_LEAD_DAYS);
    const meetingBy = transferBy !== null && transferBy < dueDate ? transferBy : dueDate;
    const notes: string[] = [];
    let meeting = schoolDayOnOrBefore(addDays(meetingBy, -7 * slackWeeks));
    // Schools are closed in the holidays: a meeting whose last day for notice falls in one moves to the last
    // school day before the holiday when two weeks' notice still allows.
    const closed = holidayOf(addDays(meeting, -NOTICE_DAYS));
    if (closed !== null) {
      const before = schoolDayOnOrBefore(addDays(closed.start, -1));
      if (noticeBy(before) >= today) meeting = before;
      else notes.push(`two weeks' notice can no longer be given before the ${closed.name} holidays: the meeting is planned after them`);
    }
    // Two weeks' notice from the first school day the school can act: else the first school day that allows it
    // (no earlier than two weeks after that day).
    if (noticeBy(meeting) < today) {
      meeting = schoolDayOnOrAfter(addDays(today, NOTICE_DAYS));
      while (noticeBy(meeting) < today) meeting = schoolDayOnOrAfter(addDays(meeting, 1));
    }
    const wantAdvice = schoolDayOnOrBefore(addDays(meeting, -7 * adviceWeeks));
    const askForAdvice = wantAdvice < today ? today : wantAdvice;
    const invitationsBy = noticeBy(meeting);
    const reportDue = addDays(meeting, NOTICE_DAYS);
    const reportBy = schoolDayOnOrBefore(reportDue);
    const reportHoliday = holidayOf(reportDue);
    if (reportHoliday !== null) {
      notes.push(`the two weeks for the review report run into the ${reportHoliday.name} holidays: it is due by the last school day before them, so hold the meeting earlier if it cannot be written by then`);
    }
    const nowYear = base.yearGroup;
    if ((nowYear === 6 || nowYear === 11) && dueYear > academicYearOf(asOf)) {
      notes.push(`in Year ${nowYear} now, so the pupil moves on before the review is due: agree with the local authority and the next school who holds it`);
    }
    const status: ReviewPlanRow["status"] = meeting > meetingBy ? "overdue" : askForAdvice <= today ? "act now" : "planned";
    rows.push({
      ...base, dueDate, meetingBy, meeting, askForAdvice, invitationsBy, adviceOutBy: invitationsBy,
      reportBy, decisionBy: addDays(meeting, DECISION_DAYS),
      phaseTransfer: transfer, status, note: notes.length === 0 ? null : notes.join("; "),
    });
  }
  rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.meeting ?? "").localeCompare(b.meeting ?? "") || a.surname.localeCompare(b.surname));
  return { asOf, adviceWeeks, slackWeeks, rows };
}
