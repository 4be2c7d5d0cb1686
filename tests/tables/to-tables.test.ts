/**
 * `toTables`: the imported records as arquero tables. Checked on a hand-made school (every figure below worked
 * out by hand from the records written here) and on the sample school against the library's own analyses and
 * against sums taken by Python straight from the CSV export (independent of the importer):
 *
 *   python3 -c "import csv,io; t=open('fixtures/sample-school/sims-attendance.csv','rb').read().decode('utf-16');
 *     rows=[x for i,x in enumerate(csv.DictReader(io.StringIO(t))) if i+2 != 2207 and x['Academic Year']=='2024/25'];
 *     print(len(rows), sum(int(x['Possible Marks']) for x in rows), sum(int(x['Present + AEA']) for x in rows))"
 *   # => 1230 145566 135970 (line 2207 is the row import rejects: attended more than possible)
 */
import { op } from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { attendanceByGroup } from "../../src/lib/cohort/attendance.js";
import { identification } from "../../src/lib/cohort/identification.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { IDENTIFIER_COLUMNS, RECORD_TABLES, toTables } from "../../src/lib/tables/to-tables.js";
import { arqueroAggregates } from "../../src/bench/arquero-aggregates.js";
import { attendance, pupil, result, school, spell, suspension } from "../cohort/builders.js";

const small = school({
  pupils: [pupil("P1", { fsm: true }), pupil("P2", { fsm: null, leavingDate: "2025-02-14" }), pupil("P3")],
  senRegister: [spell("P1", "K", { endDate: "2025-01-31" }), spell("P1", "E", { startDate: "2025-02-01", primaryNeed: "ASD" })],
  assessments: [result("P1", { score: 90 }), result("P2", { score: null }), result("P3", { score: 112 })],
  attendance: [attendance("P1", 140, 120), attendance("P1", 120, 100, { term: "spring" }), attendance("P3", 140, 139)],
  suspensions: [suspension("P1", { days: 1.5 }), suspension("P1", { days: null, startDate: "2025-03-03" })],
});

describe("toTables on a hand-made school", () => {
  const t = toTables(small);

  it("gives one table per record kind, one row per record, in data order", () => {
    expect(Object.keys(t)).toEqual([...RECORD_TABLES]);
    expect(RECORD_TABLES.map((k) => t[k].numRows())).toEqual([3, 2, 3, 0, 3, 2, 0, 0]);
    expect(t.pupils.array("pupilId")).toEqual(["P1", "P2", "P3"]);
  });

  it("has the record's fields as columns in schema order, source as sourceFile and sourceLine", () => {
    expect(t.attendance.columnNames()).toEqual(["pupilId", "academicYear", "term", "possibleSessions", "attendedSessions", "sourceFile", "sourceLine"]);
    expect(t.attendance.array("sourceFile")).toEqual(["attendance.csv", "attendance.csv", "attendance.csv"]);
    expect(t.attendance.array("sourceLine")).toEqual(small.attendance.map((a) => a.source.line));
    // empty kinds still have their columns, so a query over them runs and gives no rows
    expect(t.interventions.columnNames()).toContain("entryScore");
    expect(t.targets.columnNames()).toContain("targetGrade");
    // a school with no EHC requests file (the field is optional in SchoolData) still gets the table's columns
    expect(t.ehcRequests.columnNames()).toEqual(["pupilId", "requestDate", "decision", "decisionDate", "outcome", "outcomeDate", "sourceFile", "sourceLine"]);
  });

  it("has the EHC needs assessment requests, one row per request, as written by hand", () => {
    const src = (line: number) => ({ file: "ehc-requests.csv", line });
    const withRequests = { ...small, ehcRequests: [
      { pupilId: "P1", requestDate: "2025-10-06", decision: "agreed" as const, decisionDate: "2025-11-10", outcome: "issued" as const, outcomeDate: "2026-02-20", source: src(2) },
      { pupilId: "P3", requestDate: "2026-01-12", decision: "pending" as const, decisionDate: null, outcome: null, outcomeDate: null, source: src(3) },
    ] };
    const r = toTables(withRequests).ehcRequests;
    expect(r.numRows()).toBe(2);
    expect(r.objects()).toEqual([
      { pupilId: "P1", requestDate: "2025-10-06", decision: "agreed", decisionDate: "2025-11-10", outcome: "issued", outcomeDate: "2026-02-20", sourceFile: "ehc-requests.csv", sourceLine: 2 },
      { pupilId: "P3", requestDate: "2026-01-12", decision: "pending", decisionDate: null, outcome: null, outcomeDate: null, sourceFile: "ehc-requests.csv", sourceLine: 3 },
    ]);
    // requests made in 2025/26 by decision, as a governor's count would be taken (by hand: 1 agreed, 1 pending)
    expect(r.filter((d) => d.requestDate >= "2025-09-01" && d.requestDate <= "2026-08-31").groupby("decision").count().orderby("decision").objects())
      .toEqual([{ decision: "agreed", count: 1 }, { decision: "pending", count: 1 }]);
  });

  it("keeps dates as ISO strings and missing values as null", () => {
    expect(t.pupils.array("leavingDate")).toEqual([null, "2025-02-14", null]);
    expect(t.pupils.array("fsm")).toEqual([true, null, false]);
    expect(t.assessments.array("score")).toEqual([90, null, 112]);
    // null is invalid to arquero: op.valid skips it, op.count() counts the row
    expect(t.assessments.rollup({ n: () => op.count(), scored: (d) => op.valid(d.score), mean: (d) => op.mean(d.score) }).objects())
      .toEqual([{ n: 3, scored: 2, mean: 101 }]);
    // ISO dates compare as dates: the suspensions from February on
    expect(t.suspensions.filter((d) => d.startDate >= "2025-02-01").numRows()).toBe(1);
  });

  it("sums sessions per pupil as worked out by hand", () => {
    // P1: 140 + 120 possible, 120 + 100 attended; P3: 140, 139
    const sums = t.attendance.groupby("pupilId")
      .rollup({ possible: (d) => op.sum(d.possibleSessions), attended: (d) => op.sum(d.attendedSessions) })
      .orderby("pupilId").objects();
    expect(sums).toEqual([{ pupilId: "P1", possible: 260, attended: 220 }, { pupilId: "P3", possible: 140, attended: 139 }]);
    // days of suspension: 1.5 and a missing figure, which op.sum skips
    expect(t.suspensions.rollup({ days: (d) => op.sum(d.days) }).object()).toEqual({ days: 1.5 });
  });

  it("leaves the identifying columns out with identifiers: false, and only them", () => {
    const plain = toTables(small, { identifiers: false });
    for (const c of IDENTIFIER_COLUMNS) expect(plain.pupils.columnNames()).not.toContain(c);
    expect(plain.pupils.columnNames()).toEqual(t.pupils.columnNames().filter((c) => !(IDENTIFIER_COLUMNS as readonly string[]).includes(c)));
    expect(plain.pupils.columnNames()).toContain("pupilId");
    expect(plain.senRegister.columnNames()).toEqual(t.senRegister.columnNames());
  });

  it("holds the same values as the records (a round trip through objects())", () => {
    const back = (t.senRegister.objects() as Array<Record<string, unknown>>).map(({ sourceFile, sourceLine, ...rest }) => ({ ...rest, source: { file: sourceFile, line: sourceLine } }));
    expect(back).toEqual(small.senRegister);
  });
});

describe("toTables on the sample school", () => {
  let data: SchoolData;
  beforeAll(async () => {
    data = await importFolder("fixtures/sample-school");
  }, 60_000);

  it("sums 2024/25's sessions as Python sums the CSV export", () => {
    const year = toTables(data).attendance.filter((d) => d.academicYear === "2024/25")
      .rollup({ rows: () => op.count(), possible: (d) => op.sum(d.possibleSessions), attended: (d) => op.sum(d.attendedSessions) });
    expect(year.object()).toEqual({ rows: 1230, possible: 145566, attended: 135970 });
  });

  it("has the 18 EHC requests of the export; those made in 2025/26 to 22 June 2026 by decision as Python counts the CSV", () => {
    // python3 -c "import csv; rows=list(csv.DictReader(open('fixtures/sample-school/ehc-requests.csv',encoding='utf-8-sig')));
    //   iso=lambda d: d[6:]+'-'+d[3:5]+'-'+d[:2]; y=[r for r in rows if '2025-09-01'<=iso(r['Date of Request'])<='2026-06-22'];
    //   print(len(rows), len(y), sorted(r['Decision to Assess'] for r in y))"
    // => 18 8 ['', '', 'Agreed', 'Agreed', 'Agreed', 'Agreed', 'Agreed', 'Refused'] (a blank decision is pending)
    const r = toTables(data).ehcRequests;
    expect(r.numRows()).toBe(18);
    expect(r.filter((d) => d.requestDate >= "2025-09-01" && d.requestDate <= "2026-06-22").groupby("decision").count().orderby("decision").objects())
      .toEqual([{ decision: "agreed", count: 5 }, { decision: "pending", count: 2 }, { decision: "refused", count: 1 }]);
  });

  it("gives the library's attendance figures for 2024/25 with a join and a rollup", () => {
    const t = toTables(data);
    const sums = t.attendance.filter((d) => d.academicYear === "2024/25").semijoin(t.pupils, "pupilId")
      .groupby("pupilId").rollup({ possible: (d) => op.sum(d.possibleSessions), attended: (d) => op.sum(d.attendedSessions) })
      .filter((d) => d.possible > 0)
      .rollup({ n: () => op.count(), possible: (d) => op.sum(d.possible), attended: (d) => op.sum(d.attended) })
      .object() as Record<string, number>;
    const all = attendanceByGroup(data, "2024/25").cells.find((c) => c.isTotal && c.dimension === "senStatus")!;
    expect(sums).toEqual({ n: all.n, possible: all.possibleSessions, attended: all.attendedSessions });
    expect(sums.possible).toBe(145566);
  });

  it("gives the library's count of pupils on roll on 17 July 2026 (420, the sample school's README)", () => {
    const onRoll = toTables(data).pupils
      .filter((d) => (d.admissionDate === null || d.admissionDate <= "2026-07-17") && (d.leavingDate === null || d.leavingDate >= "2026-07-17"))
      .numRows();
    expect(onRoll).toBe(420);
    expect(onRoll).toBe(identification(data, "2026-07-17").onRoll);
  });

  it("gives the README's example figures, which plain loops over the records give too", () => {
    const t = toTables(data);
    const byDisadvantage = (t.attendance.filter((d) => d.academicYear === "2024/25")
      .join(t.pupils.select("pupilId", "disadvantaged"), "pupilId")
      .groupby("disadvantaged")
      .rollup({ pupils: (d) => op.distinct(d.pupilId), rate: (d) => op.sum(d.attendedSessions) / op.sum(d.possibleSessions) })
      .orderby("disadvantaged").objects()) as Array<{ disadvantaged: boolean | null; pupils: number; rate: number }>;
    const flag = new Map(data.pupils.map((p) => [p.pupilId, p.disadvantaged]));
    const sums = new Map<boolean | null, { ids: Set<string>; possible: number; attended: number }>();
    for (const a of data.attendance) {
      if (a.academicYear !== "2024/25" || !flag.has(a.pupilId)) continue;
      const key = flag.get(a.pupilId)!;
      const s = sums.get(key) ?? { ids: new Set(), possible: 0, attended: 0 };
      s.ids.add(a.pupilId);
      s.possible += a.possibleSessions;
      s.attended += a.attendedSessions;
      sums.set(key, s);
    }
    expect(byDisadvantage.map((r) => r.pupils)).toEqual([303, 110]);
    for (const r of byDisadvantage) {
      const s = sums.get(r.disadvantaged)!;
      expect(r.pupils).toBe(s.ids.size);
      expect(r.rate).toBeCloseTo(s.attended / s.possible, 12);
    }
    expect(byDisadvantage[0]!.rate).toBeCloseTo(0.9372, 4);
    const ks2 = t.assessments.filter((d) => d.measure === "scaled" && d.point === "2024/25 summer")
      .groupby("subject").rollup({ n: op.count(), atExpected: (d) => op.mean(d.score >= 100 ? 1 : 0) })
      .orderby("subject").objects() as Array<{ subject: string; n: number; atExpected: number }>;
    const gps = data.assessments.filter((a) => a.measure === "scaled" && a.point === "2024/25 summer" && a.subject === "gps");
    expect(ks2.map((r) => r.subject)).toEqual(["gps", "maths", "reading"]);
    expect(ks2[0]).toEqual({ subject: "gps", n: gps.length, atExpected: gps.filter((a) => a.score! >= 100).length / gps.length });
    expect(ks2[0]!.n).toBe(59);
  });

  it("with arquero-aggregates: SEN support 59 and EHC plan 17 on roll (the sample school's README)", () => {
    const id = arqueroAggregates(data, "2026-07-17").identification;
    expect(id["status|K"]).toEqual({ count: 59, rate: 59 / 420 });
    expect(id["status|E"]).toEqual({ count: 17, rate: 17 / 420 });
  });
});
