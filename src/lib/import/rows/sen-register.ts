/**
 * Rows of an SEN register → `SenRecord` spells. Census rules checked (as warnings, the spell is kept):
 * SEN support or an EHC plan must have a type of need; NSA is only used with SEN support; a pupil has at
 * most two ranked needs (primary and secondary). A register with one row per need and a rank gives one spell
 * per pupil (see `readRankedNeedRow`).
 */
import { SEN_RECORD_FIELDS, type SenRecord } from "../../schema/records.js";
import type { PupilKey, RowReader } from "../row-reader.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, optional, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedNeed, sharedSenStatus, sharedWholeNumber } from "./shared-values.js";

/**
 * How each field of `SenRecord` is read (see `field-reads.ts`), in the order read: the needs before the dates
 * (the order their problems have always been reported in).
 * @example
 * SEN_RECORD_READS.status.from // => "column"
 */
export const SEN_RECORD_READS: FieldReads<typeof SEN_RECORD_FIELDS> = {
  pupilId: PUPIL_ID,
  status: required("senStatus", sharedSenStatus, "unknown-sen-status", "the SEN status"),
  primaryNeed: optional("primaryNeed", sharedNeed, "unknown-need"),
  secondaryNeed: optional("secondaryNeed", sharedNeed, "unknown-need"),
  startDate: optional("startDate", FILE_DATES, "bad-date"),
  endDate: optional("endDate", FILE_DATES, "bad-date"),
  ehcPlanDate: optional("ehcPlanDate", FILE_DATES, "bad-date"),
  lastAnnualReview: optional("lastAnnualReview", FILE_DATES, "bad-date"),
  source: SOURCE,
};

/**
 * The census rules (warnings) and the spell's dates (an error). They are checked whenever the status was read,
 * even on a row already rejected for its pupil key.
 */
const readSpell = recordReader(SEN_RECORD_FIELDS, SEN_RECORD_READS, (row, spell) => {
  const { status, primaryNeed, startDate, endDate } = spell;
  if (status === undefined) return false;
  if ((status === "K" || status === "E") && primaryNeed === null && row.text("primaryNeed") === null) {
    row.warn(row.column("primaryNeed"), "missing-need",
      `${status === "K" ? "SEN support" : "an EHC plan"} must have a primary type of need (census rule); the need is unknown`);
  }
  if (status === "E" && primaryNeed === "NSA") {
    row.warn(row.column("primaryNeed"), "nsa-with-ehcp", "NSA (no specialist assessment) is only used with SEN support, not with an EHC plan");
  }
  if (startDate !== null && endDate !== null && endDate < startDate) {
    row.error(row.column("endDate"), "end-before-start", `the SEN spell ends (${endDate}) before it starts (${startDate})`);
    return false;
  }
  return true;
});

/**
 * Read the SEN fields of a row (SEN register or a pupil list with SEN columns) into a spell, or `undefined`
 * when the row is rejected (its status missing or invalid, its dates out of order, or its pupil key `key` not read).
 * @example
 * const reader = new RowReader("sen.csv", 2, ["X201300125001", "SEN Support", "SLCN"],
 *   new Map([["upn", 0], ["senStatus", 1], ["primaryNeed", 2]]), ["UPN", "SEN Status", "Primary Need"]);
 * readSenSpell(reader, reader.pupilKey())?.status // => "K"
 */
export function readSenSpell(row: RowReader, key: PupilKey | undefined): SenRecord | undefined {
  return readSpell(row, key);
}

/**
 * Read one SEN register row into `out`. A register with a rank column (`Ranking`, `SEN Need Ranking`) has one
 * row per need: see `readRankedNeedRow`.
 * @example
 * const reader = new RowReader("sen.csv", 2, ["X201300125001", "EHC Plan", "ASD", "01/03/2024"],
 *   new Map([["upn", 0], ["senStatus", 1], ["primaryNeed", 2], ["ehcPlanDate", 3]]), ["UPN", "SEN Status", "Primary Need", "EHC Plan Date"]);
 * const out = new RowOutput();
 * readSenRegisterRow(reader, out);
 * out.senRegister[0]?.status // => "E"
 * [out.senRegister[0]?.primaryNeed, out.senRegister[0]?.ehcPlanDate] // => ["ASD", "2024-03-01"]
 */
export function readSenRegisterRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  if (row.has("needRank")) {
    readRankedNeedRow(row, key, out);
    return;
  }
  const spell = readSenSpell(row, key);
  if (key === undefined || spell === undefined) return;
  out.key = key;
  out.senRegister.push(spell);
}

/**
 * For each file (each has one reader), the spells its ranked-need rows have made, by pupil, status and end
 * date: a pupil's later need rows add their need to the spell of the first.
 */
const rankedSpells = new WeakMap<RowReader, Map<string, SenRecord>>();

const RANK_WORDS = ["primary", "secondary"] as const;

/**
 * Read one row of a register with one row per need and a rank (Arbor's SEN report: `Sen Need`,
 * `SEN Need Ranking`; SIMS: `Ranking`): rank 1 is the primary need, rank 2 the secondary. The pupil's first
 * row makes the spell (its line is the spell's source); later rows of the same pupil, status and end date
 * add their need to it (and an earlier start date) and give no record of their own. The census keeps at most two ranked needs: a third is
 * a warning and is not kept. An empty rank is taken as the next free rank, with a warning.
 * @example
 * // One pupil's two need rows: SLCN ranked 1, then SEMH ranked 2; the second adds its need to the first's spell.
 * const reader = new RowReader("sen.csv", 2, ["X201300125001", "SEN Support", "Speech, Language and Communication Needs", "1"],
 *   new Map([["upn", 0], ["senStatus", 1], ["primaryNeed", 2], ["needRank", 3]]), ["UPN", "SEN Status", "Sen Need", "Ranking"]);
 * const out = new RowOutput();
 * readRankedNeedRow(reader, reader.pupilKey(), out);
 * const spell = out.senRegister[0];
 * spell?.primaryNeed // => "SLCN"
 * reader.moveTo(3, ["X201300125001", "SEN Support", "Social, Emotional and Mental Health", "2"]);
 * out.clear();
 * readRankedNeedRow(reader, reader.pupilKey(), out);
 * out.senRegister.length // => 0 (no record of its own)
 * spell?.secondaryNeed // => "SEMH"
 */
export function readRankedNeedRow(row: RowReader, key: PupilKey | undefined, out: RowOutput): void {
  const rank = row.optional("needRank", sharedWholeNumber, "bad-number");
  const spell = readSenSpell(row, key);
  if (key === undefined || spell === undefined) return;
  const need = spell.primaryNeed;
  let spells = rankedSpells.get(row);
  if (spells === undefined) {
    spells = new Map();
    rankedSpells.set(row, spells);
  }
  // Needs may carry their own start dates (SIMS records one per need): the spell starts with the earliest.
  const group = `${spell.pupilId}|${spell.status}|${spell.endDate ?? ""}`;
  const first = spells.get(group);
  const target = first ?? spell;
  if (first === undefined) {
    spell.primaryNeed = null;
    spell.secondaryNeed = null;
    spells.set(group, spell);
    out.senRegister.push(spell);
  } else if (spell.startDate !== null && (first.startDate === null || spell.startDate < first.startDate)) {
    first.startDate = spell.startDate;
  }
  out.key = key;
  if (need === null) return;
  let slot = rank;
  if (slot === null) {
    slot = target.primaryNeed === null ? 1 : 2;
    row.warn(row.column("needRank"), "missing-rank", `the need '${need}' has no rank; taken as the ${RANK_WORDS[slot - 1]} need`);
  }
  if (slot < 1 || slot > 2) {
    row.warn(row.column("needRank"), "third-need",
      `the need '${need}' is ranked ${slot}: the census keeps a primary and a secondary need only (ranks 1 and 2), so it is not kept`);
    return;
  }
  const field = slot === 1 ? "primaryNeed" : "secondaryNeed";
  const held = target[field];
  if (held !== null && held !== need) {
    row.warn(row.column("needRank"), "duplicate-rank",
      `the pupil already has ${held} ranked ${slot} (line ${target.source.line}); '${need}' with the same rank is not kept`);
    return;
  }
  target[field] = need;
}
