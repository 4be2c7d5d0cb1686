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
export { importFolder, parseMappingText, MAPPING_FILE_NAME } from "./import/import-folder.js";
export type { ImportOptions } from "./import/import-folder.js";
export { importFile, fileReport } from "./import/import-file.js";
export type { FileImport, AcceptedRow } from "./import/import-file.js";
export { linkFiles } from "./import/link.js";
export type { LinkOptions } from "./import/link.js";
export { ColumnMapping, mappingForFile } from "./import/mapping.js";
export { isValidUpn, upnCheckLetter, upnProblem, UPN_CHECK_LETTERS } from "./import/upn.js";
export { decodeExport, isDecodeFailure } from "./import/decode.js";
export type { DecodedText, DecodeFailure } from "./import/decode.js";
export { parseCsv, detectDelimiter } from "./import/csv.js";
export type { ParsedCsv, CsvRow, BrokenRow } from "./import/csv.js";
export { detectExport, isDetectionFailure } from "./import/detect.js";
export type { Detection, DetectionFailure, WideColumn } from "./import/detect.js";
export {
  parseDate, parseFlag, parseYearGroup, parseGender, parseNumber, parseWholeNumber, parseAgeInMonths,
} from "./import/values.js";
export type { Parsed } from "./import/values.js";
export {
  parseSenStatus, parseNeed, parseSubject, parseMeasure, parseWideHeader, parseTerm, parseAcademicYear,
  resolvePoint, academicYearOf, termOf, isTeacherAssessmentCode,
} from "./import/codes.js";
export type { ResolvedPoint } from "./import/codes.js";
export { MEASURE_RANGES } from "./import/rows/assessment-values.js";
export { FIELDS, REQUIRED_FIELDS, KNOWN_LAYOUTS, normaliseHeader, headerFor } from "./import/layouts.js";
export type { FieldSpec, KnownLayout } from "./import/layouts.js";

// --- cli: the `sendscope` command -------------------------------------------------------------------------
export { main } from "./cli/main.js";
export { runValidate, validateJson, formatValidateReport, validateExitCode, distinctPupils } from "./cli/validate.js";
export type { ValidateOptions, ValidateJson } from "./cli/validate.js";
export type { CommandIo } from "./cli/io.js";

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

// --- disclosure and report: audience policies, suppression, the one report, `sendscope analyse` -----------
export {
  Audience, DisclosurePolicy, policyFor, DEFAULT_SUPPRESSION_THRESHOLD, DEFAULT_PUBLIC_ROUNDING,
} from "./disclosure/policy.js";
export {
  applyDisclosure, DISCLOSURE_KEY_FIELDS, DISCLOSURE_DERIVED_TEXT_FIELDS, SUPPRESSION_REASONS,
} from "./disclosure/apply-disclosure.js";
export type { Disclosed } from "./disclosure/apply-disclosure.js";
export { disclosedSchema } from "./disclosure/disclosed-schema.js";
export {
  PUPIL_IDENTIFIER_FIELDS, isPupilIdentifierField, looksLikeUpn, findPupilIdentifiers, assertNoPupilIdentifiers,
} from "./disclosure/identifiers.js";
export type { KnownPupil, IdentifierFinding } from "./disclosure/identifiers.js";
export { Cell, pupilLevelList } from "./report/cells.js";
export {
  SendscopeReport, ReportContent, ReportMeta, ImportSummary, REPORT_SCHEMA_VERSION, reportJsonSchema,
} from "./report/schema.js";
export { buildReport, defaultAsOf } from "./report/build-report.js";
export type { BuildReportOptions } from "./report/build-report.js";
export { runAnalyse, formatAnalyseSummary } from "./cli/analyse.js";
export type { AnalyseOptions } from "./cli/analyse.js";

// --- errors ---------------------------------------------------------------------------------------------
export { SendscopeError, InvalidArgumentError, ImportError } from "./errors.js";
