// A three-school trust made by hand (tests/report/trust-builder.ts), merged with mergeSchoolData: per-school
// sections, per-school suppression, and no school's hidden cell recoverable from the trust's figures.
import { describe, expect, it } from "vitest";
import { mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { crossSchoolCellsOf, schoolSection, schoolSections, splitBySchool } from "../../src/lib/report/per-school.js";
import { prepareAnalysis } from "../../src/lib/cohort/context.js";
import { makeSchool } from "./trust-builder.js";
import { crossSchoolRecoverable, leakedIdentifiers, recoverableCells, smallShownCells } from "./privacy-checks.js";

const Y = "2024/25";
const ash = makeSchool("Ash Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 20, met: 16, absent: 3 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 8, met: 3, absent: 2 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 3, met: 0, absent: 1 },
  { academicYear: Y, yearGroup: 3, status: "N", count: 20, met: 15 },
]);
const birch = makeSchool("Birch Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 22, met: 18 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 7, met: 2 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 7, met: 1 },
]);
const cedar = makeSchool("Cedar Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 25, met: 20 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 9, met: 4 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 8, met: 2 },
]);
const trust = mergeSchoolData([cedar, ash, birch]);
const asOf = "2025-07-11";
const senco = buildReport(trust, { asOf, audience: "senco" });
const governors = buildReport(trust, { asOf, audience: "governors" });

const school = (r: typeof senco, name: string) => {
  const s = r.schools?.find((x) => x.school === name);
  if (!s) throw new Error(`no section for ${name}`);
  return s;
};

describe("splitBySchool", () => {
  it("splits pupils and their records by school, in name order", () => {
    const parts = splitBySchool(trust);
    expect([...parts.keys()]).toEqual(["Ash Primary", "Birch Primary", "Cedar Primary"]);
    // By hand: Ash 20 + 8 + 3 + 20 = 51 pupils, 17 with SEN; Y6 pupils have 4 results, Y3 pupils 1.
    expect(parts.get("Ash Primary")?.pupils).toHaveLength(51);
    expect(parts.get("Ash Primary")?.senRegister).toHaveLength(11);
    expect(parts.get("Ash Primary")?.assessments).toHaveLength(31 * 4 + 20);
    expect(parts.get("Birch Primary")?.pupils).toHaveLength(36);
  });

  it("gives each school its records in data order when the schools' records are interleaved", () => {
    // The trust's assessments dealt out alternately from the two ends: no school's records are one run.
    const list = trust.assessments;
    const dealt = list.map((_, i) => list[i % 2 === 0 ? i / 2 : list.length - 1 - (i - 1) / 2]!);
    const parts = splitBySchool({ ...trust, assessments: dealt });
    const schoolOf = new Map(trust.pupils.map((p) => [p.pupilId, p.school]));
    for (const [name, part] of parts) {
      expect(part.assessments).toEqual(dealt.filter((a) => schoolOf.get(a.pupilId) === name));
    }
    expect([...parts.values()].reduce((n, p) => n + p.assessments.length, 0)).toBe(list.length);
  });
});

describe("splitBySchool, records routed by the pupils' order", () => {
  it("routes each record to its pupil id's first record's school, in or out of the pupils' order, and drops unknown pupils", () => {
    // Four pupil records: q2 twice (Ash first, then Birch), so every q2 record is Ash's (as a map of the first
    // record's school gives); records in the pupils' order (q1, q2, q2, q3), then backwards, then an unknown id.
    const pupil = (pupilId: string, school: string) => ({ ...trust.pupils[0]!, pupilId, school });
    const pupils = [pupil("q1", "Ash Primary"), pupil("q2", "Ash Primary"), pupil("q2", "Birch Primary"), pupil("q3", "Birch Primary")];
    const at = (pupilId: string, n: number) => ({ ...trust.attendance[0]!, pupilId, possibleSessions: n });
    const attendance = [at("q1", 1), at("q2", 2), at("q2", 3), at("q3", 4), at("q3", 5), at("q2", 6), at("q1", 7), at("zz", 8), at("q3", 9)];
    const parts = splitBySchool({ ...trust, pupils, attendance });
    expect([...parts.keys()]).toEqual(["Ash Primary", "Birch Primary"]);
    expect(parts.get("Ash Primary")?.pupils.map((p) => p.pupilId)).toEqual(["q1", "q2"]);
    expect(parts.get("Birch Primary")?.pupils.map((p) => p.pupilId)).toEqual(["q2", "q3"]);
    // By hand: Ash has q1's and q2's records, Birch q3's; zz's is nobody's.
    expect(parts.get("Ash Primary")?.attendance.map((a) => a.possibleSessions)).toEqual([1, 2, 3, 6, 7]);
    expect(parts.get("Birch Primary")?.attendance.map((a) => a.possibleSessions)).toEqual([4, 5, 9]);
  });
});

describe("schoolSections", () => {
  it("gives each school the section it has analysed alone, though its attendance and KS2 outcomes are the trust's, filtered", () => {
    // The trust's assessments and attendance dealt out from both ends (no school's records one run), so a
    // school's pupils come in a different order from the trust's: the shared sums must keep the school's order.
    const deal = <T>(list: readonly T[]): T[] => list.map((_, i) => list[i % 2 === 0 ? i / 2 : list.length - 1 - (i - 1) / 2]!);
    const dealt = { ...trust, assessments: deal(trust.assessments), attendance: deal(trust.attendance) };
    const ctx = prepareAnalysis(dealt, { asOf });
    const { sections: shared, crossSchool } = schoolSections(ctx, asOf, Y, [Y]);
    // Each school alone: a fresh context of its own part, which derives everything from the part itself.
    const alone = [...splitBySchool(ctx.data)].map(([name, part]) => schoolSection(name, prepareAnalysis(part, { asOf }), { asOf, academicYear: Y, ks2Years: [Y] }));
    expect(shared.map((s) => s.school)).toEqual(["Ash Primary", "Birch Primary", "Cedar Primary"]);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(alone));
    // The sections' links, prefixes and cross-school cells are made in one walk: the same as the three walks
    // `schoolSection` makes one after another, and `crossSchoolCellsOf` of the finished sections.
    expect(crossSchool.length).toBeGreaterThan(3 * 50);
    expect(crossSchool).toEqual(crossSchoolCellsOf(alone));
    // Not empty: the figures compared are there (Ash by hand: 31 Y6 pupils with KS2 results, 51 with attendance).
    expect(shared[0]!.ks2Rwm.cells.find((c) => c.dimension === "senAny" && c.isTotal)?.n).toBe(31);
    expect(shared[0]!.attendance.cells.find((c) => c.dimension === "senStatus" && c.isTotal)?.n).toBe(51);
  });
});

describe("buildReport on a three-school trust", () => {
  it("has one section per school for the SENCO, with each school's own figures", () => {
    expect(senco.schools?.map((s) => s.school)).toEqual(["Ash Primary", "Birch Primary", "Cedar Primary"]);
    const a = school(senco, "Ash Primary");
    expect(a.pupilsOnRoll).toBe(51);
    expect(a.identification.senStatus.find((c) => c.group === "E")?.n).toBe(3);
    // Ash Y6: SEN = 8 + 3 = 11 pupils, 3 met RWM.
    expect(a.ks2Rwm.cells.find((c) => c.dimension === "senAny" && c.group === "SEN")).toMatchObject({ n: 11, count: 3 });
    expect(a.gaps.ks2Rwm.find((g) => g.group === "SEN")?.gap.difference).toBeCloseTo(3 / 11 - 16 / 20, 12);
    // Ash attendance: persistently absent 3 + 2 + 1 = 6 of 51 (80% attendance < 90%).
    expect(a.attendance.cells.find((c) => c.dimension === "senStatus" && c.isTotal)).toMatchObject({ n: 51, count: 6 });
    // Per-school attainment is for all year groups together.
    expect(a.attainment.cells.every((c) => c.yearGroup === null)).toBe(true);
    expect(a.gaps.attainment.length).toBeGreaterThan(0);
  });

  it("keeps the whole trust's figures beside them", () => {
    expect(senco.identification.senStatus.find((c) => c.group === "E")?.n).toBe(18); // 3 + 7 + 8
    // Trust KS2 RWM: SEN 42 pupils (8+3+7+7+9+8), 12 met (3+0+2+1+4+2); no SEN 67, 54 met (16+18+20).
    const sen = senco.gaps.ks2Rwm.find((g) => g.group === "SEN")?.gap;
    expect(sen).toMatchObject({ n: 42, count: 12, comparisonN: 67, comparisonCount: 54 });
    expect(sen?.difference).toBeCloseTo(12 / 42 - 54 / 67, 12); // −0.520256…
    const national = senco.gaps.national.find((c) => c.measure === "ks2Rwm" && c.group === "SEN");
    expect(national?.gap.rate).toBeCloseTo(12 / 42, 12);
    expect(national?.gap.difference).toBeCloseTo(12 / 42 - 0.18, 12); // national 18% (domain.md)
  });

  it("suppresses a school's small group for governors even though the trust's group is large", () => {
    expect(governors.identification.senStatus.find((c) => c.group === "E")?.n).toBe(18);
    const a = school(governors, "Ash Primary");
    expect(a.identification.senStatus.find((c) => c.group === "E")).toMatchObject({ n: null, suppressed: true, suppressionReason: "hidden to protect privacy" });
    // Hidden, or (since #13) not published at all: SEN support against EHC plan only where both are large enough.
    expect(a.ks2Rwm.cells.find((c) => c.dimension === "senStatus" && c.group === "E")?.n ?? null).toBeNull();
    expect(smallShownCells(governors, 6)).toEqual([]);
  });

  it("leaves no school's hidden cell recoverable from the trust figure less the other schools", () => {
    // Ash's E (3) is hidden; with Birch's 7 and Cedar's 8 shown, 18 − 7 − 8 = 3 would give it away, so one of
    // them is hidden too (the smaller: Birch).
    expect(school(senco, "Birch Primary").identification.senStatus.find((c) => c.group === "E")?.n).toBe(7);
    expect(school(governors, "Birch Primary").identification.senStatus.find((c) => c.group === "E")?.suppressed).toBe(true);
    // Cedar's E (8) is hidden too since the audited disclosure control (#13): every one of its 8 EHC plan pupils
    // has autism here (trust-builder gives every E pupil ASD), and 100% of a group under 11 is not published,
    // so the need-mix row is hidden and with it the E total it equals.
    expect(school(governors, "Cedar Primary").identification.senStatus.find((c) => c.group === "E")?.n).toBeNull();
    expect(school(governors, "Cedar Primary").identification.senStatus.find((c) => c.group === "N")?.n).toBe(25);
    expect(crossSchoolRecoverable(governors)).toEqual([]);
    // The check can fail: show Birch's and Cedar's E again and Ash's becomes recoverable.
    const tampered = structuredClone(governors);
    for (const name of ["Birch Primary", "Cedar Primary"]) {
      const e = school(tampered, name).identification.senStatus.find((c) => c.group === "E");
      if (e) e.suppressed = false;
    }
    expect(crossSchoolRecoverable(tampered).length).toBeGreaterThan(0);
    expect(recoverableCells(governors, senco)).toEqual([]);
    expect(leakedIdentifiers(governors, trust)).toEqual([]);
  });

  it("builds the public report too (counts rounded to 5), with the same per-school protection", () => {
    const pub = buildReport(trust, { asOf, audience: "public" });
    // Rounded to the nearest 5, a shown group of 6 or 7 reads 5 (Birch's SEN support and EHC plan, 7 each, now
    // shown with their counts hidden), as in tests/disclosure/audit-property.test.ts.
    expect(smallShownCells(pub, 5)).toEqual([]);
    expect(crossSchoolRecoverable(pub)).toEqual([]);
    // Cedar's pupils on roll (42) are shown, rounded to the nearest 5.
    expect(school(pub, "Cedar Primary").identification.senStatus.find((c) => c.group === "all")?.n).toBe(40);
  });

  it("omits schools for one school's data", () => {
    const one = buildReport(ash, { asOf, audience: "governors" });
    expect(one.schools).toBeUndefined();
  });
});
