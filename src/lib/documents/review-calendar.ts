/**
 * The annual-review plan as an iCalendar file (RFC 5545), written with ical-generator, for the SENCO's own
 * calendar: for each EHC plan, all-day events to ask for advice, to send invitations and the advice gathered
 * (the last day for both), for the meeting, and for the review report.
 *
 * A calendar is often synced to a phone or an online service, so by default an event names the pupil by
 * initials and year group only; full names only when asked (`names: true`). No UPN or date of birth is ever
 * written, and event ids are a hash, not the pupil's id.
 */
import { createHash } from "node:crypto";
import ical from "ical-generator";
import { dateLabel } from "../format/text.js";
import type { ReviewPlan, ReviewPlanRow } from "./review-plan.js";

/** Options of `reviewCalendar`. */
export interface ReviewCalendarOptions {
  /** Name pupils in full instead of by initials; default false. */
  names?: boolean;
  /** The calendar's name; default "EHC annual reviews". */
  calendarName?: string;
}

/**
 * How a calendar event names a pupil: initials and year group, or the full name.
 * @example
 * pupilLabel({ forename: "Ada", surname: "Lee", yearGroup: 5 }, false) // => "A.L. (Year 5)"
 * pupilLabel({ forename: "Ada", surname: "Lee", yearGroup: 0 }, true) // => "Ada Lee (Reception)"
 */
export function pupilLabel(row: Pick<ReviewPlanRow, "forename" | "surname" | "yearGroup">, names: boolean): string {
  const year = row.yearGroup === null ? "" : row.yearGroup === 0 ? " (Reception)" : row.yearGroup === -1 ? " (Nursery)" : ` (Year ${row.yearGroup})`;
  const who = names ? `${row.forename} ${row.surname}`.trim() : `${row.forename.trim().charAt(0)}.${row.surname.trim().charAt(0)}.`;
  return `${who}${year}`;
}

/** The events of one plan, as [kind, date, summary, description]. */
function eventsOf(row: ReviewPlanRow, who: string): Array<[string, string, string, string]> {
  if (row.meeting === null || row.askForAdvice === null || row.invitationsBy === null || row.reportBy === null || row.decisionBy === null || row.meetingBy === null) return [];
  const meeting = dateLabel(row.meeting);
  const transfer = row.phaseTransfer === null ? "" : ` Phase transfer: ${row.phaseTransfer.what}; the amended plan must be issued by ${dateLabel(row.phaseTransfer.deadline)} (SEND Code of Practice 9.179).`;
  const due = `Review due by ${dateLabel(row.dueDate ?? row.meetingBy)}; meeting to be held by ${dateLabel(row.meetingBy)}.${transfer}`;
  return [
    ["advice", row.askForAdvice, `EHC review ${who}: ask for advice and reports`,
      `Ask the parents, the pupil, the local authority SEN officer, health and social care (and anyone else relevant) for advice and information for the annual review meeting on ${meeting}. ${due}`],
    ["invitations", row.invitationsBy, `EHC review ${who}: last day for invitations and circulating advice`,
      `Invitations (at least two weeks' notice) and all the advice and information gathered must reach everyone invited by today, two weeks before the meeting on ${meeting} (SEND Code of Practice 9.176).`],
    ["meeting", row.meeting, `EHC annual review meeting: ${who}`,
      `Annual review meeting. ${due} The report of the meeting is due by ${dateLabel(row.reportBy)}; the local authority decides by ${dateLabel(row.decisionBy)} (SEND Code of Practice 9.176).`],
    ["report", row.reportBy, `EHC review ${who}: send the review report`,
      `Send the report of the annual review meeting of ${meeting} to the local authority and everyone invited, within two weeks of the meeting (SEND Code of Practice 9.176).`],
  ];
}

/**
 * The review plan as an iCalendar file: four all-day events per EHC plan with a meeting date (ask for advice;
 * last day for invitations and circulating advice; the meeting; the report), each with what to do and the
 * Code of Practice paragraph. Deterministic: the time stamp of every event is the plan's `asOf`, and each event's
 * id is a hash of the pupil's id and the event's kind (so re-importing an updated file updates, not duplicates).
 * @param plan the review plan (`annualReviewPlan`)
 * @param options `names` (default false: initials), `calendarName`
 * @example
 * reviewCalendar({ asOf: "2026-01-05", adviceWeeks: 6, slackWeeks: 2, rows: [] }).startsWith("BEGIN:VCALENDAR") // => true
 */
export function reviewCalendar(plan: ReviewPlan, options: ReviewCalendarOptions = {}): string {
  const calendar = ical({ name: options.calendarName ?? "EHC annual reviews", prodId: { company: "sendscope", product: "annual-reviews", language: "EN" } });
  const stamp = new Date(`${plan.asOf}T00:00:00Z`);
  for (const row of plan.rows) {
    const who = pupilLabel(row, options.names === true);
    for (const [kind, date, summary, description] of eventsOf(row, who)) {
      const start = new Date(`${date}T00:00:00Z`);
      calendar.createEvent({
        id: `${createHash("sha256").update(`${row.pupilId}|${kind}`).digest("hex").slice(0, 24)}@sendscope`,
        start, allDay: true, stamp, summary, description,
      });
    }
  }
  return calendar.toString();
}
