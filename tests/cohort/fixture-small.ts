// A hand-made school of six pupils used by several cohort tests. Facts (checked by hand in the tests):
// - p1: SEN support (K) since 2023-09-01, SLCN. Girl, disadvantaged + FSM, born July (summer-born).
// - p2: K (SLCN) 2023-09-01 … 2025-01-31, then EHC plan (E, ASD) from 2025-02-01: status changes mid-year.
// - p3: E since 2022-01-01, ASD, plan dated 2022-01-01, last annual review 2024-03-10. Boy.
// - p4, p5: no SEN spell (N). p5 is a boy with EAL.
// - p6: K since 2023-09-01, left on 2024-12-20 (so not on roll in January 2025).
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { pupil, school, spell } from "./builders.js";

export function smallSchool(parts: Partial<SchoolData> = {}): SchoolData {
  return school({
    pupils: [
      pupil("p1", { disadvantaged: true, fsm: true, dateOfBirth: "2015-07-02" }),
      pupil("p2"),
      pupil("p3", { gender: "M" }),
      pupil("p4"),
      pupil("p5", { gender: "M", eal: true }),
      pupil("p6", { leavingDate: "2024-12-20" }),
    ],
    senRegister: [
      spell("p1", "K"),
      spell("p2", "K", { endDate: "2025-01-31" }),
      spell("p2", "E", { startDate: "2025-02-01", primaryNeed: "ASD", ehcPlanDate: "2025-02-01" }),
      spell("p3", "E", { startDate: "2022-01-01", primaryNeed: "ASD", ehcPlanDate: "2022-01-01", lastAnnualReview: "2024-03-10" }),
      spell("p6", "K"),
    ],
    ...parts,
  });
}
