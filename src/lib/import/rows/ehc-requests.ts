/**
 * Rows of an EHC needs assessment requests export → `EhcRequest`s: one row per request, with the local
 * authority's decision whether to assess and the outcome (a final plan issued or not), each with its date.
 * Decisions and outcomes are read as words (the SEN2 return's own codes are not read: see
 * `fixtures/exports/ehc-requests/NOTE.md`); a value not recognised rejects the row, naming the words read.
 */
import { EHC_REQUEST_FIELDS, type EhcDecision, type EhcOutcome } from "../../schema/records.js";
import type { RowReader } from "../row-reader.js";
import { fail, ok, type Parsed } from "../values.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, ifGiven, orElse, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";

const fold = (text: string): string => text.toLowerCase().replace(/[^a-z]+/g, " ").trim();

const DECISIONS: ReadonlyMap<string, EhcDecision> = new Map([
  ...["agreed", "agree", "yes", "y", "assess", "agreed to assess", "decision to assess", "assessment agreed", "accepted", "proceed", "proceed to assessment"]
    .map((w) => [w, "agreed"] as const),
  ...["refused", "refuse", "declined", "no", "n", "not agreed", "refused to assess", "decision not to assess", "not to assess", "assessment refused", "rejected", "not assessed"]
    .map((w) => [w, "refused"] as const),
  ...["pending", "awaiting", "awaiting decision", "in progress", "open", "not yet decided", "submitted"]
    .map((w) => [w, "pending"] as const),
]);

const OUTCOMES: ReadonlyMap<string, EhcOutcome> = new Map([
  ...["issued", "plan issued", "final plan issued", "ehcp issued", "ehc plan issued", "yes", "y", "agreed to issue", "decision to issue", "issue"]
    .map((w) => [w, "issued"] as const),
  ...["not issued", "refused to issue", "refused", "decision not to issue", "not to issue", "no plan", "no", "n", "declined to issue", "plan not issued"]
    .map((w) => [w, "notIssued"] as const),
]);

/**
 * The authority's decision whether to assess, from the words exports use.
 * @example
 * parseEhcDecision("Agreed to assess") // => { ok: true, value: "agreed" }
 * parseEhcDecision("Declined").ok // => true
 * parseEhcDecision("A").ok // => false
 */
export function parseEhcDecision(text: string): Parsed<EhcDecision> {
  const value = DECISIONS.get(fold(text));
  return value === undefined
    ? fail(`'${text}' is not a decision sendscope reads; expected agreed, refused or pending (or words such as 'agreed to assess', 'declined', 'awaiting decision')`)
    : ok(value);
}

/**
 * The outcome of the assessment, from the words exports use.
 * @example
 * parseEhcOutcome("Final plan issued") // => { ok: true, value: "issued" }
 * parseEhcOutcome("Refused to issue") // => { ok: true, value: "notIssued" }
 */
export function parseEhcOutcome(text: string): Parsed<EhcOutcome> {
  const value = OUTCOMES.get(fold(text));
  return value === undefined
    ? fail(`'${text}' is not an outcome sendscope reads; expected plan issued or refused to issue (or 'not issued', 'decision not to issue')`)
    : ok(value);
}

/**
 * How each field of `EhcRequest` is read (see `field-reads.ts`), in the order read: the dates before the
 * decision and the outcome (the order their problems have always been reported in). A blank decision is
 * `pending`; a decision, an outcome or a date that is given must be read.
 * @example
 * EHC_REQUEST_READS.decision.from // => "column"
 */
export const EHC_REQUEST_READS: FieldReads<typeof EHC_REQUEST_FIELDS> = {
  pupilId: PUPIL_ID,
  requestDate: required("requestDate", FILE_DATES, "bad-date", "the date of the request"),
  decisionDate: ifGiven("decisionDate", FILE_DATES, "bad-date"),
  outcomeDate: ifGiven("outcomeDate", FILE_DATES, "bad-date"),
  decision: orElse(ifGiven("decision", parseEhcDecision, "unknown-decision"), "pending"),
  outcome: ifGiven("outcome", parseEhcOutcome, "unknown-outcome"),
  source: SOURCE,
};

/**
 * The dates in order (decision not before the request, outcome not before the decision) and an outcome only
 * after a decision to assess: errors, rejecting the row. An outcome date with no outcome is read as a plan
 * issued, and a decision or outcome with no date is kept: warnings (see `readEhcRequestRow`).
 */
const readEhcRequest = recordReader(EHC_REQUEST_FIELDS, EHC_REQUEST_READS, (row, request) => {
  if (row.isRejected) return false;
  const { requestDate, decision, decisionDate, outcomeDate } = request;
  if (request.outcome === null && outcomeDate !== null) {
    request.outcome = "issued";
    row.warn(row.column("outcomeDate"), "outcome-from-date", `no outcome is given beside the outcome date ${outcomeDate}: read as a final plan issued on that date`);
  }
  const outcome = request.outcome;
  if (decisionDate !== null && decisionDate < requestDate) {
    row.error(row.column("decisionDate"), "out-of-order", `the decision (${decisionDate}) is dated before the request (${requestDate})`);
    return false;
  }
  if (outcomeDate !== null && outcomeDate < (decisionDate ?? requestDate)) {
    row.error(row.column("outcomeDate"), "out-of-order", `the outcome (${outcomeDate}) is dated before the ${decisionDate === null ? "request" : "decision"} (${decisionDate ?? requestDate})`);
    return false;
  }
  if (outcome !== null && decision !== "agreed") {
    row.error(row.column("outcome") ?? row.column("outcomeDate"), "outcome-without-assessment",
      `an outcome (${outcome === "issued" ? "plan issued" : "not issued"}) needs the decision to assess to be agreed, but it is ${decision}`);
    return false;
  }
  if (decision !== "pending" && decisionDate === null) {
    row.warn(row.column("decision"), "missing-date", `the decision (${decision}) has no date: its 6-week deadline cannot be checked`);
  }
  if (outcome !== null && outcomeDate === null) {
    row.warn(row.column("outcome"), "missing-date", "the outcome has no date: its 20-week deadline cannot be checked");
  }
  return true;
});

/**
 * Read one EHC needs assessment request row into `out`. The request date is required. A blank decision is
 * `pending`. An outcome date with no outcome column value is read as a plan issued, with a warning (exports
 * that write only "Date final plan issued" mean that). Rejected: a decision or outcome date before the request,
 * an outcome date before the decision, an outcome unless the decision was to assess, a date not read.
 * @example
 * const reader = new RowReader("ehc-requests.csv", 2, ["X201300125001", "10/01/2025", "Agreed to assess", "20/02/2025"],
 *   new Map([["upn", 0], ["requestDate", 1], ["decision", 2], ["decisionDate", 3]]),
 *   ["UPN", "Request Date", "Decision", "Decision Date"]);
 * const out = new RowOutput();
 * readEhcRequestRow(reader, out);
 * out.ehcRequests[0]?.decision // => "agreed"
 * [out.ehcRequests[0]?.requestDate, out.ehcRequests[0]?.decisionDate] // => ["2025-01-10", "2025-02-20"]
 */
export function readEhcRequestRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const request = readEhcRequest(row, key);
  if (key === undefined || request === undefined) return;
  out.key = key;
  out.ehcRequests.push(request);
}
