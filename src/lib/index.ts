/**
 * sendscope: SEND analytics for English schools. The one barrel of named exports, grouped by concept.
 * @example
 * import { importFolder, isValidUpn } from "sendscope";
 */

// --- schema: the typed records and the import report -------------------------------------------------
export {
  IsoDate, AcademicYear, SenStatus, Need, Term, MeasureKind, Subject, Gender,
} from "./schema/primitives.js";
export {
  Source, Pupil, SenRecord, Assessment, InterventionRecord, AttendanceRecord, Suspension, PupilTarget,
} from "./schema/records.js";
export { FILE_KINDS, FileKind, LAYOUTS, Layout, Problem, FileReport } from "./schema/report.js";
export { SchoolData } from "./schema/school-data.js";

// --- reference data: code lists and national figures ---------------------------------------------------
export {
  SEN_STATUS_CODES, SEN_STATUS_LABELS, LEGACY_SEN_STATUS, NEED_CODES, NEED_LABELS, TERMS, MEASURE_KINDS,
  SUBJECTS, TEACHER_ASSESSMENT_CODES, TEACHER_ASSESSMENT_RANK, GENDERS,
} from "../data/codes.js";
export type { SenStatusCode, NeedCode, TeacherAssessmentCode } from "../data/codes.js";

// --- import: MIS and assessment exports -> SchoolData ----------------------------------------------------
export { FIELDS, REQUIRED_FIELDS, KNOWN_LAYOUTS, normaliseHeader, headerFor } from "./import/layouts.js";
export type { FieldSpec, KnownLayout } from "./import/layouts.js";

// --- stats: quantiles, intervals for proportions and means, effect sizes ----------------------------------
export { normalQuantile } from "./stats/normal.js";
export { studentTCdf, studentTQuantile } from "./stats/student-t.js";
export { wilsonInterval } from "./stats/wilson.js";
export type { ProportionInterval } from "./stats/wilson.js";
export { newcombeInterval } from "./stats/newcombe.js";
export type { DifferenceInterval } from "./stats/newcombe.js";
export { hedgesG } from "./stats/hedges-g.js";
export type { EffectSizeInterval } from "./stats/hedges-g.js";
export { eefMonths } from "./stats/eef-months.js";
export { meanDifferenceInterval, meanInterval } from "./stats/mean-difference.js";
export type { MeanDifferenceInterval, MeanInterval } from "./stats/mean-difference.js";

// --- interventions: impact measures -----------------------------------------------------------------------
export { ratioGain, ratioGainBand, monthsBetween } from "./interventions/ratio-gain.js";
export type { RatioGainBand } from "./interventions/ratio-gain.js";

// --- errors ---------------------------------------------------------------------------------------------
export { SendscopeError, InvalidArgumentError, ImportError } from "./errors.js";
