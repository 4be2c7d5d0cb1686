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

// --- errors ---------------------------------------------------------------------------------------------
export { SendscopeError, InvalidArgumentError, ImportError } from "./errors.js";
