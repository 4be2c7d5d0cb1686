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
export { importFolder, importSchools, loadMappingFile, parseMappingText, mergeSchoolData, MAPPING_FILE_NAME } from "./import/import-folder.js";
export type { ImportOptions, ImportProgress, ImportedSchool } from "./import/import-folder.js";
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
export { parseDateInOrder } from "./import/values.js";
export type { DateOrder } from "./import/values.js";
export {
  parseSenStatus, parseNeed, parseSubject, parseMeasure, parseWideHeader, parseTerm, parseAcademicYear,
  resolvePoint, academicYearOf, termOf, isTeacherAssessmentCode,
} from "./import/codes.js";
export type { ResolvedPoint } from "./import/codes.js";
export { MEASURE_RANGES } from "./import/rows/assessment-values.js";
export { FIELDS, REQUIRED_FIELDS, KNOWN_LAYOUTS, normaliseHeader, headerFor } from "./import/layouts.js";
export type { FieldSpec, KnownLayout } from "./import/layouts.js";
export { ALIAS_SOURCES } from "./import/layouts.js";
export type { AliasSource } from "./import/layouts.js";
// Formats other than CSV, and shapes whose meaning is not all in their columns (issue #12 part C).
export { READABLE_EXTENSIONS, isReadableExport, openFormatted } from "./import/formats/index.js";
export { readWorkbook } from "./import/formats/xlsx.js";
export type { SheetText, WorkbookFailure } from "./import/formats/xlsx.js";
export { readCtf, CTF_RESULTS } from "./import/formats/ctf.js";
export type { CtfTable, CtfFailure } from "./import/formats/ctf.js";
export { sniffDelimiter, delimiterFor } from "./import/formats/delimited.js";
export { shapeTable } from "./import/formats/shape.js";
export type { ShapedTable, MappingNeed } from "./import/formats/shape.js";
export { termShares, splitSessions, splitByWeights } from "./import/formats/attendance-period.js";
export type { TermShare, TermSessions } from "./import/formats/attendance-period.js";
export { marksColumns, marksAreCodes, sumMarks } from "./import/formats/attendance-marks.js";
export { testContext, pointLabel } from "./import/formats/test-context.js";
export type { TestContext } from "./import/formats/test-context.js";
export { ATTENDANCE_CODES, ATTENDANCE_CODE_CLASSES, attendanceCode } from "../data/attendance-codes.js";
export type { AttendanceCode, AttendanceCodeClass } from "../data/attendance-codes.js";
export type { FileMapping } from "./import/mapping.js";

// --- cli: the `sendscope` command -------------------------------------------------------------------------
export { main } from "./cli/main.js";
export { runValidate, validateJson, formatValidateReport, validateExitCode, distinctPupils } from "./cli/validate.js";
export type { ValidateOptions, ValidateJson } from "./cli/validate.js";
export type { CommandIo } from "./cli/io.js";
export { runMap, draftEntry, guessField } from "./cli/map.js";
export type { MapOptions, DraftEntry, FieldGuess } from "./cli/map.js";
export { importProgressBar, wantsProgressBar, PROGRESS_BAR_BYTES } from "./cli/progress.js";
export type { ImportProgressBar } from "./cli/progress.js";

// --- stats: quantiles, intervals for proportions and means, effect sizes ----------------------------------
export { sampleMoments } from "./stats/moments.js";
export type { SampleMoments } from "./stats/moments.js";
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
export { ratioGain, ratioGainBand } from "./interventions/ratio-gain.js";
export type { RatioGainBand } from "./interventions/ratio-gain.js";
export { analyseInterventions } from "./interventions/analyse.js";
export type { AnalyseInterventionsOptions } from "./interventions/analyse.js";
export {
  InterventionsReport, InterventionSummary, InterventionRun, Impact, RawProgress, ComparisonProgress,
  RegressionToMean, NetImpact, EffectSize, Verdict, Delivery, Cost, ExitTarget, Ranking, RankingEntry,
  NonResponderRow, NotMeasuredRow,
} from "./interventions/schema.js";
export { placementOutcome, isAgeMeasure } from "./interventions/outcomes.js";
export type { PlacementOutcome, ExclusionReason } from "./interventions/outcomes.js";
export { findComparison, inferSubject } from "./interventions/comparison.js";
export type { ComparisonPupil, RunComparison, ComparisonOptions } from "./interventions/comparison.js";
export { expectedRegressionToMean, DEFAULT_RELIABILITY } from "./interventions/regression-to-mean.js";
export { summariseImpact, verdictOf } from "./interventions/impact.js";
export type { ImpactOptions } from "./interventions/impact.js";
export { groupRuns, describeDelivery, describeCost, describeExitTarget } from "./interventions/runs.js";
export type { RunRecords } from "./interventions/runs.js";
export { rankCostEffectiveness } from "./interventions/ranking.js";
export type { RankingInput, RankingOptions } from "./interventions/ranking.js";
export { narrate, describePeriod } from "./interventions/narrative.js";

// --- disclosure and report: audience policies, suppression, the one report, `sendscope analyse` -----------
export {
  Audience, DisclosurePolicy, policyFor, DEFAULT_SUPPRESSION_THRESHOLD, DEFAULT_PUBLIC_ROUNDING,
} from "./disclosure/policy.js";
export {
  applyDisclosure, DISCLOSURE_KEY_FIELDS, DISCLOSURE_DERIVED_TEXT_FIELDS, SUPPRESSION_REASONS,
} from "./disclosure/apply-disclosure.js";
export type { ApplyDisclosureOptions, Disclosed } from "./disclosure/apply-disclosure.js";
export { disclosedSchema } from "./disclosure/disclosed-schema.js";
export { MIN_PUBLISHED_THRESHOLD, NUMERATOR_THRESHOLD, ALL_OR_NONE_BELOW, MEAN_INTERVAL_BELOW } from "./disclosure/policy.js";
export { PRIVACY_REASON } from "./disclosure/apply-disclosure.js";
export { auditRanges } from "./disclosure/lp-audit.js";
export type { AuditSystem, AuditVariable, AuditEquation, AuditTarget, AuditFailure } from "./disclosure/lp-audit.js";
export { protectionLevel } from "./disclosure/audit-model.js";
export { publishReport, publishableName, PUBLISHED_ATTAINMENT_MEASURES } from "./disclosure/publication.js";
export {
  PUPIL_IDENTIFIER_FIELDS, isPupilIdentifierField, looksLikeUpn, findPupilIdentifiers, assertNoPupilIdentifiers,
} from "./disclosure/identifiers.js";
export type { KnownPupil, IdentifierFinding } from "./disclosure/identifiers.js";
export { Cell, pupilLevelList } from "./schema/cells.js";
export {
  SendscopeReport, ReportContent, ReportMeta, ImportSummary, REPORT_SCHEMA_VERSION, reportJsonSchema,
} from "./report/schema.js";
export { MeasureThreshold } from "./report/schema.js";
export { buildReport, defaultAsOf, dataSpan } from "./report/build-report.js";
export type { BuildReportOptions } from "./report/build-report.js";
export {
  ReportNationalComparison, GapTrendEntry, TREND_MEASURES, reportNationalComparisons, reportRwmGaps, reportGapTrends,
  finishDisclosedTrends,
} from "./report/comparisons.js";
export { SchoolSection, UNKNOWN_SCHOOL, splitBySchool, schoolSection, schoolSections } from "./report/per-school.js";
export type { SchoolSectionParams } from "./report/per-school.js";
export { analyseFolder } from "./report/analyse-folder.js";
export type { AnalyseFolderOptions } from "./report/analyse-folder.js";
export type { CrossSchoolCell } from "./report/per-school.js";
export { addSameAs, addDependsOn, groupIds } from "./disclosure/links.js";
export type { SameAs } from "./disclosure/links.js";
export { runAnalyse, formatAnalyseSummary } from "./cli/analyse.js";
export type { AnalyseOptions } from "./cli/analyse.js";
export { jsonChunks } from "./cli/json-chunks.js";

// --- cohort: groups, SEN identification, attainment, progress, attendance, targets, EHC reviews -------------
export {
  academicYearStartYear, academicYearFromStartYear, shiftAcademicYear, academicYearBounds, addDays, addMonths, monthOf,
} from "./cohort/dates.js";
export { censusStatusDate, monthsBetween, academicYearStartOf, dayNumber } from "./cohort/dates.js";
export { spellInForce, senStatusOn, spellsByPupil } from "./cohort/sen-status.js";
export type { SenStatusOnDate } from "./cohort/sen-status.js";
export { yearGroupIn, isSummerBorn, isOnRollOn, isOnRollDuring } from "./cohort/pupil-facts.js";
export {
  GROUP_DIMENSIONS, GroupDimension, PupilProfile, profileOn, pupilProfiles, profileLookup, groupKey, fixedGroups,
  splitByGroup,
} from "./cohort/groups.js";
export { GROUP_CELL_KEY_FIELDS, ProportionFigures, proportionFigures, ShareFigures, shareFigures, MeanFigures, meanFigures } from "./cohort/figures.js";
export { MEASURE_THRESHOLDS, teacherAssessmentRank, resultValue } from "./cohort/thresholds.js";
export type { MeasureThresholds } from "./cohort/thresholds.js";
export { DEFAULT_STANDARDISED_THRESHOLD, standardisedThresholds, measureThresholds } from "./cohort/thresholds.js";
export { profiledResults } from "./cohort/results.js";
export type { ProfiledResult, ResultFilter } from "./cohort/results.js";
export {
  ShareCell, IdentificationChange, IdentificationNational, Identification, identification,
} from "./cohort/identification.js";
export { schoolPhase } from "./cohort/identification.js";
export { AttainmentCell, RESULT_POINT_FIELDS, attainmentFigures, groupResults, attainment } from "./cohort/attainment.js";
export type { AttainmentOptions } from "./cohort/attainment.js";
export { RwmCell, ks2RwmResults, ks2Rwm } from "./cohort/ks2-rwm.js";
export type { RwmResult } from "./cohort/ks2-rwm.js";
export { PROGRESS_THRESHOLDS, ProgressCell, StalledPupil, Progress, progress } from "./cohort/progress.js";
export {
  BELOW_CURRICULUM_MAX_RANK, BelowCurriculumCell, BelowCurriculumPupil, BelowCurriculumProgress,
  belowCurriculumProgress,
} from "./cohort/below-curriculum.js";
export {
  PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD, AttendanceCell, AttendanceByGroup, pupilAttendance,
  attendanceByGroup,
} from "./cohort/attendance.js";
export type { PupilAttendance } from "./cohort/attendance.js";
export { SuspensionCell, suspensionsByGroup } from "./cohort/suspensions.js";
export { TargetCell, OffTrackPupil, TargetsOnTrack, targetsOnTrack } from "./cohort/targets.js";
export { REVIEW_STATUSES, ReviewCell, ReviewRow, EhcReviews, ehcReviews } from "./cohort/ehc-reviews.js";

// --- gaps: SEND against no SEN in school, against national, and over time -----------------------------------
export { GAP_BANDS, GapBand, LARGE_PROPORTION_GAP, LARGE_MEAN_GAP, gapBand } from "./stats/band.js";
export { ProportionGap, proportionGap, MeanGap, meanGap } from "./gaps/in-school-gap.js";
export { NationalGap, nationalGap } from "./stats/national-gap.js";
export {
  SEND_GROUPS, AttainmentGap, inSendGroup, gapsOf, attainmentGaps, RwmGap, ks2RwmGaps,
} from "./gaps/attainment-gaps.js";
export type { SendGroup } from "./gaps/attainment-gaps.js";
export { NationalComparison, nationalComparisons } from "./gaps/national-comparisons.js";
export { GapTrendPoint, TREND_DIRECTIONS, GapTrend, gapTrend, attainmentGapTrend } from "./gaps/trend.js";

// --- national reference figures (replaceable by a user's JSON file) ----------------------------------------
export {
  NATIONAL_MEASURES, NationalMeasure, NATIONAL_GROUPS, NationalGroup, NationalFigure, NationalFigures,
  DEFAULT_NATIONAL_FIGURES, nationalFigure, loadNationalFigures,
} from "../data/national.js";
export { NationalPhase, NATIONAL_PHASE_LABELS } from "../data/national.js";

// --- charts: vega-lite spec builders (accessible theme, suppressed cells as notes) -------------------------
export {
  OKABE_ITO, NEUTRAL_GREY, CATEGORY_COLOURS, SEN_GROUP_COLOURS, SEN_GROUP_LABELS, GAP_BAND_COLOURS, SUPPRESSED_NOTE,
  DEFAULT_CHART_WIDTH, CHART_CONFIG,
} from "./charts/theme.js";
export { chartTitle, chartWidth, finiteOrNull, labelLimit, specHeader, NO_RESULTS_LAYER, VEGA_LITE_SCHEMA } from "./charts/common.js";
export type { ChartOptions } from "./charts/common.js";
export { wrapText, titleChars } from "./charts/text.js";
export { intervalChart, gapChart, progressChart, interventionImpactChart, VERDICT_COLOURS, VERDICT_LABELS } from "./charts/interval.js";
export type { IntervalRow, IntervalChartOptions, GapChartRow, ProgressChartRow, ImpactChartRow } from "./charts/interval.js";
export { groupRateChart, attainmentChart, identificationChart, attendanceChart } from "./charts/rate-bars.js";
export type { RateRow, RateChartOptions } from "./charts/rate-bars.js";
export { trendChart } from "./charts/trend.js";
export type { TrendRow, TrendChartOptions } from "./charts/trend.js";
export { distributionChart } from "./charts/distribution.js";
export type { DistributionRow, DistributionChartOptions } from "./charts/distribution.js";

// --- errors ---------------------------------------------------------------------------------------------
export { SendscopeError, InvalidArgumentError, ImportError } from "./errors.js";
