import { describe, expect, it } from "vitest";
import { Identification, identification } from "../../src/lib/cohort/identification.js";
import { containsNaN, pupil, school, spell } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

const cell = (cells: Identification["senStatus"], group: string) => cells.find((c) => c.group === group && !c.isTotal);

describe("identification", () => {
  const id = identification(smallSchool(), "2025-01-16");
  it("matches the schema", () => {
    expect(Identification.safeParse(id).success).toBe(true);
  });
  it("counts N/K/E among pupils on roll", () => {
    // On roll 16 Jan 2025: p1 K, p2 K (E only from 1 Feb), p3 E, p4 N, p5 N → 5 pupils.
    expect(id.onRoll).toBe(5);
    expect(cell(id.senStatus, "K")).toMatchObject({ n: 2, count: 2, of: 5, rate: 0.4 });
    // Wilson 95% for 2/5 = (0.117621, 0.769276): (2x+z² ∓ z√(z²+4x(n−x)/n))/(2(n+z²)), z = norm.ppf(0.975)
    expect(cell(id.senStatus, "K")?.lower).toBeCloseTo(0.117621, 5);
    expect(cell(id.senStatus, "K")?.upper).toBeCloseTo(0.769276, 5);
    expect(cell(id.senStatus, "E")).toMatchObject({ n: 1, rate: 0.2 }); // 1/5
    expect(cell(id.senAny, "SEN")).toMatchObject({ n: 3, rate: 0.6 }); // K + E = 3 of 5
    expect(id.senStatus.find((c) => c.isTotal)).toMatchObject({ n: 5, group: "all" });
    expect(new Set(id.senStatus.map((c) => c.partition)).size).toBe(1);
  });
  it("sees the mid-year change: after 1 Feb p2 is E", () => {
    const march = identification(smallSchool(), "2025-03-01");
    expect(cell(march.senStatus, "K")?.count).toBe(1); // p1
    expect(cell(march.senStatus, "E")?.count).toBe(2); // p2, p3
  });
  it("gives the need mix within K and E", () => {
    const k = id.needMix.filter((c) => c.partition.endsWith("|K"));
    expect(k.find((c) => c.isTotal)).toMatchObject({ group: "K", n: 2 });
    expect(k.find((c) => c.group === "SLCN")).toMatchObject({ n: 2, rate: 1 }); // both K pupils SLCN
  });
  it("compares with a year earlier", () => {
    // 16 Jan 2024: p1..p6 on roll (6); K = p1, p2, p6 (3); E = p3 (1).
    expect(id.previousAsOf).toBe("2024-01-16");
    expect(id.previous.onRoll).toBe(6);
    expect(id.change.find((c) => c.group === "E")).toMatchObject({ n: 1, previousCount: 1, countChange: 0 });
    const k = id.change.find((c) => c.group === "K");
    expect(k).toMatchObject({ n: 2, previousCount: 3, countChange: -1 }); // n = min(2, 3)
    expect(k?.rateChange).toBeCloseTo(2 / 5 - 3 / 6, 12); // −0.1
  });
  it("compares with national", () => {
    const k = id.national.find((x) => x.measure === "senShare" && x.group === "K")?.gap;
    // Every pupil is in Reception–Year 6, so the school is compared with state-funded primary schools: the
    // latest primary SEN support share on or before 16 Jan 2025 is January 2023's 13.5% (src/data/national.ts).
    // rate 0.4 − 0.135 = 0.265; interval = Wilson(2,5) − 0.135 = (−0.017379, 0.634276) → crosses 0
    expect(k?.difference).toBeCloseTo(0.265, 12);
    expect(k?.lower).toBeCloseTo(0.117621 - 0.135, 5);
    expect(k?.band).toBe("close to");
    expect(k?.nationalYear).toBe("January 2023");
    expect(k?.nationalLabel).toBe("state-funded primary schools in England, January 2023");
    const asd = id.national.find((x) => x.measure === "primaryNeedShare" && x.group === "E");
    expect(asd?.need).toBe("ASD");
    expect(asd?.gap).toMatchObject({ n: 1, count: 1, rate: 1 }); // p3's need is ASD
  });
  it("compares each school with its own phase, and names the figure used", () => {
    const at = (yearGroups: number[]) => identification(school({
      pupils: yearGroups.map((y, i) => pupil(`y${i}`, { yearGroup: y })),
      senRegister: yearGroups.map((_, i) => spell(`y${i}`, i === 0 ? "E" : "N")),
    }), "2025-01-16");
    const e = (id: Identification) => id.national.find((x) => x.measure === "senShare" && x.group === "E")?.gap;
    // Year 7 to 11: secondary; 2.4% in January 2023 (src/data/national.ts).
    const secondary = at([7, 8, 9, 10, 11]);
    expect(secondary.phase).toBe("secondary");
    expect(e(secondary)).toMatchObject({ nationalRate: 0.024, nationalLabel: "state-funded secondary schools in England, January 2023" });
    // Reception to Year 11 (all-through), and a middle school (Years 5 to 8): compared with all schools, and said.
    for (const groups of [[0, 3, 6, 7, 11], [5, 6, 7, 8]]) {
      const id = at(groups);
      expect(id.phase).toBe("all");
      expect(e(id)).toMatchObject({ nationalRate: 0.053, nationalLabel: "all schools in England (including special schools), January 2025" });
    }
    // Reception to Year 6: primary; the share with any SEN against primary schools in January 2025 (18.2%).
    const primary = at([0, 1, 2, 3, 4, 5, 6]);
    expect(primary.national.find((x) => x.group === "SEN")?.gap).toMatchObject({ count: 1, n: 7, nationalRate: 0.182 });
  });
  it("empty school: n 0 and null rates, never NaN", () => {
    const empty = identification(school({}), "2025-01-16");
    expect(empty.onRoll).toBe(0);
    for (const c of [...empty.senStatus, ...empty.senAny]) {
      expect(c).toMatchObject({ n: 0, count: 0, rate: null, lower: null, upper: null });
    }
    expect(empty.national.every((x) => x.gap.rate === null && x.gap.band === null)).toBe(true);
    expect(containsNaN(empty)).toBe(false);
  });
});
