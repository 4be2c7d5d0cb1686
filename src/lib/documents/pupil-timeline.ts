/**
 * One pupil's record over time, for the SENCO's pupil profile and the report for parents: SEN status and
 * needs, provision with dates, every assessment against the pupil's targets, attendance by term, suspensions,
 * and the EHC plan with its review plan. Built from that pupil's records alone (`onePupilData`), so nothing in
 * it can come from another child.
 */
import { InvalidArgumentError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";
import type { Assessment, InterventionRecord, Pupil, PupilTarget, SenRecord, Suspension } from "../schema/records.js";
import { IsoDate } from "../schema/primitives.js";
import { TERMS } from "../../data/codes.js";
import { academicYearOf } from "../cohort/dates.js";
import { yearGroupIn } from "../cohort/pupil-facts.js";
import { senStatusOn, spellsByPupil } from "../cohort/sen-status.js";
import { teacherAssessmentRank } from "../cohort/thresholds.js";
import { annualReviewPlan, type ReviewPlanRow } from "./review-plan.js";

/** A target with the latest result on or before the timeline's date, and whether it is met. */
export interface TargetCheck {
  target: PupilTarget;
  latest: Assessment | null;
  /** `met`: the latest result is at or above the target; `not yet`: below it; `no result` to judge it by. */
  status: "met" | "not yet" | "no result";
}

/** One term's attendance. */
export interface TermAttendance {
  academicYear: string;
  term: string;
  possibleSessions: number;
  attendedSessions: number;
  /** attended ÷ possible; null when no session was possible. */
  rate: number | null;
}

/** One pupil's record over time (see `pupilTimeline`). */
export interface PupilTimeline {
  asOf: string;
  pupil: Pupil;
  /** The pupil's year group in the academic year of `asOf`. */
  yearGroup: number | null;
  /** SEN status on `asOf` (`N` when not on the register). */
  statusNow: "N" | "K" | "E";
  /** Register spells, earliest first. */
  senHistory: SenRecord[];
  /** Places in interventions, earliest first. */
  provision: InterventionRecord[];
  /** Results up to `asOf`, by subject, then measure, then date. */
  assessments: Assessment[];
  targets: TargetCheck[];
  /** Attendance by term, in order. */
  attendance: TermAttendance[];
  suspensions: Suspension[];
  /** The EHC plan's annual-review plan on `asOf` (null when the pupil has no EHC plan that day). */
  review: ReviewPlanRow | null;
}

/**
 * The pupil `key` names: a UPN (any case), an MIS id (an admission number, with or without leading zeros) or
 * sendscope's own pupil id.
 * @throws {InvalidArgumentError} when no pupil, or more than one, has that identifier
 * @example
 * findPupil(data.pupils, "001435").forename // => "Olivia"
 */
export function findPupil(pupils: readonly Pupil[], key: string): Pupil {
  const k = key.trim();
  const strip = (s: string) => s.replace(/^0+(?=\d)/, "");
  const found = pupils.filter((p) =>
    p.pupilId === k || (p.upn !== null && p.upn.toUpperCase() === k.toUpperCase())
    || (p.misId !== null && (p.misId === k || (/^\d+$/.test(k) && /^\d+$/.test(p.misId) && strip(p.misId) === strip(k)))));
  if (found.length === 0) throw new InvalidArgumentError("findPupil", `no pupil has the UPN or MIS id '${k}'`);
  if (found.length > 1) throw new InvalidArgumentError("findPupil", `${found.length} pupils have the identifier '${k}': give the UPN`);
  return found[0]!;
}

/**
 * The school's data cut down to one pupil's records (every other pupil's left out).
 * @example
 * onePupilData(data, data.pupils[0].pupilId).pupils.length // => 1
 */
export function onePupilData(data: SchoolData, pupilId: string): SchoolData {
  const mine = <T extends { pupilId: string }>(xs: readonly T[]) => xs.filter((x) => x.pupilId === pupilId);
  return {
    pupils: mine(data.pupils), senRegister: mine(data.senRegister), assessments: mine(data.assessments),
    interventions: mine(data.interventions), attendance: mine(data.attendance), suspensions: mine(data.suspensions),
    targets: mine(data.targets), files: [], problems: [],
  };
}

function judge(target: PupilTarget, results: readonly Assessment[], asOf: string): TargetCheck {
  const measure = target.measure ?? (target.targetGrade !== null ? "teacherAssessment" : null);
  let latest: Assessment | null = null;
  for (const a of results) {
    if (a.subject !== target.subject || a.measure !== measure || a.date > asOf) continue;
    const has = a.measure === "teacherAssessment" ? teacherAssessmentRank(a.grade) !== null : a.score !== null;
    if (has && (latest === null || a.date >= latest.date)) latest = a;
  }
  if (latest === null) return { target, latest, status: "no result" };
  let ok: boolean | null = null;
  if (target.targetScore !== null && latest.score !== null) ok = latest.score >= target.targetScore;
  else {
    const want = teacherAssessmentRank(target.targetGrade);
    const got = teacherAssessmentRank(latest.grade);
    ok = want !== null && got !== null ? got >= want : null;
  }
  return { target, latest, status: ok === null ? "no result" : ok ? "met" : "not yet" };
}

const byDate = (a: string | null, b: string | null) => (a ?? "").localeCompare(b ?? "");

/**
 * One pupil's timeline on `asOf`, from that pupil's records only: the data is first cut down to them
 * (`onePupilData`), so `pupilTimeline(data, key, asOf)` equals `pupilTimeline(onePupilData(data, id), key, asOf)`.
 * Targets are judged as `targetsOnTrack` judges them (the latest result on or before `asOf` in the target's
 * subject and measure, at or above the target score or grade). A pure function of its inputs.
 * @param data the school's data
 * @param key the pupil's UPN or MIS id (see `findPupil`)
 * @param asOf the date of the timeline (results after it are left out)
 * @throws {InvalidArgumentError} when `asOf` is not a date or `key` names no pupil or several
 * @example
 * pupilTimeline(data, "001435", "2026-06-22").pupil.surname // => "Begum"
 */
export function pupilTimeline(data: SchoolData, key: string, asOf: string): PupilTimeline {
  if (!IsoDate.safeParse(asOf).success) throw new InvalidArgumentError("pupilTimeline", `asOf must be a date as yyyy-mm-dd, got '${asOf}'`);
  const pupil = findPupil(data.pupils, key);
  const own = onePupilData(data, pupil.pupilId);
  const senHistory = [...own.senRegister].sort((a, b) => byDate(a.startDate, b.startDate));
  const status = senStatusOn(spellsByPupil(own.senRegister).get(pupil.pupilId) ?? [], asOf).status;
  const assessments = own.assessments.filter((a) => a.date <= asOf)
    .sort((a, b) => a.subject.localeCompare(b.subject) || a.measure.localeCompare(b.measure) || a.date.localeCompare(b.date));
  const attendance = own.attendance
    .map((r) => ({ academicYear: r.academicYear, term: r.term, possibleSessions: r.possibleSessions, attendedSessions: r.attendedSessions, rate: r.possibleSessions > 0 ? r.attendedSessions / r.possibleSessions : null }))
    .sort((a, b) => a.academicYear.localeCompare(b.academicYear) || TERMS.indexOf(a.term as (typeof TERMS)[number]) - TERMS.indexOf(b.term as (typeof TERMS)[number]));
  const review = status === "E" ? annualReviewPlan(own, asOf).rows[0] ?? null : null;
  return {
    asOf, pupil, yearGroup: yearGroupIn(pupil, academicYearOf(asOf)), statusNow: status, senHistory,
    provision: [...own.interventions].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.intervention.localeCompare(b.intervention)),
    assessments,
    targets: own.targets.map((t) => judge(t, own.assessments, asOf)),
    attendance,
    suspensions: [...own.suspensions].sort((a, b) => a.startDate.localeCompare(b.startDate)),
    review,
  };
}
