/**
 * Termly and statutory assessment results of every pupil on roll, from the measurement model in `measure.ts`.
 */
import type { MeasureKind, Subject } from "../lib/schema/primitives.js";
import { STATUTORY_DATES, TERMS_INFO, type TermInfo } from "./calendar.js";
import {
  mtcScore, phonicsMark, readingAgeMonths, scaledScore, standardisedScore, writingTa,
} from "./measure.js";
import { onRoll, yearGroupIn, type PupilModel } from "./school.js";

/** One generated assessment result. */
export interface AssessmentResult {
  pupil: PupilModel;
  subject: Subject;
  measure: MeasureKind;
  term: TermInfo;
  date: number;
  score: number | null;
  grade: string | null;
}

/**
 * Every assessment result for the pupils, in pupil then date order.
 * @example
 * generateAssessments(seed, school.pupils).filter((a) => a.measure === "phonicsMark").length // => about 180
 */
export function generateAssessments(seed: number, pupils: readonly PupilModel[]): AssessmentResult[] {
  const out: AssessmentResult[] = [];
  for (const p of pupils) {
    for (const t of TERMS_INFO) {
      const yg = yearGroupIn(p, t.startYear);
      const day = t.assessment;
      if (yg < 1 || yg > 6 || !onRoll(p, day)) continue;
      const push = (subject: Subject, measure: MeasureKind, date: number, score: number | null,
        grade: string | null = null): void => {
        out.push({ pupil: p, subject, measure, term: t, date, score, grade });
      };
      push("reading", "standardised", day, standardisedScore(seed, p, "reading", day, t.index));
      push("maths", "standardised", day, standardisedScore(seed, p, "maths", day, t.index));
      if (yg >= 2) push("reading", "readingAge", day, readingAgeMonths(seed, p, day, t.index));
      if (t.term !== "summer") continue;
      const stat = STATUTORY_DATES[t.startYear];
      if (stat === undefined) continue;
      if (yg === 1 && onRoll(p, stat.phonics)) push("phonics", "phonicsMark", stat.phonics, phonicsMark(seed, p, stat.phonics));
      if (yg === 4 && !p.workingBelow && onRoll(p, stat.mtc)) push("mtc", "mtcScore", stat.mtc, mtcScore(seed, p, stat.mtc));
      if (yg === 6 && !p.workingBelow && onRoll(p, stat.ks2)) {
        push("reading", "scaled", stat.ks2, scaledScore(seed, p, "reading", stat.ks2));
        push("maths", "scaled", stat.ks2, scaledScore(seed, p, "maths", stat.ks2));
        push("gps", "scaled", stat.ks2, scaledScore(seed, p, "gps", stat.ks2));
      }
      push("writing", "teacherAssessment", day, null, writingTa(seed, p, day, yg, t.index));
    }
  }
  return out;
}
