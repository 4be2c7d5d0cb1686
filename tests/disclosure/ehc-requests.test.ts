// EHC needs assessment requests for governors: which figures are hidden, and why, on hand-built schools.
// Each request counts one pupil, so a decision's count is a group of pupils (`n` = `count`, as in the SEN status
// table): a count of 1 to 5 is hidden by the group rule (threshold 6), and the audit asks that a reader cannot
// narrow it to below n + 3 (protection level ⌈6 ÷ 2⌉ = 3, `audit-model.ts`). Every expected pattern is worked out
// by hand in its test.
import { describe, expect, it } from "vitest";
import { ehcRequests } from "../../src/lib/cohort/ehc-requests.js";
import { applyDisclosure } from "../../src/lib/disclosure/apply-disclosure.js";
import { policyFor } from "../../src/lib/disclosure/policy.js";
import type { EhcRequest } from "../../src/lib/schema/records.js";
import { pupil } from "../cohort/builders.js";

/** A school with `agreed`, `refused` and `pending` requests made in 2025/26; what governors are given. */
function published(agreed: number, refused: number, pending: number): Record<string, { n: number | null; count: number | null; suppressed: boolean }> {
  const decisions = [...Array<"agreed">(agreed).fill("agreed"), ...Array<"refused">(refused).fill("refused"), ...Array<"pending">(pending).fill("pending")];
  const pupils = decisions.map((_, i) => pupil(`P${i + 1}`));
  const requests: EhcRequest[] = decisions.map((decision, i) => ({
    pupilId: `P${i + 1}`, requestDate: "2025-10-06", decision, decisionDate: decision === "pending" ? null : "2025-11-10",
    outcome: null, outcomeDate: null, source: { file: "ehc-requests.csv", line: i + 2 },
  }));
  const result = ehcRequests({ pupils, ehcRequests: requests }, "2026-06-22");
  const shown = applyDisclosure(result.cells, policyFor("governors"));
  return Object.fromEntries(shown.map((c) => [c.decision, { n: c.n, count: c.count, suppressed: c.suppressed === true }]));
}

describe("EHC needs assessment requests for governors (hand-built schools)", () => {
  it("8 requests, 5 agreed, 1 refused, 2 pending (the sample school): all hidden, and the total must be", () => {
    const p = published(5, 1, 2);
    // 5, 1 and 2 are each under 6: hidden by the group rule. With the total 8 shown, the audit takes each hidden
    // count as at least 1 (a hidden size is at least 1, `audit-model.ts`; a count of none of a group under 11 is
    // hidden too, as the next test shows, which only widens a reader's range), so agreed ≤ 8 − 1 − 1 = 6 < 5 + 3
    // = 8: the audit hides the total too. Nothing else was there to hide, so nothing is over-suppressed.
    expect(p.all).toEqual({ n: null, count: null, suppressed: true });
    expect([p.agreed!.suppressed, p.refused!.suppressed, p.pending!.suppressed]).toEqual([true, true, true]);
  });

  it("9 requests, 5 agreed, 4 refused: both hidden, the total shown (the audit, not the total's size, hid the 8 above)", () => {
    const p = published(5, 4, 0);
    // agreed + refused + pending = 9: agreed in 1..8, covering 5..8; refused in 1..8, covering 4..7. So the
    // total of 9 passes the audit and is shown: the sample's total of 8 was hidden because 8 − 1 − 1 = 6 < 8.
    // None pending is 0% of 9 requests, a group under 11: hidden by the numerator rule (all or none of a small
    // group), so that "every request was decided" is not published.
    expect([p.all!.count, p.agreed!.suppressed, p.refused!.suppressed, p.pending!.count]).toEqual([9, true, true, null]);
  });

  it("14 requests, 8 agreed, 6 refused, 0 pending: everything shown (none under 6; an empty count is 0, not hidden)", () => {
    const p = published(8, 6, 0);
    expect([p.all!.count, p.agreed!.count, p.refused!.count, p.pending!.count]).toEqual([14, 8, 6, 0]);
  });

  it("12 requests, 9 agreed, 3 refused: refused hidden, agreed with it (else 12 − 9 = 3), the total and the 0 pending shown", () => {
    const p = published(9, 3, 0);
    // Reader's range for refused: agreed + refused = 12, agreed ≥ 1, so refused in 1..11, covering 3..6.
    expect([p.all!.count, p.agreed!.suppressed, p.refused!.suppressed, p.pending!.count]).toEqual([12, true, true, 0]);
  });

  it("20 requests, 12 agreed, 6 refused, 2 pending: pending hidden and the smaller other (refused), total and agreed shown", () => {
    const p = published(12, 6, 2);
    // refused + pending = 20 − 12 = 8, each ≥ 1: pending in 1..7, covering its 2..5; refused in 1..7 (it was
    // hidden to protect pending, not for itself).
    expect([p.all!.count, p.agreed!.count, p.refused!.suppressed, p.pending!.suppressed]).toEqual([20, 12, true, true]);
  });
});
