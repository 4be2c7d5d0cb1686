/**
 * Typed code lists from the DfE school census and national curriculum assessments.
 * Sources: DfE "School census 2024 to 2025: business and technical specification" (SEN provision and
 * SEN type of need code sets); STA assessment and reporting arrangements (KS1/KS2 teacher assessment codes,
 * pre-key-stage standards, engagement model).
 */

/** SEN provision codes in use since 2014/15: `N` no SEN, `K` SEN support, `E` EHC plan. */
export const SEN_STATUS_CODES = ["N", "K", "E"] as const;
/** One SEN provision code. */
export type SenStatusCode = (typeof SEN_STATUS_CODES)[number];

/**
 * Plain-English labels for SEN provision codes.
 * @example
 * SEN_STATUS_LABELS.K // => "SEN support"
 */
export const SEN_STATUS_LABELS: Record<SenStatusCode, string> = {
  N: "No SEN",
  K: "SEN support",
  E: "EHC plan",
};

/**
 * Legacy SEN provision codes and the current code each maps to (statements became EHC plans; School Action
 * and School Action Plus became SEN support in 2014/15).
 * @example
 * LEGACY_SEN_STATUS.S // => "E"
 */
export const LEGACY_SEN_STATUS: Record<"S" | "A" | "P", SenStatusCode> = { S: "E", A: "K", P: "K" };

/** SEN type of need codes (school census). */
export const NEED_CODES = [
  "SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA",
] as const;
/** One SEN type of need code. */
export type NeedCode = (typeof NEED_CODES)[number];

/**
 * Plain-English labels for SEN type of need codes.
 * @example
 * NEED_LABELS.SLCN // => "Speech, language and communication needs"
 */
export const NEED_LABELS: Record<NeedCode, string> = {
  SPLD: "Specific learning difficulty",
  MLD: "Moderate learning difficulty",
  SLD: "Severe learning difficulty",
  PMLD: "Profound and multiple learning difficulty",
  SEMH: "Social, emotional and mental health",
  SLCN: "Speech, language and communication needs",
  HI: "Hearing impairment",
  VI: "Visual impairment",
  MSI: "Multi-sensory impairment",
  PD: "Physical disability",
  ASD: "Autistic spectrum disorder",
  OTH: "Other difficulty or disability",
  NSA: "SEN support but no specialist assessment of type of need",
};

/** Academic terms, in order. */
export const TERMS = ["autumn", "spring", "summer"] as const;

/**
 * Kinds of assessment measure sendscope understands.
 * - `scaled`: KS2-style scaled score 80–120 (100 expected standard, 110 high standard).
 * - `standardised`: age-standardised score, mean 100, SD 15 (NFER, PiRA/PUMA, …).
 * - `readingAge` / `spellingAge`: an age in months.
 * - `teacherAssessment`: a code such as WTS, EXS, GDS, PK1–PK6, EM (held in `grade`).
 * - `phonicsMark`: Y1 phonics screening check mark out of 40 (threshold 32).
 * - `mtcScore`: Y4 multiplication tables check score out of 25.
 * - `rawScore`: any other numeric score.
 */
export const MEASURE_KINDS = [
  "scaled", "standardised", "readingAge", "spellingAge", "teacherAssessment", "phonicsMark", "mtcScore", "rawScore",
] as const;

/** Subjects, normalised. Exports' words ("Mathematics", "GPS", "Phonics") map onto these. */
export const SUBJECTS = ["reading", "writing", "maths", "gps", "spelling", "science", "phonics", "mtc", "other"] as const;

/** Teacher assessment codes: KS1/KS2 standards, pre-key-stage standards, engagement model, and others. */
export const TEACHER_ASSESSMENT_CODES = [
  "GDS", "EXS", "WTS", "HNM", "PK1", "PK2", "PK3", "PK4", "PK5", "PK6", "EM", "BLW", "A", "D",
] as const;
/** One teacher assessment code. */
export type TeacherAssessmentCode = (typeof TEACHER_ASSESSMENT_CODES)[number];

/**
 * Order of teacher-assessment codes from lowest to highest attainment (engagement model, pre-key-stage 1–6,
 * has not met, working towards, expected, greater depth). `A` (absent) and `D` (disapplied) have no rank.
 * @example
 * TEACHER_ASSESSMENT_RANK.EXS > TEACHER_ASSESSMENT_RANK.WTS // => true
 */
export const TEACHER_ASSESSMENT_RANK: Partial<Record<TeacherAssessmentCode, number>> = {
  EM: 0, BLW: 0, PK1: 1, PK2: 2, PK3: 3, PK4: 4, PK5: 5, PK6: 6, HNM: 7, WTS: 8, EXS: 9, GDS: 10,
};

/** Genders as recorded in the school census. */
export const GENDERS = ["M", "F", "U"] as const;
