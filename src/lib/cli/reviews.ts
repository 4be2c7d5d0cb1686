/**
 * `sendscope reviews <folder>`: the EHC annual-review plan for the SENCO (names pupils: confidential), printed
 * as a table, and with `--ics <file>` written as a calendar file to import into Outlook, Google or Apple Calendar.
 */
import { writeFile } from "node:fs/promises";
import { ImportError, InvalidArgumentError } from "../errors.js";
import { importFolder, loadMappingFile } from "../import/import-folder.js";
import { dateLabel } from "../format/text.js";
import { annualReviewPlan, type ReviewPlan } from "../documents/review-plan.js";
import { reviewCalendar } from "../documents/review-calendar.js";
import type { CommandIo } from "./io.js";

/** Options of `runReviews` (the command's flags). */
export interface ReviewsOptions {
  /** The date to plan from (yyyy-mm-dd); default today. */
  asOf?: string;
  /** Write the plan as an iCalendar file here. */
  ics?: string;
  /** Name pupils in full in the calendar (default: initials and year group). */
  names?: boolean;
  /** Weeks before the meeting to ask for advice (default 6). */
  adviceWeeks?: number;
  /** A column-mapping JSON file. */
  mapping?: string;
}

function short(iso: string | null): string {
  if (iso === null) return "–";
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/**
 * The plan as a readable table, most urgent first: pupil, year, due, meeting, ask for advice, invitations and
 * advice out by, report by, status and any note.
 * @example
 * formatReviewPlan({ asOf: "2026-01-05", adviceWeeks: 6, slackWeeks: 2, rows: [] }).split("\n")[0] // => "EHC annual reviews planned on 5 January 2026 (CONFIDENTIAL: names pupils)"
 */
export function formatReviewPlan(plan: ReviewPlan): string {
  const lines = [`EHC annual reviews planned on ${dateLabel(plan.asOf)} (CONFIDENTIAL: names pupils)`];
  if (plan.rows.length === 0) return `${lines[0]}\n  No pupil on roll has an EHC plan on that date.\n`;
  const head = ["Pupil", "Year", "Due", "Meeting", "Ask for advice", "Invitations and advice out by", "Report by", "Status"];
  const body = plan.rows.map((r) => [
    `${r.surname}, ${r.forename}`, r.yearGroup === null ? "–" : String(r.yearGroup), short(r.dueDate), short(r.meeting),
    short(r.askForAdvice), short(r.invitationsBy), short(r.reportBy),
    `${r.status}${r.phaseTransfer === null ? "" : `; ${r.phaseTransfer.what}: amended plan by ${dateLabel(r.phaseTransfer.deadline)}`}${r.note === null ? "" : `; ${r.note}`}`,
  ]);
  const widths = head.slice(0, -1).map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join("  ")}`.trimEnd();
  lines.push(line(head), ...body.map(line));
  lines.push(`  Advice is asked for ${plan.adviceWeeks} weeks before the meeting; invitations and the advice gathered go out at least two weeks before it and the report within two weeks after (SEND Code of Practice 9.176). Check each date against the school's own term dates.`);
  return `${lines.join("\n")}\n`;
}

/** Today as yyyy-mm-dd. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Run `reviews`: import the folder, plan every EHC plan's annual review from `asOf` (default today), print the
 * plan and, with `ics`, write the calendar file. Returns 0, or 2 for a folder or option that cannot be used.
 * @example
 * await runReviews("fixtures/sample-school", { asOf: "2026-06-22", ics: "reviews.ics" }, processIo()) // => 0
 */
export async function runReviews(folder: string, options: ReviewsOptions, io: CommandIo): Promise<number> {
  let plan: ReviewPlan;
  try {
    const mapping = options.mapping === undefined ? undefined : await loadMappingFile(options.mapping);
    const data = await importFolder(folder, mapping === undefined ? {} : { mapping });
    plan = annualReviewPlan(data, options.asOf ?? today(), options.adviceWeeks === undefined ? {} : { adviceWeeks: options.adviceWeeks });
  } catch (error) {
    if (error instanceof ImportError || error instanceof InvalidArgumentError) {
      io.stderr(`sendscope reviews: ${error.message.split("\n")[0]}\n`);
      return 2;
    }
    throw error;
  }
  io.stdout(formatReviewPlan(plan));
  if (options.ics !== undefined) {
    await writeFile(options.ics, reviewCalendar(plan, { names: options.names === true }));
    const events = plan.rows.filter((r) => r.meeting !== null).length * 4;
    io.stdout(`Calendar: ${options.ics} (${events} all-day events; pupils named by ${options.names === true ? "full name" : "initials and year group"})\n`);
  }
  return 0;
}
