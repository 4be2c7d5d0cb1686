/**
 * Header layouts: which column headers each MIS (SIMS, Arbor, Bromcom, ScholarPack-style) and the generic
 * sendscope layout use for each field of each kind of export. Headers are compared after `normaliseHeader`
 * (case, spaces, underscores and punctuation folded), so `Legal_Surname`, `legal surname` and
 * `LEGAL SURNAME` are one header.
 *
 * The first header listed for a layout is the one that layout writes (the fixture generator uses it).
 */
import type { FileKind, Layout } from "../schema/report.js";

/** The MIS layouts with built-in header aliases (all layouts but `custom`). */
export type KnownLayout = Exclude<Layout, "custom">;

/** The layouts whose headers are built in, in the order detection prefers on a tie. */
export const KNOWN_LAYOUTS: readonly KnownLayout[] = ["generic", "sims", "arbor", "bromcom", "scholarpack"];

/** One field of one kind of export, and the headers each layout writes it under. */
export interface FieldSpec {
  /** Canonical field name (the key a custom mapping names). */
  readonly field: string;
  /** Headers by layout; the first for a layout is the one it writes. `generic` is the documented layout. */
  readonly headers: Readonly<Record<KnownLayout, readonly string[]>>;
  /** Further headers seen in the wild that belong to no one layout. */
  readonly other?: readonly string[];
}

/** The fields that identify a pupil in every kind of export. */
const PUPIL_KEY_FIELDS: readonly FieldSpec[] = [
  {
    field: "upn",
    headers: {
      generic: ["upn"], sims: ["UPN"], arbor: ["UPN"], bromcom: ["UPN"], scholarpack: ["UPN"],
    },
    other: ["Unique Pupil Number", "Pupil UPN", "Student UPN"],
  },
  {
    field: "misId",
    headers: {
      generic: ["mis_id"], sims: ["Adno", "Admission Number"], arbor: ["Arbor Student ID", "Student ID"],
      bromcom: ["Student Id", "Person ID"], scholarpack: ["Pupil ID", "ScholarPack ID"],
    },
    other: ["MIS ID", "Pupil Ref", "Student Ref"],
  },
];

const f = (
  field: string,
  generic: string,
  sims: readonly string[],
  arbor: readonly string[],
  bromcom: readonly string[],
  scholarpack: readonly string[],
  other: readonly string[] = [],
): FieldSpec => ({ field, headers: { generic: [generic], sims, arbor, bromcom, scholarpack }, other });

/** SEN columns that a pupil list may carry (SIMS and Arbor student lists often do). */
const SEN_FIELDS: readonly FieldSpec[] = [
  f("senStatus", "sen_status", ["SEN Status", "SEN Provision"], ["SEN Status"], ["SEN Provision", "SEN Stage"],
    ["SEN Status", "SEN Code"], ["SEN", "SEND Status", "SEN Category"]),
  f("primaryNeed", "primary_need", ["Primary Need", "SEN Need 1"], ["Primary SEN Need", "Primary Need"],
    ["Primary Need Type", "Need 1"], ["Main Need", "Primary Need"], ["SEN Need", "Need Type", "Type of Need"]),
  f("secondaryNeed", "secondary_need", ["Secondary Need", "SEN Need 2"], ["Secondary SEN Need", "Secondary Need"],
    ["Secondary Need Type", "Need 2"], ["Second Need", "Secondary Need"]),
];

/** The fields of each kind as the layouts write them (before the real exports' aliases are added; see `FIELDS`). */
const LAYOUT_FIELDS: Readonly<Record<FileKind, readonly FieldSpec[]>> = {
  pupils: [
    ...PUPIL_KEY_FIELDS,
    f("surname", "surname", ["Legal Surname", "Surname"], ["Legal Last Name", "Last Name"],
      ["Legal Surname", "Surname"], ["Surname", "Last Name"], ["Family Name"]),
    f("forename", "forename", ["Legal Forename", "Forename"], ["Legal First Name", "First Name"],
      ["Legal Forename", "Forename"], ["Forename", "First Name"], ["Given Name", "Preferred Forename"]),
    f("dateOfBirth", "date_of_birth", ["DOB", "Date of Birth"], ["Date of Birth", "DOB"], ["Date Of Birth", "DOB"],
      ["DOB", "Birth Date"], ["Birthdate"]),
    f("gender", "gender", ["Gender"], ["Gender", "Sex"], ["Gender"], ["Sex", "Gender"]),
    f("yearGroup", "year_group", ["Year", "Year Group"], ["Year Group", "Year"], ["Year", "NC Year"],
      ["NC Year", "Year Group"], ["Curriculum Year", "National Curriculum Year"]),
    f("fsm", "fsm", ["FSM Eligible", "FSM"], ["Free School Meals", "FSM"], ["FSM"], ["FSM", "Eligible for FSM"],
      ["Free School Meals Eligible"]),
    f("disadvantaged", "disadvantaged", ["Pupil Premium Indicator", "Pupil Premium"], ["Pupil Premium", "PP"],
      ["Pupil Premium", "PP Eligible"], ["PP", "Pupil Premium"], ["Disadvantaged", "Ever 6 FSM"]),
    f("eal", "eal", ["EAL", "English as Additional Language"], ["EAL", "English as an Additional Language"],
      ["EAL"], ["EAL"], ["First Language Not English"]),
    f("lookedAfter", "looked_after", ["In Care", "Looked After"], ["Looked After", "CLA"], ["CLA", "In Care"],
      ["LAC", "Looked After"], ["Child Looked After", "Looked After Child"]),
    f("admissionDate", "admission_date", ["Admission Date", "Date of Admission"], ["Start Date", "Enrolment Date"],
      ["Admission Date"], ["Admission Date", "Date Joined"], ["Entry Date"]),
    f("leavingDate", "leaving_date", ["Leaving Date", "Date of Leaving"], ["Leaving Date", "End Date"],
      ["Leaving Date"], ["Leaving Date", "Date Left"], ["Leave Date"]),
    f("school", "school", ["School"], ["School", "School Name"], ["School"], ["School"], ["URN", "DfE Number"]),
    // The registration class (issue #18, "Classes and cohorts"); real headers and their sources in ALIAS_SOURCES.
    f("registrationClass", "registration_class", ["Reg Group", "Registration Group"], ["Registration Form", "Form"],
      ["Tutor Group", "Registration Group"], ["Class", "Registration Class"], ["Form Group", "Tutor Group"]),
    ...SEN_FIELDS,
  ],
  senRegister: [
    ...PUPIL_KEY_FIELDS,
    ...SEN_FIELDS,
    f("startDate", "start_date", ["SEN Start Date", "Start Date"], ["SEN Start Date", "Start Date"],
      ["Start Date", "Provision Start"], ["Start Date", "Date Added"], ["From"]),
    f("endDate", "end_date", ["SEN End Date", "End Date"], ["SEN End Date", "End Date"], ["End Date", "Provision End"],
      ["End Date", "Date Removed"], ["To"]),
    f("ehcPlanDate", "ehc_plan_date", ["EHCP Start Date", "EHC Plan Date"], ["EHC Plan Date", "EHCP Date"],
      ["EHCP Date", "Date of Plan"], ["EHCP Date", "Plan Date"], ["EHCP Issued"]),
    f("lastAnnualReview", "last_annual_review", ["Last Annual Review", "Annual Review Date"],
      ["Last Annual Review Date", "Last Annual Review"], ["Last Review Date", "Annual Review Date"],
      ["Last Review", "Annual Review"], ["EHCP Review Date", "Last EHCP Review"]),
    // One row per need: the rank (1 primary, 2 secondary) of the need in the row's need column.
    f("needRank", "need_rank", ["Ranking", "Need Ranking"], ["Rank", "Need Rank"], ["Rank", "Need Rank"],
      ["Rank", "Ranking"], ["SEN Need Rank", "SEN Need Ranking"]),
  ],
  assessments: [
    ...PUPIL_KEY_FIELDS,
    f("subject", "subject", ["Subject", "Aspect"], ["Subject"], ["Subject"], ["Subject"], ["Area"]),
    f("measure", "measure", ["Result Type", "Measure"], ["Measure", "Assessment Type"], ["Type", "Measure"],
      ["Measure"], ["Score Type"]),
    f("point", "assessment_point", ["Result Set", "Assessment Point"], ["Assessment Point", "Collection"],
      ["Assessment Point", "Term"], ["Assessment Period", "Term"], ["Collection Point"]),
    f("academicYear", "academic_year", ["Academic Year"], ["Academic Year"], ["Academic Year"], ["Academic Year"],
      ["School Year"]),
    f("date", "date", ["Date", "Assessment Date"], ["Assessment Date", "Date"], ["Date"], ["Date"], ["Test Date"]),
    f("value", "value", ["Result", "Value"], ["Score", "Value"], ["Result", "Value"], ["Score", "Grade"],
      ["Mark", "Outcome"]),
  ],
  interventions: [
    ...PUPIL_KEY_FIELDS,
    f("intervention", "intervention", ["Intervention", "Provision"], ["Intervention Name", "Intervention"],
      ["Provision", "Intervention"], ["Intervention", "Provision Name"], ["Provision Type"]),
    f("group", "group", ["Group", "Group Name"], ["Intervention Group", "Group"], ["Group", "Provision Group"],
      ["Group"], ["Group ID"]),
    f("startDate", "start_date", ["Start Date"], ["Start Date"], ["Start Date", "Start"], ["Start Date", "Start"]),
    f("endDate", "end_date", ["End Date"], ["End Date"], ["End Date", "End"], ["End Date", "End"]),
    f("sessionsPlanned", "sessions_planned", ["Sessions Planned"], ["Planned Sessions"], ["Sessions Planned"],
      ["Planned Sessions"], ["Number of Sessions"]),
    f("sessionsAttended", "sessions_attended", ["Sessions Attended"], ["Attended Sessions"], ["Sessions Attended"],
      ["Sessions Attended"], ["Attendance"]),
    f("minutesPerSession", "minutes_per_session", ["Session Length (mins)", "Minutes per Session"],
      ["Session Duration (Minutes)"], ["Duration (mins)"], ["Minutes per Session"], ["Session Length"]),
    f("staff", "staff", ["Staff", "Delivered By"], ["Staff Member", "Staff"], ["Staff"], ["Delivered By"],
      ["Adult", "Lead Adult"]),
    f("cost", "cost", ["Cost", "Cost per Pupil"], ["Cost per Student", "Cost"], ["Cost (£)", "Cost"],
      ["Cost"], ["Cost (GBP)"]),
    f("measure", "measure", ["Measure", "Entry/Exit Measure"], ["Assessment Measure", "Measure"], ["Measure"],
      ["Measure"], ["Measure Type"]),
    f("entryScore", "entry_score", ["Entry Score", "Entry Data"], ["Baseline Score", "Entry Score"],
      ["Entry Score"], ["Entry Data"], ["Baseline"]),
    f("entryDate", "entry_date", ["Entry Date"], ["Baseline Date", "Entry Date"], ["Entry Date"], ["Entry Date"],
      ["Baseline Assessment Date"]),
    f("exitScore", "exit_score", ["Exit Score", "Exit Data"], ["Outcome Score", "Exit Score"], ["Exit Score"],
      ["Exit Data"], ["Outcome"]),
    f("exitDate", "exit_date", ["Exit Date"], ["Outcome Date", "Exit Date"], ["Exit Date"], ["Exit Date"]),
    f("exitTarget", "exit_target", ["Exit Target", "Exit Criterion"], ["Target Score", "Exit Target"],
      ["Exit Target"], ["Target"], ["Success Criterion"]),
  ],
  attendance: [
    ...PUPIL_KEY_FIELDS,
    f("academicYear", "academic_year", ["Academic Year"], ["Academic Year"], ["Academic Year"], ["Academic Year"]),
    f("term", "term", ["Term"], ["Term"], ["Term"], ["Term"], ["Period"]),
    f("possibleSessions", "possible_sessions", ["Possible Marks", "Possible Sessions"], ["Possible Sessions"],
      ["Possible Sessions", "Possible"], ["Possible Sessions"], ["Possible Attendances"]),
    f("attendedSessions", "attended_sessions", ["Present + AEA", "Attended Sessions"], ["Attended Sessions"],
      ["Attended Sessions", "Present"], ["Sessions Attended"], ["Attendances"]),
  ],
  suspensions: [
    ...PUPIL_KEY_FIELDS,
    f("startDate", "start_date", ["Start Date", "Exclusion Start Date"], ["Suspension Start Date", "Start Date"],
      ["Start Date"], ["Start Date"], ["Date of Exclusion"]),
    f("days", "days", ["Length (Days)", "Days"], ["Days", "Number of Days"], ["Days"], ["Days"], ["Duration (Days)"]),
    f("suspensionType", "type", ["Exclusion Type", "Category"], ["Suspension Type", "Type"], ["Type"],
      ["Exclusion Type"], ["Exclusion Category"]),
    f("reason", "reason", ["Reason"], ["Reason"], ["Reason"], ["Reason"], ["Exclusion Reason"]),
  ],
  targets: [
    ...PUPIL_KEY_FIELDS,
    f("subject", "subject", ["Subject"], ["Subject"], ["Subject"], ["Subject"]),
    f("measure", "measure", ["Measure"], ["Measure"], ["Measure"], ["Measure"]),
    f("target", "target", ["Target"], ["Target Outcome", "Target"], ["Target"], ["Target"],
      ["Target Score", "Target Grade"]),
    f("targetDate", "target_date", ["Target Date"], ["Target Date"], ["Target Date"], ["Target Date"], ["By"]),
  ],
  // EHC needs assessment requests. No MIS's own export of these was found in public; the MIS layouts use the
  // captions of LA request forms and SEN2 (see ALIAS_SOURCES and fixtures/exports/ehc-requests/NOTE.md).
  ehcRequests: [
    ...PUPIL_KEY_FIELDS,
    f("requestDate", "request_date", ["Date of Request", "EHC Request Date"], ["Date of Request", "Request Date"],
      ["Date of Request", "Request Date"], ["Date of Request", "Request Date"], ["EHCNA Request Date", "Date Request Submitted"]),
    f("decision", "decision", ["Decision to Assess", "LA Decision"], ["Decision to Assess", "LA Decision"],
      ["Decision to Assess", "LA Decision"], ["Decision to Assess", "LA Decision"], ["Decision Whether to Assess", "Agreed to Assess"]),
    f("decisionDate", "decision_date", ["Decision Date", "Date of Decision"], ["Decision Date", "Date of Decision"],
      ["Decision Date", "Date of Decision"], ["Decision Date", "Date of Decision"], ["Date of Decision to Assess"]),
    f("outcome", "outcome", ["Assessment Outcome", "EHC Outcome"], ["Assessment Outcome", "EHC Outcome"],
      ["Assessment Outcome", "EHC Outcome"], ["Assessment Outcome", "EHC Outcome"], ["Decision to Issue", "Outcome of Assessment"]),
    f("outcomeDate", "outcome_date", ["Date Final Plan Issued", "Outcome Date"], ["Date Final Plan Issued", "Outcome Date"],
      ["Date Final Plan Issued", "Outcome Date"], ["Date Final Plan Issued", "Outcome Date"], ["Final Plan Date", "Date of Outcome"]),
  ],
};

/** Headers of one field, by kind (`key` for the pupil key fields, which every kind has). */
type AliasTable = Partial<Record<FileKind | "key", Readonly<Record<string, readonly string[]>>>>;

/** Headers that real exports write, grouped by the system that writes them, with where each group was found. */
export interface AliasSource {
  /** The system and export. */
  readonly system: string;
  /** Where the headers were read: a public repository and file, or a documentation page. */
  readonly source: string;
  readonly aliases: AliasTable;
}

/**
 * Headers of real exports, by the system that writes them. Each group names its public source; they are added
 * to the fields' `other` headers (see `FIELDS`). Headers are compared after `normaliseHeader`, which splits
 * camelCase and PascalCase into words, so `StudentId`, `studentId` and `student_id` are one header.
 * @example
 * ALIAS_SOURCES.find((s) => s.system.startsWith("DfE school census"))?.aliases.pupils?.senStatus // => ["SENprovision", "SenProvision"]
 */
export const ALIAS_SOURCES: readonly AliasSource[] = [
  {
    system: "DfE school census download (GIAP / NPD field names)",
    source: "github.com/DFE-Digital/get-information-about-pupils: DfE.GIAP.Core Downloads, CensusSpringEntryDto.cs (JsonProperty names); the NPD spellings FSMEligible, NCYearActual, SenProvision, PrimarySENType as public research code reads census extracts",
    aliases: {
      key: { upn: ["UPN"] },
      pupils: {
        surname: ["Surname"], forename: ["Forename"], dateOfBirth: ["DOB"], gender: ["Gender", "Sex"],
        fsm: ["FSMeligible", "FSMEligible"], disadvantaged: ["EVERFSM_6", "EVERFSM_6_P"], admissionDate: ["EntryDate"],
        yearGroup: ["NCyearActual", "NCYearActual"], senStatus: ["SENprovision", "SenProvision"],
        primaryNeed: ["PrimarySENtype", "PrimarySENType"], secondaryNeed: ["SecondarySENtype", "SecondarySENType"],
        school: ["LAEstab"],
      },
      senRegister: {
        senStatus: ["SENprovision", "SenProvision"], primaryNeed: ["PrimarySENtype", "PrimarySENType"],
        secondaryNeed: ["SecondarySENtype", "SecondarySENType"],
      },
    },
  },
  {
    system: "Bromcom API (StudentFlatView, assessment results), PascalCase",
    source: "github.com/jamesgurung/bromcom-essentials-dotnet: src/ApiContracts.cs and src/BromcomClient.People.cs (ProvisionName is the SEN status code)",
    aliases: {
      key: { upn: ["Upn"], misId: ["StudentId", "AdmissionNumber"] },
      // EverFsm6Flag is not mapped: it is not current FSM, and PremiumPupilFlag is the disadvantaged flag.
      pupils: {
        surname: ["LastName"], forename: ["FirstName"], gender: ["GenderCode"], dateOfBirth: ["DateOfBirth"],
        yearGroup: ["YearGroup"], eal: ["EalFlag"], lookedAfter: ["InCareFlag"], disadvantaged: ["PremiumPupilFlag"],
        senStatus: ["ProvisionName"],
      },
      senRegister: { senStatus: ["ProvisionName"] },
      assessments: { subject: ["SubjectName"], value: ["Result"], date: ["EnteredDate"], point: ["TermName"] },
    },
  },
  {
    system: "Arbor SEN report (one row per ranked need)",
    source: "a public SEND tool's test of Arbor's SEN report (send-status-import.test.ts: UPN, Name, \"Year group(s) this academic year\", \"Date of Birth\", \"SEN status\", \"Sen Need\", \"SEN Need Ranking\", \"Start Date\"); statuses from support.arbor-education.com/hc/en-us/articles/4404893720733 (Monitoring and No Special Educational Need are census N)",
    aliases: {
      pupils: { yearGroup: ["Year group(s) this academic year"], senStatus: ["SEN status"], primaryNeed: ["Sen Need"] },
      senRegister: { primaryNeed: ["Sen Need"], needRank: ["SEN Need Ranking"], startDate: ["Start Date"] },
    },
  },
  {
    system: "SIMS report designer captions",
    source: "the project's notes on real exports (/work/shared/domain.md: Adno, Legal Surname, Person_id); Adno and Legal Surname were already in the SIMS layout",
    aliases: { key: { misId: ["Person_id"] } },
  },
  {
    system: "Target Tracker \"SIMS.net\" pupil template",
    source: "targettracker.org/support/articles/TT131_Data_Extraction_from_your_School_Management_System_if_not_listed_by_name.php",
    aliases: {
      key: { upn: ["UPN"] },
      pupils: {
        surname: ["Surname"], forename: ["Forename"], dateOfBirth: ["DOB"], gender: ["Gender"], admissionDate: ["DOA"],
        fsm: ["Eligible for free meals"], senStatus: ["SEN Status code"], yearGroup: ["Year"], lookedAfter: ["In LEA Care"],
      },
    },
  },
  {
    system: "NFER Tests Analysis Tool (pupil data and results)",
    source: "nfertests.freshdesk.com/support/solutions/articles/80001087009-pupil-data-codes (UPN, Forename, Surname, DOB, Gender, SEN N/E/K, FSM Y/N, Class); results' 'Date of test' as issue #12's survey of NFER results lists it. (GL's and Hodder's score names are measure words in codes.ts.)",
    aliases: {
      pupils: { senStatus: ["SEN"], fsm: ["FSM"] },
      assessments: { date: ["Date of test"] },
    },
  },
  {
    system: "Registration class (issue #18): the class, form or tutor group as real pupil lists write it",
    source: "Bromcom API StudentFlatView TutorGroupName (github.com/jamesgurung/bromcom-essentials-dotnet, src/ApiContracts.cs; fixtures/exports/bromcom-api-names); a SIMS report of students with \"Reg Group\" (an open-source NEA tracker's SIMS import template: \"Surname Forename\", \"Reg Group\", \"Sex\", \"FSM\", \"SEN Status\", \"Class\"); Target Tracker's SIMS.net pupil template column \"Reg\" (targettracker.org TT131, fixtures/exports/target-tracker-sims-template); Arbor's \"Registration form(s) this academic year\" (Arbor's SEN report, fixtures/exports/sen-register-ranked-needs) and Arbor's term \"registration form\" (support.arbor-education.com/hc/en-us/articles/360003420753)",
    aliases: {
      pupils: {
        registrationClass: ["TutorGroupName", "Reg", "Registration form(s) this academic year", "Registration Forms"],
      },
    },
  },
  {
    system: "Renaissance Star (historical extract and Star Record Book export)",
    source: "help2.renaissance.com/setup/22160 (Birthdate, Completed Test Date, Activity Completed Date; times are UTC) and help2.renaissance.com/reports/25076 (Completed Date)",
    aliases: {
      pupils: { dateOfBirth: ["Birthdate"] },
      assessments: { date: ["Completed Test Date", "Activity Completed Date", "Completed Date"] },
    },
  },
  {
    system: "DfE SEN2 person-level return (modules 2 requests and 3 EHC needs assessments), as its XML items and COLLECT's Blade CSV export write them",
    source: "github.com/MastodonC/witan.sen2: src/witan/sen2/return/person_level/blade/csv.clj (receiveddate \"Date request was received\", requestoutcomedate, requestoutcome, assessmentoutcome \"Assessment outcome - decision to issue EHC plan\", assessmentoutcomedate), after the DfE's 'Special educational needs person level survey: guide' and technical specification",
    aliases: {
      ehcRequests: {
        requestDate: ["ReceivedDate", "receiveddate", "Date request was received"],
        decision: ["RequestOutcome", "requestoutcome", "Request outcome"],
        decisionDate: ["RequestOutcomeDate", "requestoutcomedate", "Request outcome date"],
        outcome: ["AssessmentOutcome", "assessmentoutcome", "Assessment outcome - decision to issue EHC plan"],
        outcomeDate: ["AssessmentOutcomeDate", "assessmentoutcomedate", "Assessment outcome date"],
      },
    },
  },
];

function withAliases(kind: FileKind, specs: readonly FieldSpec[]): FieldSpec[] {
  return specs.map((spec) => {
    const extra: string[] = [];
    for (const { aliases } of ALIAS_SOURCES) {
      const isKey = spec.field === "upn" || spec.field === "misId";
      for (const header of (isKey ? aliases.key : aliases[kind])?.[spec.field] ?? []) extra.push(header);
    }
    const known = new Set(knownHeadersOf(spec).map(normaliseHeader));
    const other = [...(spec.other ?? [])];
    for (const header of extra) {
      const key = normaliseHeader(header);
      if (!known.has(key)) {
        known.add(key);
        other.push(header);
      }
    }
    return { ...spec, other };
  });
}

/**
 * Every kind's fields: the layouts' headers, and in `other` the headers of real exports (`ALIAS_SOURCES`).
 * Detection needs the kind's `REQUIRED_FIELDS`; the rest are optional.
 * @example
 * FIELDS.pupils.find((s) => s.field === "surname")?.headers.arbor // => ["Legal Last Name", "Last Name"]
 */
export const FIELDS: Readonly<Record<FileKind, readonly FieldSpec[]>> = {
  pupils: withAliases("pupils", LAYOUT_FIELDS.pupils),
  senRegister: withAliases("senRegister", LAYOUT_FIELDS.senRegister),
  assessments: withAliases("assessments", LAYOUT_FIELDS.assessments),
  interventions: withAliases("interventions", LAYOUT_FIELDS.interventions),
  attendance: withAliases("attendance", LAYOUT_FIELDS.attendance),
  suspensions: withAliases("suspensions", LAYOUT_FIELDS.suspensions),
  targets: withAliases("targets", LAYOUT_FIELDS.targets),
  ehcRequests: withAliases("ehcRequests", LAYOUT_FIELDS.ehcRequests),
};

/**
 * The fields a file must have (after mapping) to be recognised as each kind. Every kind also needs a pupil
 * key: `upn` or `misId`. An alternative is written `a|b` (either will do).
 * @example
 * REQUIRED_FIELDS.attendance // => ["possibleSessions", "attendedSessions", "academicYear", "term"]
 */
export const REQUIRED_FIELDS: Readonly<Record<FileKind, readonly string[]>> = {
  pupils: ["surname", "forename"],
  senRegister: ["senStatus"],
  assessments: ["point|date"],
  interventions: ["intervention", "startDate"],
  attendance: ["possibleSessions", "attendedSessions", "academicYear", "term"],
  suspensions: ["startDate", "days|suspensionType"],
  targets: ["subject", "target"],
  ehcRequests: ["requestDate"],
};

/**
 * Fold a header for comparison: trim, drop a BOM, split camelCase and PascalCase into words (`StudentId`,
 * `SENStatus`, `DateOfBirth`), lower-case, and turn runs of spaces, underscores, hyphens, dots, slashes and
 * brackets into one space.
 * @example
 * normaliseHeader("  Legal_Surname ") // => "legal surname"
 * normaliseHeader("Session Length (mins)") // => "session length mins"
 * normaliseHeader("SENStatus") // => "sen status"
 * normaliseHeader("DateOfBirth") // => "date of birth"
 */
export function normaliseHeader(header: string): string {
  const text = header.replace(/^\uFEFF/, "");
  // Only a header with no spaces is one run of camelCase words: `DfE Number` and `ScholarPack ID` stay as written.
  const words = /\s/.test(text.trim()) ? text : text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return words
    .toLowerCase()
    .replace(/[\s_\-./()[\]:+£]+/g, " ")
    .trim();
}

/**
 * The header a layout writes for a field of a kind (the first one listed), for generators and docs.
 * @throws {Error} when the kind has no such field.
 * @example
 * headerFor("pupils", "surname", "arbor") // => "Legal Last Name"
 */
export function headerFor(kind: FileKind, field: string, layout: KnownLayout): string {
  const spec = FIELDS[kind].find((s) => s.field === field);
  const header = spec?.headers[layout][0];
  if (header === undefined) throw new Error(`headerFor: kind '${kind}' has no field '${field}'`);
  return header;
}

/**
 * Every header a field is known by: its layouts' headers (in `KNOWN_LAYOUTS` order), then those of real exports
 * (`other`).
 * @example
 * knownHeadersOf(FIELDS.pupils.find((s) => s.field === "dateOfBirth")!).includes("Birthdate") // => true
 */
export function knownHeadersOf(spec: FieldSpec): string[] {
  return [...KNOWN_LAYOUTS.flatMap((layout) => spec.headers[layout]), ...(spec.other ?? [])];
}

let headerFields: Map<string, Set<string>> | null = null;

/**
 * Every header any kind and layout knows, normalised (`normaliseHeader`), with the fields (of any kind) it is a
 * header of: header recognition (`headerTest`) and the shapes (`formats/shape.ts`) ask it. Built on first use.
 * @example
 * [...(knownHeaderFields().get("dob") ?? [])] // => ["dateOfBirth"]
 */
export function knownHeaderFields(): ReadonlyMap<string, ReadonlySet<string>> {
  if (headerFields !== null) return headerFields;
  const known = new Map<string, Set<string>>();
  for (const specs of Object.values(FIELDS)) {
    for (const spec of specs) {
      for (const header of knownHeadersOf(spec)) {
        const key = normaliseHeader(header);
        known.set(key, (known.get(key) ?? new Set<string>()).add(spec.field));
      }
    }
  }
  headerFields = known;
  return known;
}
