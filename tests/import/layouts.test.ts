import { describe, expect, it } from "vitest";
import { importFile } from "../../src/lib/import/import-file.js";
import type { Problem } from "../../src/lib/schema/report.js";
import { linkFiles } from "../../src/lib/import/link.js";
import { csvBytes, testUpn } from "./helpers.js";
import { ALIAS_SOURCES, FIELDS, normaliseHeader } from "../../src/lib/import/layouts.js";
import { detectExport, isDetectionFailure } from "../../src/lib/import/detect.js";

const A = testUpn(1);
const B = testUpn(2);

// Each MIS writes its own headers and value styles; all must give the same pupil.
const PUPIL_LISTS: Record<string, string[]> = {
  sims: ["UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,FSM Eligible,Pupil Premium Indicator,EAL,In Care",
    `${A},1001,Brontë,Zoë,01/05/2016,F,Year 3,Yes,Yes,No,No`],
  arbor: ["Arbor Student ID,UPN,Legal First Name,Legal Last Name,Date of Birth,Sex,Year Group,Free School Meals,Pupil Premium,EAL,Looked After",
    `1001,${A},Zoë,Brontë,2016-05-01,Female,Year 3,True,True,False,False`],
  bromcom: ["Student Id,UPN,Legal Surname,Legal Forename,Date Of Birth,Gender,NC Year,FSM,PP Eligible,EAL,CLA",
    `1001,${A},Brontë,Zoë,01-05-2016,F,3,Y,Y,N,N`],
  scholarpack: ["Pupil ID,UPN,Surname,Forename,DOB,Sex,NC Year,FSM,PP,EAL,LAC",
    `1001,${A},Brontë,Zoë,1/5/2016,F,Y3,1,1,0,0`],
  generic: ["upn,mis_id,surname,forename,date_of_birth,gender,year_group,fsm,disadvantaged,eal,looked_after",
    `${A},1001,Brontë,Zoë,2016-05-01,F,3,yes,yes,no,no`],
};

describe("pupil lists in each MIS layout", () => {
  for (const [layout, lines] of Object.entries(PUPIL_LISTS)) {
    it(`reads the ${layout} layout`, () => {
      const result = importFile(`${layout}.csv`, csvBytes(lines));
      expect(result.kind).toBe("pupils");
      expect(result.layout).toBe(layout);
      expect(result.problems).toEqual([]);
      const pupil = result.accepted[0]?.records.pupils?.[0]?.record;
      expect(pupil).toMatchObject({
        upn: A, misId: "1001", surname: "Brontë", forename: "Zoë", dateOfBirth: "2016-05-01", gender: "F",
        yearGroup: 3, fsm: true, disadvantaged: true, eal: false, lookedAfter: false,
      });
    });
  }
});

describe("each encoding", () => {
  for (const encoding of ["utf-8", "utf-8-bom", "utf-16le", "windows-1252"] as const) {
    for (const eol of ["\r\n", "\n"]) {
      it(`decodes ${encoding} with ${eol === "\n" ? "LF" : "CRLF"}`, () => {
        const result = importFile("p.csv", csvBytes(PUPIL_LISTS.sims!, encoding, eol));
        expect(result.encoding).toBe(encoding);
        expect(result.accepted[0]?.records.pupils?.[0]?.record).toMatchObject({ surname: "Brontë", forename: "Zoë" });
        expect(result.accepted[0]?.line).toBe(2);
      });
    }
  }
  it("reads semicolon-delimited exports", () => {
    const result = importFile("p.csv", csvBytes(PUPIL_LISTS.generic!.map((l) => l.replaceAll(",", ";"))));
    expect(result.accepted).toHaveLength(1);
  });
});

describe("other kinds", () => {
  // This pupil list has no FSM column (and the tests below no SEN register but the first): the roster's
  // "missing-column" warnings are left out here and checked in exports-detect.test.ts.
  const rowProblems = (problems: Problem[]) => problems.filter((p) => p.code !== "missing-column");
  const pupils = importFile("pupils.csv", csvBytes([
    "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year",
    `${A},1,Lee,Ada,01/05/2016,F,Year 3`,
    `${B},2,Khan,Omar,12/11/2015,M,Year 4`,
  ]));

  it("reads an SEN register with words, codes and legacy codes", () => {
    const sen = importFile("sen.csv", csvBytes([
      "UPN,SEN Status,Primary Need,Secondary Need,SEN Start Date,SEN End Date,EHCP Start Date,Last Annual Review",
      `${A},SEN Support,Speech language and communication needs,,01/09/2023,31/08/2024,,`,
      `${A},E - Education Health and Care Plan,ASD,SLCN,01/09/2024,,01/09/2024,15/09/2025`,
      `${B},S,SEMH,,01/09/2013,,01/09/2013,01/10/2025`,
    ]));
    const data = linkFiles([pupils, sen]);
    expect(data.senRegister.map((s) => [s.status, s.primaryNeed, s.secondaryNeed])).toEqual([
      ["K", "SLCN", null], ["E", "ASD", "SLCN"], ["E", "SEMH", null],
    ]);
    expect(rowProblems(data.problems).map((p) => [p.line, p.code, p.severity])).toEqual([[4, "legacy-sen-status", "warning"]]);
    expect(data.senRegister[1]?.lastAnnualReview).toBe("2025-09-15");
  });

  it("reads long and wide assessment layouts", () => {
    const long = importFile("arbor.csv", csvBytes([
      "UPN,Subject,Measure,Assessment Point,Academic Year,Assessment Date,Score",
      `${A},Reading,Reading Age,Autumn 2024,2024/25,2024-12-02,8y 2m`,
      `${A},Writing,Teacher Assessment,Summer 2025,2024/25,2025-06-20,exs`,
      `${A},Maths,Scaled Score,Summer 2025,2024/25,2025-05-14,104`,
      `${A},Phonics,Phonics Mark,Summer 2025,2024/25,2025-06-10,33`,
    ]));
    const wide = importFile("nfer.csv", csvBytes([
      "upn,assessment_point,date,reading_standardised,maths_standardised",
      `${A},2024/25 autumn,2024-12-06,95,101`,
      `${B},2024/25 autumn,2024-12-06,,88`,
    ]));
    expect(wide.kind).toBe("assessments");
    const data = linkFiles([pupils, long, wide]);
    expect(rowProblems(data.problems)).toEqual([]);
    expect(data.assessments.map((a) => [a.subject, a.measure, a.point, a.score, a.grade])).toEqual([
      ["reading", "readingAge", "2024/25 autumn", 98, null],
      ["writing", "teacherAssessment", "2024/25 summer", null, "EXS"],
      ["maths", "scaled", "2024/25 summer", 104, null],
      ["phonics", "phonicsMark", "2024/25 summer", 33, null],
      ["reading", "standardised", "2024/25 autumn", 95, null],
      ["maths", "standardised", "2024/25 autumn", 101, null],
      ["maths", "standardised", "2024/25 autumn", 88, null],
    ]);
    expect(data.files.map((f) => [f.rows, f.imported, f.rejected])).toEqual([[2, 2, 0], [4, 4, 0], [2, 2, 0]]);
  });

  it("reads interventions, attendance, suspensions and targets; links by MIS id when there is no UPN", () => {
    const interventions = importFile("provision.csv", csvBytes([
      "Arbor Student ID,Intervention Name,Intervention Group,Start Date,End Date,Planned Sessions,Attended Sessions,Cost per Student,Assessment Measure,Baseline Score,Outcome Score",
      "1,Precision teaching,PT-A,2024-09-16,2024-12-13,30,27,£180.00,Reading Age,84,91",
    ]));
    const attendance = importFile("att.csv", csvBytes([
      "UPN,Academic Year,Term,Possible Marks,Present + AEA",
      `${A},2024/25,Autumn,126,120`,
    ]));
    const suspensions = importFile("susp.csv", csvBytes([
      "UPN,Suspension Start Date,Days,Suspension Type,Reason",
      `${B},2025-01-20,1.5,Suspension,Verbal abuse`,
      `${B},2025-03-03,,Permanent Exclusion,Persistent disruptive behaviour`,
    ]));
    const targets = importFile("targets.csv", csvBytes([
      "upn,subject,measure,target,target_date",
      `${A},reading,standardised score,95,2025-07-18`,
      `${A},writing,teacher assessment,EXS,2025-07-18`,
    ]));
    const data = linkFiles([pupils, interventions, attendance, suspensions, targets]);
    expect(rowProblems(data.problems)).toEqual([]);
    expect(data.interventions[0]).toMatchObject({ pupilId: A, intervention: "Precision teaching", group: "PT-A", sessionsPlanned: 30, sessionsAttended: 27, cost: 180, measure: "readingAge", entryScore: 84, exitScore: 91 });
    expect(data.attendance[0]).toMatchObject({ academicYear: "2024/25", term: "autumn", possibleSessions: 126, attendedSessions: 120 });
    expect(data.suspensions.map((s) => [s.days, s.permanent])).toEqual([[1.5, false], [null, true]]);
    expect(data.targets.map((t) => [t.targetScore, t.targetGrade])).toEqual([[95, null], [null, "EXS"]]);
  });

  it("sets each pupil's year-group academic year: leavers by leaving date, others the latest year in the data", () => {
    const list = importFile("pupils.csv", csvBytes([
      "UPN,Legal Surname,Legal Forename,Year,Leaving Date",
      `${A},Lee,Ada,Year 6,18/07/2024`,
      `${B},Khan,Omar,Year 4,`,
    ]));
    const att = importFile("att.csv", csvBytes(["UPN,Academic Year,Term,Possible Marks,Present + AEA", `${B},2025/26,Autumn,126,120`]));
    const data = linkFiles([list, att]);
    expect(data.pupils.map((p) => p.yearGroupAcademicYear)).toEqual(["2023/24", "2025/26"]);
  });
});

describe("custom column mapping", () => {
  it("maps unknown headers to fields and reports the layout as custom", () => {
    const bytes = csvBytes(["Pupil Reference,Family Name,Given Names", `${A},Lee,Ada`]);
    expect(importFile("odd.csv", bytes).kind).toBeNull();
    const mapped = importFile("odd.csv", bytes, { kind: undefined, columns: { "Pupil Reference": "upn", "Given Names": "forename" } });
    expect(mapped.kind).toBe("pupils");
    expect(mapped.layout).toBe("custom");
    expect(mapped.accepted[0]?.records.pupils?.[0]?.record).toMatchObject({ upn: A, forename: "Ada", surname: "Lee" });
  });
});

describe("headers of real exports (issue #12, part B)", () => {
  it("splits camelCase and PascalCase headers into words, leaving headers with spaces as written", () => {
    expect(normaliseHeader("StudentId")).toBe("student id");
    expect(normaliseHeader("SENStatus")).toBe("sen status");
    expect(normaliseHeader("DateOfBirth")).toBe("date of birth");
    expect(normaliseHeader("studentId")).toBe("student id");
    expect(normaliseHeader("FSMEligible")).toBe("fsm eligible");
    expect(normaliseHeader("DfE Number")).toBe("dfe number");
    expect(normaliseHeader("ScholarPack ID")).toBe("scholarpack id");
  });

  it("names a source for every group of aliases, and every alias reads as its own field", () => {
    for (const group of ALIAS_SOURCES) {
      expect(group.source.length).toBeGreaterThan(20);
      for (const [kind, fields] of Object.entries(group.aliases)) {
        const kinds = kind === "key" ? (Object.keys(FIELDS) as (keyof typeof FIELDS)[]) : [kind as keyof typeof FIELDS];
        for (const [field, headers] of Object.entries(fields ?? {})) {
          for (const header of headers) {
            for (const k of kinds) {
              // The first field whose headers include this one owns it (as detection reads them).
              const owner = FIELDS[k].find((spec) =>
                [...Object.values(spec.headers).flat(), ...(spec.other ?? [])].some((h) => normaliseHeader(h) === normaliseHeader(header)));
              expect(owner?.field, `${group.system}: ${k} '${header}'`).toBe(field);
            }
          }
        }
      }
    }
  });

  // Header rows copied from the sources named in ALIAS_SOURCES; which field each column gives is worked by hand.
  const detected = (header: string[]) => {
    const detection = detectExport(header);
    if (isDetectionFailure(detection)) throw new Error(detection.reason);
    return { kind: detection.kind, fields: Object.fromEntries([...detection.columns].map(([field, i]) => [field, header[i]])) };
  };

  it("reads a DfE census download's columns", () => {
    const { kind, fields } = detected(["UPN", "Surname", "Forename", "Gender", "DOB", "FSMeligible", "EVERFSM_6", "EntryDate",
      "NCyearActual", "SENprovision", "PrimarySENtype", "SecondarySENtype"]);
    expect(kind).toBe("pupils");
    expect(fields).toEqual({
      upn: "UPN", surname: "Surname", forename: "Forename", gender: "Gender", dateOfBirth: "DOB", fsm: "FSMeligible",
      disadvantaged: "EVERFSM_6", admissionDate: "EntryDate", yearGroup: "NCyearActual", senStatus: "SENprovision",
      primaryNeed: "PrimarySENtype", secondaryNeed: "SecondarySENtype",
    });
  });

  it("reads Bromcom's API names", () => {
    const { kind, fields } = detected(["StudentId", "FirstName", "LastName", "GenderCode", "DateOfBirth", "Upn",
      "ProvisionName", "InCareFlag", "EalFlag", "PremiumPupilFlag", "YearGroup"]);
    expect(kind).toBe("pupils");
    expect(fields).toEqual({
      misId: "StudentId", forename: "FirstName", surname: "LastName", gender: "GenderCode", dateOfBirth: "DateOfBirth",
      upn: "Upn", senStatus: "ProvisionName", lookedAfter: "InCareFlag", eal: "EalFlag",
      disadvantaged: "PremiumPupilFlag", yearGroup: "YearGroup",
    });
    expect(detected(["StudentId", "AssessmentTypeName", "Result", "EnteredDate", "TermName", "SubjectName"]).fields)
      .toEqual({ misId: "StudentId", value: "Result", date: "EnteredDate", point: "TermName", subject: "SubjectName" });
  });

  it("reads Target Tracker's SIMS.net template", () => {
    const { kind, fields } = detected(["UPN", "Surname", "Forename", "DOB", "Gender", "DOA", "Eligible for free meals",
      "Mother tongue code", "Ethnicity", "SEN Status code", "Reg", "Year", "Postcode", "In LEA Care"]);
    expect(kind).toBe("pupils");
    expect(fields).toMatchObject({ admissionDate: "DOA", fsm: "Eligible for free meals", senStatus: "SEN Status code", yearGroup: "Year", lookedAfter: "In LEA Care" });
    // "Reg" is the registration class (issue #18).
    expect(fields.registrationClass).toBe("Reg");
  });

  it("reads the registration class under each system's name (issue #18)", () => {
    // SIMS report of students, Arbor student list, Bromcom API (StudentFlatView), ScholarPack, generic: see ALIAS_SOURCES.
    for (const [header, others] of [
      ["Reg Group", ["Adno", "Legal Surname", "Legal Forename"]], ["Registration Form", ["Arbor Student ID", "Legal Last Name", "Legal First Name"]],
      ["TutorGroupName", ["StudentId", "LastName", "FirstName"]], ["Tutor Group", ["Student Id", "Surname", "Forename"]],
      ["Class", ["Pupil ID", "Surname", "Forename"]], ["registration_class", ["mis_id", "surname", "forename"]],
    ] as const) {
      const { kind, fields } = detected([...others, header]);
      expect(kind, header).toBe("pupils");
      expect(fields.registrationClass, header).toBe(header);
    }
  });

  it("reads Arbor's SEN report, one row per ranked need", () => {
    const { kind, fields } = detected(["UPN", "Name", "Year group(s) this academic year", "Date of Birth", "SEN status",
      "Sen Need", "SEN Description", "SEN Need Ranking", "Start Date", "SEN status"]);
    expect(kind).toBe("senRegister");
    expect(fields).toEqual({ upn: "UPN", senStatus: "SEN status", primaryNeed: "Sen Need", needRank: "SEN Need Ranking", startDate: "Start Date" });
  });
});
