/**
 * The DfE attendance codes a register mark is written in, and how each counts for the attendance statistics.
 *
 * Source: DfE, "Working together to improve school attendance" (statutory guidance, August 2024), section
 * "Recording attendance and absence: the national attendance and absence codes", and its statistical notes:
 * present and attending an approved educational activity count as attended sessions; leave of absence and
 * other authorised reasons are authorised absence; G, N, O and U are unauthorised absence; codes for pupils
 * not required to attend, unable to attend because of exceptional circumstances (Y1–Y7, Q), dual registration
 * at another school (D), pupils not yet on roll (Z) and planned whole-school closure (#) are not counted in
 * possible sessions. Codes withdrawn in 2024 or earlier (J, Y, H, F) are kept so older registers still read.
 */

/** How a register mark counts. `aea`: an approved educational activity off site, counted as attended. */
export const ATTENDANCE_CODE_CLASSES = ["present", "aea", "authorised", "unauthorised", "notPossible"] as const;
/** One of `ATTENDANCE_CODE_CLASSES`. */
export type AttendanceCodeClass = (typeof ATTENDANCE_CODE_CLASSES)[number];

/** One national attendance code: how it counts and what it means. */
export interface AttendanceCode {
  readonly code: string;
  readonly counts: AttendanceCodeClass;
  readonly meaning: string;
  /** Withdrawn from the national list (still read, for older registers). */
  readonly withdrawn?: boolean;
}

const c = (code: string, counts: AttendanceCodeClass, meaning: string, withdrawn = false): AttendanceCode =>
  withdrawn ? { code, counts, meaning, withdrawn } : { code, counts, meaning };

/**
 * The national attendance and absence codes (2024 list, plus withdrawn codes still seen in older registers).
 * @example
 * ATTENDANCE_CODES.find((code) => code.code === "L")?.counts // => "present"
 */
export const ATTENDANCE_CODES: readonly AttendanceCode[] = [
  c("/", "present", "present (morning)"),
  c("\\", "present", "present (afternoon)"),
  c("L", "present", "late, arrived before the register closed"),
  c("K", "aea", "attending education provision arranged by the local authority"),
  c("V", "aea", "attending an educational visit or trip"),
  c("P", "aea", "participating in a supervised sporting activity"),
  c("W", "aea", "attending work experience"),
  c("B", "aea", "attending any other approved educational activity"),
  c("C1", "authorised", "leave of absence: regulated performance or employment abroad"),
  c("C2", "authorised", "leave of absence: part-time timetable"),
  c("M", "authorised", "leave of absence: medical or dental appointment"),
  c("J1", "authorised", "leave of absence: interview"),
  c("S", "authorised", "leave of absence: study leave"),
  c("C", "authorised", "leave of absence: exceptional circumstances"),
  c("T", "authorised", "parent travelling for occupational purposes"),
  c("R", "authorised", "religious observance"),
  c("I", "authorised", "illness (not medical or dental appointment)"),
  c("E", "authorised", "suspended or permanently excluded, no alternative provision"),
  c("G", "unauthorised", "holiday not granted by the school"),
  c("N", "unauthorised", "reason for absence not yet provided"),
  c("O", "unauthorised", "absent in other or unknown circumstances"),
  c("U", "unauthorised", "arrived after the register closed"),
  c("X", "notPossible", "not required to be in school (non-compulsory school age)"),
  c("Y1", "notPossible", "unable to attend: transport normally provided not available"),
  c("Y2", "notPossible", "unable to attend: widespread disruption to travel"),
  c("Y3", "notPossible", "unable to attend: part of the school premises closed"),
  c("Y4", "notPossible", "unable to attend: whole school site unexpectedly closed"),
  c("Y5", "notPossible", "unable to attend: criminal justice detention"),
  c("Y6", "notPossible", "unable to attend: public health guidance or law"),
  c("Y7", "notPossible", "unable to attend: any other unavoidable cause"),
  c("Q", "notPossible", "unable to attend: lack of access arrangements"),
  c("D", "notPossible", "dual registered: attending another school"),
  c("Z", "notPossible", "prospective pupil not on the admission register"),
  c("#", "notPossible", "planned whole-school closure"),
  c("J", "aea", "interview (before 2024: approved educational activity)", true),
  c("Y", "notPossible", "enforced closure (before 2024)", true),
  c("H", "authorised", "authorised holiday (before 2013)", true),
  c("F", "authorised", "agreed extended family holiday (before 2013)", true),
];

const BY_CODE = new Map(ATTENDANCE_CODES.map((code) => [code.code, code]));

/**
 * The national attendance code a mark is written in (any case; surrounding spaces ignored), or undefined.
 * @example
 * attendanceCode("y1")?.counts // => "notPossible"
 * attendanceCode("?") // => undefined
 */
export function attendanceCode(mark: string): AttendanceCode | undefined {
  const trimmed = mark.trim();
  return BY_CODE.get(trimmed) ?? BY_CODE.get(trimmed.toUpperCase());
}

/**
 * Count one session's mark into a sum of possible and attended sessions, as the DfE counts them: a session
 * that is not possible (X, Y, Z, #) is in neither; present and approved educational activity count as
 * attended; any absence counts as possible only.
 * @returns whether the session was possible
 * @example
 * const sum = { possible: 0, attended: 0 };
 * for (const mark of ["/", "B", "O", "#"]) countMark(sum, attendanceCode(mark)!);
 * sum // => { possible: 3, attended: 2 }
 */
export function countMark(sum: { possible: number; attended: number }, code: AttendanceCode): boolean {
  if (code.counts === "notPossible") return false;
  sum.possible += 1;
  if (code.counts === "present" || code.counts === "aea") sum.attended += 1;
  return true;
}
