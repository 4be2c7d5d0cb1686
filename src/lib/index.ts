/**
 * sendscope: SEND analytics for English schools. The one barrel of named exports, grouped by concept: what a
 * user of the library needs (the records and their schemas, importing, each analysis, disclosure for an
 * audience, the report, the charts, the statistics). The pieces those are made of (parsers of one value, the
 * CLI's commands, the links between report cells, the audit's solver, chart helpers) are not exported here;
 * tests and the CLI import them from their modules.
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
export { FILE_KINDS, FileKind, LAYOUTS, Layout, Problem, FileReport, UnreadFile } from "./schema/report.js";
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
export { importFile } from "./import/import-file.js";
export type { FileImport, AcceptedRow } from "./import/import-file.js";
export { linkFiles } from "./import/link.js";
export type { LinkOptions } from "./import/link.js";
export { ColumnMapping } from "./import/mapping.js";
export { isValidUpn, upnCheckLetter, UPN_CHECK_LETTERS } from "./import/upn.js";
export { academicYearOf, termOf } from "./import/codes.js";
export { MEASURE_RANGES } from "./import/rows/assessment-values.js";
export { FIELDS, REQUIRED_FIELDS, KNOWN_LAYOUTS } from "./import/layouts.js";
export type { FieldSpec, KnownLayout } from "./import/layouts.js";
export { ALIAS_SOURCES } from "./import/layouts.js";
export type { AliasSource } from "./import/layouts.js";
// The file types read besides CSV (issue #12 part C); their readers are import's own.
export { READABLE_EXTENSIONS } from "./import/readable.js";
export { ATTENDANCE_CODES, ATTENDANCE_CODE_CLASSES, attendanceCode } from "../data/attendance-codes.js";
export type { AttendanceCode, AttendanceCodeClass } from "../data/attendance-codes.js";
export type { FileMapping } from "./import/mapping.js";

// --- tables: the imported records as arquero tables, for a data lead's own analyses (README) ---------------
export { toTables, RECORD_TABLES, IDENTIFIER_COLUMNS } from "./tables/to-tables.js";
export type { SchoolTables, RecordTable, ToTablesOptions } from "./tables/to-tables.js";

// --- validation: `sendscope validate --json` as a value (the commands themselves are src/lib/cli/'s) -------
export { validateJson } from "./cli/validate.js";
export type { ValidateJson } from "./cli/validate.js";

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
export { placementOutcome } from "./interventions/outcomes.js";
export type { PlacementOutcome, ExclusionReason } from "./interventions/outcomes.js";
export { findComparison } from "./interventions/comparison.js";
export type { ComparisonPupil, RunComparison, ComparisonOptions } from "./interventions/comparison.js";
export { expectedRegressionToMean, DEFAULT_RELIABILITY } from "./interventions/regression-to-mean.js";
export { summariseImpact, verdictOf } from "./interventions/impact.js";
export type { ImpactOptions } from "./interventions/impact.js";
export { rankCostEffectiveness } from "./interventions/ranking.js";
export type { RankingInput, RankingOptions } from "./interventions/ranking.js";
export { narrate } from "./interventions/narrative.js";

// --- provision: the cost of the provision map and the £6,000 threshold (issue #15) ----------------------------
export { analyseProvision } from "./provision/analyse.js";
export {
  costsConfig, parseCostsConfig, loadCostsConfig, CostsConfigInput, CostRole, InterventionCosting, TopUpBand,
} from "./provision/config.js";
export type { CostsConfig } from "./provision/config.js";
export { costPlacements } from "./provision/placement-cost.js";
export type { PlacementCost } from "./provision/placement-cost.js";
export type { YearKind } from "./provision/years.js";
export { placementWeeks } from "./provision/weeks.js";
export { pupilProvisionCosts } from "./provision/pupil-costs.js";
export type { PupilProvisionCosts } from "./provision/pupil-costs.js";
export {
  ProvisionReport, ProvisionCell, StaffHoursCell, ProvisionPupil, ProvisionPupilPlacement, ProvisionBasis,
  ProvisionRate, ProvisionYearTotal, UncostedPlacement,
} from "./provision/schema.js";
export {
  DEFAULT_SEN_THRESHOLD, DEFAULT_WORKING_WEEKS, DEFAULT_THRESHOLD_MARGIN, DEFAULT_ROLES, AREA_OF_NEED,
  AREA_OF_NEED_LABELS, AREAS_OF_NEED,
} from "../data/costs.js";
export type { AreaOfNeed, DefaultRole } from "../data/costs.js";

// --- disclosure and report: audience policies, suppression, the one report, `sendscope analyse` -----------
export {
  Audience, DisclosurePolicy, policyFor, DEFAULT_SUPPRESSION_THRESHOLD, DEFAULT_PUBLIC_ROUNDING,
} from "./disclosure/policy.js";
export { applyDisclosure, DISCLOSURE_KEY_FIELDS, DISCLOSURE_DERIVED_TEXT_FIELDS } from "./disclosure/apply-disclosure.js";
export type { ApplyDisclosureOptions, Disclosed } from "./disclosure/apply-disclosure.js";
export { disclosedSchema } from "./disclosure/disclosed-schema.js";
export { MIN_PUBLISHED_THRESHOLD, NUMERATOR_THRESHOLD, ALL_OR_NONE_BELOW, MEAN_INTERVAL_BELOW } from "./disclosure/policy.js";
export { PRIVACY_REASON } from "./disclosure/apply-disclosure.js";
export {
  PUPIL_IDENTIFIER_FIELDS, isPupilIdentifierField, looksLikeUpn, findPupilIdentifiers, assertNoPupilIdentifiers,
} from "./disclosure/identifiers.js";
export type { KnownPupil, IdentifierFinding } from "./disclosure/identifiers.js";
export { Cell, pupilLevelList } from "./schema/cells.js";
export {
  SendscopeReport, ReportContent, ReportMeta, ImportSummary, REPORT_SCHEMA_VERSION, reportJsonSchema,
} from "./report/schema.js";
export { MeasureThreshold } from "./report/schema.js";
export { buildReport, dataSpan } from "./report/build-report.js";
export type { BuildReportOptions } from "./report/build-report.js";
export { ReportNationalComparison, GapTrendEntry, TREND_MEASURES } from "./report/comparisons.js";
export { SchoolSection } from "./report/per-school.js";
export { analyseFolder } from "./report/analyse-folder.js";
export type { AnalyseFolderOptions } from "./report/analyse-folder.js";
export type { CrossSchoolCell } from "./report/per-school.js";

// --- cohort: groups, SEN identification, attainment, progress, attendance, targets, EHC reviews -------------
export { AnalysisContext, prepareAnalysis, derived, analysisDate } from "./cohort/context.js";
export type { AnalysisInput, PrepareAnalysisOptions, Derived, DerivedArgument } from "./cohort/context.js";
export { defaultAsOf } from "./cohort/default-as-of.js";
export {
  academicYearStartYear, academicYearFromStartYear, shiftAcademicYear, academicYearBounds, addDays, addMonths, monthOf,
} from "./cohort/dates.js";
export { censusStatusDate, monthsBetween, academicYearStartOf } from "./cohort/dates.js";
export { spellInForce, senStatusOn } from "./cohort/sen-status.js";
export type { SenStatusOnDate } from "./cohort/sen-status.js";
export { yearGroupIn, isSummerBorn, isOnRollOn, isOnRollDuring } from "./cohort/pupil-facts.js";
export { GROUP_DIMENSIONS, GroupDimension, PupilProfile, profileOn, pupilProfiles } from "./cohort/groups.js";
export { ProportionFigures, proportionFigures, ShareFigures, shareFigures, MeanFigures, meanFigures, ProgressFigures } from "./cohort/figures.js";
export { MEASURE_THRESHOLDS } from "./cohort/thresholds.js";
export type { MeasureThresholds } from "./cohort/thresholds.js";
export { DEFAULT_STANDARDISED_THRESHOLD, standardisedThresholds, measureThresholds } from "./cohort/thresholds.js";
export { profiledResults } from "./cohort/results.js";
export type { ProfiledResult, ResultFilter } from "./cohort/results.js";
export {
  ShareCell, IdentificationChange, IdentificationNational, Identification, identification,
} from "./cohort/identification.js";
export { schoolPhase } from "./cohort/identification.js";
export { AttainmentCell, attainment } from "./cohort/attainment.js";
export type { AttainmentOptions } from "./cohort/attainment.js";
export { RwmCell, ks2RwmResults, ks2Rwm } from "./cohort/ks2-rwm.js";
export type { RwmResult } from "./cohort/ks2-rwm.js";
export { PROGRESS_THRESHOLDS, ProgressCell, StalledPupil, Progress, progress } from "./cohort/progress.js";
export { progressPairs } from "./cohort/progress.js";
export type { ProgressPair } from "./cohort/progress.js";
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
// EHC needs assessment requests (issue #18): the record, its reader's value parsers, the statutory clock.
export { EhcDecision, EhcOutcome, EHC_REQUEST_FIELDS, EhcRequest } from "./schema/records.js";
export { parseEhcDecision, parseEhcOutcome } from "./import/rows/ehc-requests.js";
export {
  EHC_REQUEST_DEADLINE_DAYS, EhcRequestClock, EhcRequestCell, EhcRequests, ehcRequests, requestClock,
} from "./cohort/ehc-requests.js";

// --- gaps: SEND against no SEN in school, against national, and over time (bands and the national gap are
// stats/, beneath the analyses) ------------------------------------------------------------------------------
export { GAP_BANDS, GapBand, LARGE_PROPORTION_GAP, LARGE_MEAN_GAP, gapBand } from "./stats/band.js";
export { ProportionGap, proportionGap, MeanGap, meanGap } from "./gaps/in-school-gap.js";
export { NationalGap, nationalGap } from "./stats/national-gap.js";
export { SEND_GROUPS, AttainmentGap, attainmentGaps, RwmGap, ks2RwmGaps } from "./gaps/attainment-gaps.js";
export type { SendGroup } from "./gaps/attainment-gaps.js";
export { NationalComparison, nationalComparisons } from "./gaps/national-comparisons.js";
export { GapTrendPoint, TREND_DIRECTIONS, GapTrend, gapTrend, attainmentGapTrend } from "./gaps/trend.js";
// Classes and cohorts (issue #18): SEN pupils' progress by class and against earlier cohorts (SENCO only).
export {
  ProgressComparison, ClassProgressCell, CohortProgressCell, ClassesAndCohorts, classProgress,
  cohortProgress, classesAndCohorts,
} from "./gaps/classes.js";
export type { ClassOptions } from "./gaps/classes.js";

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
export { VEGA_LITE_SCHEMA } from "./charts/common.js";
export type { ChartOptions } from "./charts/common.js";
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

// --- the SENCO's documents (issue #18): SEN information report, review planning, pupil profiles --------------
export { figuresOf, documentMarkdown, documentHtml } from "./documents/document.js";
export type { Figure, Inline, Block, DocSection, DocumentModel } from "./documents/document.js";
export { HIDDEN_TEXT, NO_DATA_TEXT } from "./documents/figures.js";
export { BROAD_AREAS_OF_NEED, senInformationReport } from "./documents/sen-report.js";
export type { SenReportOptions } from "./documents/sen-report.js";
export {
  NOTICE_DAYS, DECISION_DAYS, TRANSFER_LEAD_DAYS, phaseTransferFor, annualReviewPlan,
} from "./documents/review-plan.js";
export { SCHOOL_HOLIDAYS, bankHolidaysIn, isSchoolDay } from "./documents/school-days.js";
export type { ReviewPlanOptions, PhaseTransfer, ReviewPlanRow, ReviewPlan } from "./documents/review-plan.js";
export { reviewCalendar } from "./documents/review-calendar.js";
export type { ReviewCalendarOptions } from "./documents/review-calendar.js";
export { findPupil, pupilTimeline } from "./documents/pupil-timeline.js";
export type { TargetCheck, TermAttendance, PupilTimeline } from "./documents/pupil-timeline.js";
export { pupilProfileDocument, parentsReportDocument } from "./documents/pupil-documents.js";
export type { PupilDocumentOptions } from "./documents/pupil-documents.js";
export { MEASURE_LABELS, measureLabel, pounds } from "./documents/pupil-documents.js";
export { evidencePackDocument } from "./documents/pupil-evidence-pack.js";
