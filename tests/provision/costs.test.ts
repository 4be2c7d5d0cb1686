// The costing model (issue #15) on a small hand-made provision map: every expected figure is worked out by
// hand in the comment beside it. Rates are set in the test's own config (TA £18, Teacher £45 an hour).
import { describe, expect, it } from "vitest";
import type { InterventionRecord } from "../../src/lib/schema/records.js";
import { analyseProvision } from "../../src/lib/provision/analyse.js";
import { costsConfig, parseCostsConfig } from "../../src/lib/provision/config.js";
import { costPlacements, staffRole } from "../../src/lib/provision/placement-cost.js";
import { financialYearOf, yearShares } from "../../src/lib/provision/years.js";
import { pupil, school, spell } from "../cohort/builders.js";

let line = 1;
function placement(pupilId: string, over: Partial<InterventionRecord>): InterventionRecord {
  return {
    pupilId, intervention: "X", group: null, startDate: "2024-09-02", endDate: null, sessionsPlanned: null,
    sessionsAttended: null, minutesPerSession: null, staff: null, cost: null, measure: null, entryScore: null,
    entryDate: null, exitScore: null, exitDate: null, exitTarget: null, source: { file: "provision.csv", line: ++line }, ...over,
  };
}

const CONFIG = costsConfig({
  costSource: "model",
  roles: { TA: { hourlyRate: 18, aliases: ["TA"] }, Teacher: { hourlyRate: 45, aliases: ["teacher"] } },
  interventions: { "1:1 support": { groupSize: 1 }, "Lego therapy": { resourcesPerPupil: 30 } },
  topUpBands: [{ name: "Band B", amount: 3100 }, { name: "Band A", amount: 1600 }],
});

const records: InterventionRecord[] = [
  // P1: 190 sessions × 120 min = 380 hours × £18 ÷ 1 = £6,840 (2 Sep 2024 – 18 Jul 2025: 320 days)
  placement("P1", { intervention: "1:1 support", group: "S1", startDate: "2024-09-02", endDate: "2025-07-18", sessionsPlanned: 190, sessionsAttended: 170, minutesPerSession: 120, staff: "Mrs K (TA)" }),
  // P1 and P2 share group L1 (size 2): 10 sessions × 60 min = 10 h × £45 ÷ 2 = £225, + £30 resources = £255 each
  placement("P1", { intervention: "Lego therapy", group: "L1", startDate: "2025-01-06", endDate: "2025-03-28", sessionsPlanned: 10, minutesPerSession: 60, staff: "Mr T (Teacher)" }),
  placement("P2", { intervention: "Lego therapy", group: "L1", startDate: "2025-01-06", endDate: "2025-03-28", sessionsPlanned: 10, minutesPerSession: 60, staff: "Mr T (Teacher)" }),
  // P2: the model cannot work (no group, no staff, no sessions), so the export's £120 is used;
  // no end date: costed to the end of the academic year, 1 Oct 2024 – 31 Aug 2025 (335 days)
  placement("P2", { intervention: "Reading club", startDate: "2024-10-01", cost: 120 }),
  // P3: no cost and no group size: not costed at all
  placement("P3", { intervention: "Reading club", startDate: "2024-10-01", endDate: "2024-12-13", sessionsPlanned: 12, minutesPerSession: 30, staff: "Ms X (TA)" }),
];

const data = school({
  pupils: [pupil("P1", { yearGroup: 3 }), pupil("P2", { yearGroup: 3 }), pupil("P3")],
  senRegister: [spell("P1", "E", { primaryNeed: "ASD" }), spell("P2", "K", { primaryNeed: "MLD" })],
  interventions: records,
});

describe("years", () => {
  it("financial years run April to March", () => {
    expect(financialYearOf("2025-03-31")).toBe("2024-25");
    expect(financialYearOf("2025-04-01")).toBe("2025-26");
  });
  it("splits a placement between years by day", () => {
    // 2 Sep 2024 – 31 Mar 2025: 29 + 31 + 30 + 31 + 31 + 28 + 31 = 211 days; 1 Apr – 18 Jul 2025: 30 + 31 + 30 + 18 = 109; 320 in all
    expect(yearShares("financial", "2024-09-02", "2025-07-18")).toEqual([
      { year: "2024-25", share: 211 / 320 }, { year: "2025-26", share: 109 / 320 },
    ]);
    expect(yearShares("academic", "2024-09-02", "2025-07-18")).toEqual([{ year: "2024/25", share: 1 }]);
  });
});

describe("staffRole", () => {
  it("reads the role from the staff column, the longer alias first", () => {
    const c = costsConfig();
    expect(staffRole("Mr Łukasz Nowak (HLTA)", c)).toBe("HLTA");
    expect(staffRole("Mrs Aoife Kelly (TA)", c)).toBe("TA");
    expect(staffRole("Mrs Aoife Kelly", costsConfig({ staff: { "Mrs Aoife Kelly": "HLTA" } }))).toBe("HLTA");
    expect(staffRole("Someone", c)).toBeNull();
  });
});

describe("costPlacements", () => {
  const costs = costPlacements(records, CONFIG);
  it("costs each placement by the model, else the export, and says which", () => {
    expect(costs.map((c) => [c.basis, c.cost])).toEqual([
      ["model", 6840], // 380 h × £18 ÷ 1
      ["model", 255], // 10 h × £45 ÷ 2 + £30
      ["model", 255],
      ["export", 120],
      ["none", null],
    ]);
    expect(costs[0]!.staffHours).toBe(380); // 190 × 120 ÷ 60
    expect(costs[1]!.groupSize).toBe(2); // two pupils recorded in L1
    expect(costs[4]!.reason).toMatch(/group size/);
  });
  it("prefers the export's cost by default", () => {
    const c = costPlacements([placement("P9", { group: "G", sessionsPlanned: 10, minutesPerSession: 60, staff: "TA", cost: 99 })], costsConfig());
    expect([c[0]!.basis, c[0]!.cost, c[0]!.modelCost]).toEqual(["export", 99, 180]); // model: 10 h × £18 (default TA) ÷ 1
  });
  it("splits the cost between financial years by day", () => {
    // £6,840 × 211/320 = £4,510.125 → £4,510.13 (to the penny); × 109/320 = £2,329.875 → £2,329.88
    expect(costs[0]!.financialYears.map((s) => s.cost)).toEqual([4510.13, 2329.88]);
    // £120 × 182/335 = £65.19 (1 Oct – 31 Mar: 31+30+31+31+28+31 = 182 days); × 153/335 = £54.81
    expect(costs[3]!.financialYears.map((s) => s.cost)).toEqual([65.19, 54.81]);
  });
});

describe("analyseProvision", () => {
  const r = analyseProvision(data, "2025-07-01", CONFIG);
  it("gives each pupil's annual cost against the threshold", () => {
    expect(r.basis.year).toBe("2024/25");
    expect(r.pupils.rows.map((p) => [p.pupilId, p.cost, p.aboveThreshold, p.excess, p.band])).toEqual([
      ["P1", 7095, true, 1095, "Band A"], // 6,840 + 255 = 7,095; 7,095 − 6,000 = 1,095 ≤ Band A's 1,600
      ["P2", 375, false, null, null], // 255 + 120
    ]);
    // the financial year of the report's date (1 July 2025: 2025-26): the 1:1 support's 109/320, £2,329.88; Lego ran in 2024-25
    expect(r.pupils.rows[0]!.otherYearCost).toBe(2329.88);
    expect(r.uncosted.rows).toEqual([{ pupilId: "P3", intervention: "Reading club", file: "provision.csv", line: expect.any(Number), reason: expect.stringMatching(/not costed/) }]);
    expect(r.basis.placements).toEqual({ export: 1, model: 3, none: 1 });
  });
  it("totals by area of need, intervention and threshold band", () => {
    const area = Object.fromEntries(r.byArea.map((c) => [c.group, [c.n, c.cost]]));
    expect(area).toMatchObject({ CI: [1, 7095], CL: [1, 375], N: [0, 0], all: [2, 7470] }); // 7,095 + 375
    expect(r.byIntervention.map((c) => [c.group, c.n, c.cost, c.costPerPupil, c.staffHours])).toEqual([
      ["1:1 support", 1, 6840, 6840, 380],
      ["Lego therapy", 2, 510, 255, 10], // 255 × 2; hours 10 ÷ 2 per pupil × 2
      ["Reading club", 1, 120, 120, 0], // P3's uncosted place is not counted
    ]);
    expect(r.thresholdBands.map((c) => [c.group, c.n, c.cost])).toEqual([
      ["above", 1, 7095], ["near", 0, 0], ["below", 1, 375], ["all", 2, 7470],
    ]);
    expect(r.staffHours.map((c) => [c.role, c.group, c.n, c.hours])).toEqual([
      ["TA", "Y3", 1, 380], ["Teacher", "Y3", 2, 10],
    ]);
  });
  it("totals every academic and financial year", () => {
    expect(r.years).toEqual([
      { yearKind: "academic", year: "2024/25", n: 2, cost: 7470 },
      { yearKind: "financial", year: "2024-25", n: 2, cost: 5085.32 }, // 4,510.13 + 255 + 255 + 65.19
      { yearKind: "financial", year: "2025-26", n: 2, cost: 2384.69 }, // 2,329.88 + 54.81
    ]);
  });
  it("compares SEN pupils' cost with the notional SEN budget given", () => {
    const b = analyseProvision(data, "2025-07-01", costsConfig({ ...CONFIG, from: undefined, notionalSenBudget: 20000 } as never)).notionalSenBudget;
    expect(b).toEqual({ amount: 20000, n: 2, spent: 7470, remaining: 12530 }); // 20,000 − 7,470
  });
});

describe("parseCostsConfig refuses bad values, naming the file and the field", () => {
  it.each([
    ['{"roles": {"TA": {"hourlyRate": -1}}}', /costs\.json: .*roles\.TA\.hourlyRate/],
    ['{"threshold": "6000"}', /costs\.json: .*threshold: /],
    ['{"workingWeeks": 60}', /workingWeeks/],
    ['{"treshold": 6000}', /treshold/],
    ['{"interventions": {"Lego": {"groupSize": 0}}}', /interventions\.Lego\.groupSize/],
    ['{"topUpBands": [{"name": "A"}]}', /topUpBands\.0\.amount/],
    ['{"staff": {"Mrs K": "Nurse"}}', /staff\.Mrs K: 'Nurse' is not a role/],
    ['{"interventions": {"Lego": {"role": "Nurse"}}}', /interventions\.Lego\.role/],
    ["{not json", /costs\.json: the costs file is not valid JSON/],
  ])("%s", (text, message) => {
    expect(() => parseCostsConfig(text, "costs.json")).toThrow(message);
  });
  it("accepts a good file and keeps the default roles", () => {
    const c = parseCostsConfig('\uFEFF{"roles": {"TA": {"hourlyRate": 19.5}}, "margin": 500}', "costs.json");
    expect([c.roles.TA!.hourlyRate, c.roles.HLTA!.hourlyRate, c.margin, c.threshold, c.from]).toEqual([19.5, 22, 500, 6000, "costs.json"]);
  });
});

describe("README's costs file", () => {
  it("is accepted as written", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## Costs and the SEN budget"));
    const json = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    const c = parseCostsConfig(json, "README.md");
    expect([c.roles.TA!.hourlyRate, c.topUpBands.map((b) => b.amount), c.notionalSenBudget]).toEqual([17.2, [1600, 3100, 4500], 95000]);
    expect(c.roles.TA!.hourlyRate * c.workingWeeks).toBeCloseTo(653.6, 6); // the authority's £653.60 per weekly hour over 38 weeks
  });
});
