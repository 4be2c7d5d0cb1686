/**
 * Assessment results joined to the pupil's profile on the day of the result: the rows every attainment,
 * gap and progress figure is computed from.
 */
import type { MeasureKind, Subject, Term } from "../schema/primitives.js";
import type { SchoolData } from "../schema/school-data.js";
import { type PupilProfile, profileLookup } from "./groups.js";
import { resultValue } from "./thresholds.js";

/** One pupil's result at one assessment point, with the pupil's profile on the result's date. */
export interface ProfiledResult {
  /** The pupil. */
  pupilId: string;
  /** Subject. */
  subject: Subject;
  /** Measure kind. */
  measure: MeasureKind;
  /** Assessment point label, e.g. "2024/25 summer". */
  point: string;
  /** Academic year of the point. */
  academicYear: string;
  /** Term of the point. */
  term: Term;
  /** Date of the result. */
  date: string;
  /** The score, or the teacher-assessment rank (see `resultValue`). */
  value: number;
  /** The raw teacher-assessment code, if any. */
  grade: string | null;
  /** The pupil's profile on `date` (year group in `academicYear`). */
  profile: PupilProfile;
}

/** Which results to take. Each filter left out takes all. */
export interface ResultFilter {
  /** Only these academic years. */
  academicYears?: readonly string[];
  /** Only these subjects. */
  subjects?: readonly Subject[];
  /** Only these measures. */
  measures?: readonly MeasureKind[];
  /** Only these assessment point labels. */
  points?: readonly string[];
  /** Only these terms. */
  terms?: readonly Term[];
}

/**
 * The results that have a value (a score, or a ranked teacher-assessment code), one per pupil, subject,
 * measure and point (the latest-dated; on a tie the later row), each with the pupil's profile on the
 * result's date. Results of pupils not in `data.pupils` are left out (import links every record to a pupil).
 * @example
 * profiledResults(data, { subjects: ["reading"], terms: ["summer"] })[0]?.profile.senStatus // => "K"
 */
export function profiledResults(
  data: Pick<SchoolData, "pupils" | "senRegister" | "assessments">,
  filter: ResultFilter = {},
): ProfiledResult[] {
  const at = profileLookup(data);
  const keep = new Map<string, ProfiledResult>();
  for (const a of data.assessments) {
    if (filter.academicYears && !filter.academicYears.includes(a.academicYear)) continue;
    if (filter.subjects && !filter.subjects.includes(a.subject)) continue;
    if (filter.measures && !filter.measures.includes(a.measure)) continue;
    if (filter.points && !filter.points.includes(a.point)) continue;
    if (filter.terms && !filter.terms.includes(a.term)) continue;
    const value = resultValue(a);
    if (value === null) continue;
    const profile = at(a.pupilId, a.date, a.academicYear);
    if (profile === null) continue;
    const key = `${a.pupilId}\u0000${a.subject}\u0000${a.measure}\u0000${a.point}`;
    const prior = keep.get(key);
    if (prior && prior.date > a.date) continue;
    keep.set(key, {
      pupilId: a.pupilId, subject: a.subject, measure: a.measure, point: a.point, academicYear: a.academicYear,
      term: a.term, date: a.date, value, grade: a.grade, profile,
    });
  }
  return [...keep.values()];
}
