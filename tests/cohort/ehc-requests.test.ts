/**
 * The statutory clock of EHC needs assessment requests and the year's counts. Every expected date below was
 * counted by hand on a calendar: SEND Regulations 2014 reg. 5(1) (decision within 6 weeks = 42 days of the
 * request), reg. 10(1) (notice not to issue within 16 weeks = 112 days), reg. 13(2) (final plan within 20
 * weeks = 140 days). E.g. 6 Oct 2025 + 42 days: 25 days to 31 Oct, 17 more = 17 Nov 2025.
 */
import { describe, expect, it } from "vitest";
import { ehcRequests, requestClock } from "../../src/lib/cohort/ehc-requests.js";
import type { EhcRequest } from "../../src/lib/schema/records.js";
import { pupil, school } from "./builders.js";

let line = 1;
function request(pupilId: string, over: Partial<EhcRequest>): EhcRequest {
  return {
    pupilId, requestDate: "2025-10-06", decision: "pending", decisionDate: null, outcome: null, outcomeDate: null,
    source: { file: "ehc-requests.csv", line: ++line }, ...over,
  };
}

const data = school({
  pupils: ["A", "B", "C", "D", "E"].map((id) => pupil(id)),
  ehcRequests: [
    request("A", { requestDate: "2025-10-06", decision: "agreed", decisionDate: "2025-11-10" }),
    request("B", { requestDate: "2026-01-12" }),
    request("C", { requestDate: "2025-11-03", decision: "refused", decisionDate: "2025-12-08" }),
    request("D", { requestDate: "2025-09-15", decision: "agreed", decisionDate: "2025-11-03", outcome: "issued", outcomeDate: "2026-01-26" }),
    request("E", { requestDate: "2026-02-16", decision: "agreed", decisionDate: "2026-03-20" }),
    request("A", { requestDate: "2024-06-03", decision: "refused", decisionDate: "2024-07-08" }),
  ],
});

describe("requestClock", () => {
  it("counts days and whole weeks from the request and gives the 6-, 16- and 20-week dates", () => {
    // 6 Oct → 15 Dec 2025: 25 (Oct) + 30 (Nov) + 15 = 70 days = 10 weeks.
    expect(requestClock("2025-10-06", "2025-12-15")).toEqual({
      daysElapsed: 70, weeksElapsed: 10, decisionDue: "2025-11-17", noPlanNoticeDue: "2026-01-26", finalPlanDue: "2026-02-23",
    });
    // Across the end of February in a leap year: 1 Feb 2024 + 42 = 14 Mar 2024 (29 days of Feb).
    expect(requestClock("2024-02-01", "2024-02-01").decisionDue).toBe("2024-03-14");
    expect(requestClock("2024-02-01", "2024-02-07").weeksElapsed).toBe(0);
    expect(requestClock("2024-02-01", "2024-02-08").weeksElapsed).toBe(1);
  });

  it("refuses a date before the request", () => {
    expect(() => requestClock("2025-10-06", "2025-10-05")).toThrow(/before the request/);
  });
});

describe("ehcRequests", () => {
  const result = ehcRequests(data, "2026-03-02");

  it("lists each open request on the date with its clock, longest open first", () => {
    expect(result.open.pupilLevel).toBe(true);
    expect(result.open.rows.map((r) => [r.pupilId, r.stage, r.daysElapsed, r.weeksElapsed])).toEqual([
      // 6 Oct 2025 → 2 Mar 2026: 25 + 30 + 31 + 31 + 28 + 2 = 147 days, 21 weeks.
      ["A", "assessing", 147, 21],
      // 12 Jan → 2 Mar 2026: 19 + 28 + 2 = 49 days, 7 weeks.
      ["B", "awaiting decision", 49, 7],
      // 16 Feb → 2 Mar 2026: 12 + 2 = 14 days; its decision is dated 20 Mar, after the date: still pending then.
      ["E", "awaiting decision", 14, 2],
    ]);
  });

  it("flags a decision past 6 weeks and a final plan past 20 weeks, and a decision made late", () => {
    const [a, b, e] = result.open.rows;
    // A: final plan due 23 Feb 2026, none by 2 Mar: overdue. Decided 10 Nov, before its 17 Nov due date.
    expect(a).toMatchObject({ finalPlanDue: "2026-02-23", finalPlanOverdue: true, decisionDate: "2025-11-10", decisionLate: false, decisionOverdue: false });
    // B: decision due 12 Jan + 42 = 23 Feb 2026; still waiting on 2 Mar: overdue.
    expect(b).toMatchObject({ decisionDue: "2026-02-23", decisionOverdue: true, decisionLate: null, finalPlanOverdue: false });
    // E: decision due 16 Feb + 42 = 30 Mar 2026: not yet.
    expect(e).toMatchObject({ decisionDue: "2026-03-30", decisionOverdue: false, decisionDate: null });
    expect(a?.forename).toBe("FA");
  });

  it("counts the year's requests by the decision as it stood on the date", () => {
    // 2025/26 requests made by 2 Mar 2026: A, B, C, D, E (A's 2024 request is in 2023/24).
    // Agreed: A, D; refused: C; pending: B, and E (decided after the date).
    const counts = Object.fromEntries(result.cells.map((c) => [c.decision, c.count]));
    expect(result.academicYear).toBe("2025/26");
    expect(counts).toEqual({ all: 5, agreed: 2, refused: 1, pending: 2 });
    expect(result.cells[0]).toMatchObject({ partition: "ehc-requests|2025/26|decision", isTotal: true, of: 5 });
    expect(result.cells.find((c) => c.decision === "agreed")?.rate).toBeCloseTo(0.4, 10);
  });

  it("closes a request when its outcome is known, and reopens nothing before its request date", () => {
    // On 20 Jan 2026 D (issued 26 Jan) was still open, assessing, decided late (3 Nov after its 27 Oct due date).
    const earlier = ehcRequests(data, "2026-01-20");
    const d = earlier.open.rows.find((r) => r.pupilId === "D");
    expect(d).toMatchObject({ stage: "assessing", decisionDue: "2025-10-27", decisionLate: true });
    expect(earlier.open.rows.some((r) => r.pupilId === "E")).toBe(false);
  });

  it("gives counts of 0 and no open requests for data with no requests (an older folder)", () => {
    const none = ehcRequests(school({ pupils: [pupil("A")] }), "2026-03-02");
    expect(none.open.rows).toEqual([]);
    expect(none.cells.map((c) => [c.decision, c.n, c.rate])).toEqual([["all", 0, null], ["agreed", 0, null], ["refused", 0, null], ["pending", 0, null]]);
  });
});
