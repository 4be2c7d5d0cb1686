/**
 * Targets for pupils on the SEN register at the export date: one each in reading and maths. Pupils who sit
 * standardised tests get a standardised-score target for summer 2026 (autumn 2025 score + 3); Reception pupils
 * and pupils working below the curriculum get a teacher-assessment target grade.
 */
import type { Subject } from "../lib/schema/primitives.js";
import { AS_AT, TERMS_INFO } from "./calendar.js";
import { standardisedScore } from "./measure.js";
import { onRoll, senStatusOn, yearGroupIn, type PupilModel } from "./school.js";

/** One target. */
export interface TargetResult {
  pupil: PupilModel;
  subject: Extract<Subject, "reading" | "maths">;
  measure: "standardised" | "teacherAssessment";
  target: string;
  date: number;
}

/**
 * Targets for SEN pupils on roll at the export date.
 * @example
 * generateTargets(seed, school.pupils).length // => 2 × the SEN pupils on roll
 */
export function generateTargets(seed: number, pupils: readonly PupilModel[]): TargetResult[] {
  const autumn = TERMS_INFO[6];
  const summer = TERMS_INFO[8];
  if (autumn === undefined || summer === undefined) return [];
  const out: TargetResult[] = [];
  for (const p of pupils) {
    if (p.leaving !== null || senStatusOn(p, AS_AT) === "N") continue;
    const yg = yearGroupIn(p, summer.startYear);
    for (const subject of ["reading", "maths"] as const) {
      if (yg >= 1 && !p.workingBelow && onRoll(p, autumn.assessment)) {
        const score = standardisedScore(seed, p, subject, autumn.assessment, autumn.index);
        out.push({ pupil: p, subject, measure: "standardised", target: String(Math.min(141, score + 3)), date: summer.assessment });
      } else {
        const target = p.workingBelow ? `PK${Math.min(6, Math.max(1, yg))}` : yg < 1 ? "EXS" : "WTS";
        out.push({ pupil: p, subject, measure: "teacherAssessment", target, date: summer.assessment });
      }
    }
  }
  return out;
}
