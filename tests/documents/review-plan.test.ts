/**
 * Annual-review planning (issue #18): dates worked back from each EHC plan's due date, checked against dates
 * worked out by hand (weekdays checked with Python's datetime), and the .ics file read back by a second library
 * (ical.js, Mozilla's parser) than the one that wrote it (ical-generator).
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { annualReviewPlan, phaseTransferFor } from "../../src/lib/documents/review-plan.js";
import { holidayStart, schoolDayOnOrAfter, schoolDayOnOrBefore } from "../../src/lib/documents/school-days.js";
import { pupilLabel, reviewCalendar } from "../../src/lib/documents/review-calendar.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { pupil, school, spell } from "../cohort/builders.js";
import { capture } from "../helpers/capture.js";

// Year groups are given for 2024/25; the plan is made on 3 November 2025 (2025/26).
const ASOF = "2025-11-03";
const data = school({
  pupils: [
    pupil("A", { forename: "Ada", surname: "Lee", yearGroup: 4 }), // Year 5 in 2025/26
    pupil("B", { forename: "Bo", surname: "Kim", yearGroup: 5 }), // Year 6 in 2025/26: moves to secondary in 2026
    pupil("C", { yearGroup: 2 }),
    pupil("D", { yearGroup: 2 }),
    pupil("F", { yearGroup: 1 }),
    pupil("K", { yearGroup: 3 }), // SEN support, no plan
    pupil("L", { yearGroup: 3, leavingDate: "2025-07-20" }), // left
  ],
  senRegister: [
    spell("A", "E", { ehcPlanDate: "2023-03-01", lastAnnualReview: "2025-03-10" }),
    spell("B", "E", { ehcPlanDate: "2022-05-01", lastAnnualReview: "2024-12-15" }),
    spell("C", "E", { ehcPlanDate: "2024-09-01" }),
    spell("D", "E"),
    spell("F", "E", { lastAnnualReview: "2025-01-05" }),
    spell("K", "K"),
    spell("L", "E", { lastAnnualReview: "2025-01-05" }),
  ],
});

describe("annualReviewPlan", () => {
  const plan = annualReviewPlan(data, ASOF);
  const row = (id: string) => plan.rows.find((r) => r.pupilId === id)!;

  it("lists every pupil on roll with an EHC plan on the date, most urgent first", () => {
    expect(plan.rows.map((r) => [r.pupilId, r.status])).toEqual([["C", "overdue"], ["B", "act now"], ["D", "no date"], ["F", "planned"], ["A", "planned"]]);
  });

  it("works back from the due date: meeting two weeks early on a weekday, notice and advice two weeks before, report two weeks after", () => {
    // Last review Tue 10 March 2025: due Tue 10 March 2026; meeting two weeks before, Tue 24 February 2026;
    // advice asked six weeks before it (Tue 13 January); invitations and advice out by 10 February; report by
    // 10 March; the authority's decision by 24 March (four weeks).
    expect(row("A")).toMatchObject({
      yearGroup: 5, dueDate: "2026-03-10", meetingBy: "2026-03-10", meeting: "2026-02-24", askForAdvice: "2026-01-13",
      invitationsBy: "2026-02-10", adviceOutBy: "2026-02-10", reportBy: "2026-03-10", decisionBy: "2026-03-24", phaseTransfer: null, note: null,
    });
  });

  it("brings a Year 6 review forward for the transfer to secondary school (amended plan by 15 February, Code 9.179)", () => {
    // Due 15 December 2025, but the plan must be amended by 15 February 2026: the meeting by 12 weeks before,
    // Sun 23 November 2025. Two weeks before that is Sun 9 November → Fri 7 November, but notice given today
    // (3 November) allows Mon 17 November at the earliest; the advice should have been asked for already.
    expect(row("B")).toMatchObject({
      yearGroup: 6, dueDate: "2025-12-15", meetingBy: "2025-11-23", meeting: "2025-11-17", askForAdvice: ASOF,
      invitationsBy: ASOF, reportBy: "2025-12-01", phaseTransfer: { deadline: "2026-02-15" }, status: "act now",
    });
  });

  it("calls a review overdue when its due date has passed, and plans it at the earliest date notice allows", () => {
    // Plan of 1 September 2024, no review: due 1 September 2025; the earliest meeting is 17 November 2025.
    expect(row("C")).toMatchObject({ dueDate: "2025-09-01", meeting: "2025-11-17", status: "overdue" });
  });

  it("keeps meetings out of the Christmas holidays (a meeting on Mon 22 December moves to Fri 19 December)", () => {
    expect(row("F")).toMatchObject({ dueDate: "2026-01-05", meeting: "2025-12-19", askForAdvice: "2025-11-07", status: "planned" });
  });

  it("says when no plan or review date is recorded", () => {
    expect(row("D")).toMatchObject({ dueDate: null, meeting: null, status: "no date" });
    expect(row("D").note).toMatch(/no EHC plan date/);
  });

  it("refuses a malformed date or a negative number of weeks", () => {
    expect(() => annualReviewPlan(data, "3/11/2025")).toThrow(/yyyy-mm-dd/);
    expect(() => annualReviewPlan(data, ASOF, { adviceWeeks: -1 })).toThrow(/adviceWeeks/);
  });

  it("has date helpers that agree with the calendar", () => {
    expect(schoolDayOnOrBefore("2025-11-09")).toBe("2025-11-07"); // Sunday → Friday
    expect(schoolDayOnOrAfter("2025-11-08")).toBe("2025-11-10"); // Saturday → Monday
    expect(holidayStart("2026-01-02")).toBe("2025-12-21");
    expect(holidayStart("2026-09-01")).toBeNull();
    expect(phaseTransferFor(11, "2025/26")).toEqual({ deadline: "2026-03-31", what: "moving to post-16 education (Year 11)" });
  });
});

describe("reviewCalendar (.ics), read back with ical.js", () => {
  const plan = annualReviewPlan(data, ASOF);
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

  it("holds four all-day events for each plan with a meeting, on the plan's dates", () => {
    const events = parse(reviewCalendar(plan));
    expect(events).toHaveLength(4 * 4); // A, B, C, F (D has no date)
    const ada = events.filter((e) => e.summary.includes("A.L. (Year 5)"));
    expect(ada.map((e) => [e.startDate.toString(), e.startDate.isDate])).toEqual([
      ["2026-01-13", true], ["2026-02-10", true], ["2026-02-24", true], ["2026-03-10", true],
    ]);
    expect(ada[2]!.summary).toBe("EHC annual review meeting: A.L. (Year 5)");
    expect(ada[2]!.description).toContain("Review due by 10 March 2026");
    const bo = events.find((e) => e.summary === "EHC annual review meeting: B.K. (Year 6)")!;
    expect(bo.description).toContain("the amended plan must be issued by 15 February 2026");
  });

  it("names pupils by initials unless asked, never by UPN, and gives stable ids that are not the pupil's id", () => {
    const text = reviewCalendar(plan);
    expect(text).not.toMatch(/Ada|Lee|Bo Kim/);
    const named = parse(reviewCalendar(plan, { names: true }));
    expect(named.some((e) => e.summary === "EHC annual review meeting: Ada Lee (Year 5)")).toBe(true);
    const ids = parse(text).map((e) => e.uid);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{24}@sendscope$/.test(id))).toBe(true);
    expect(reviewCalendar(plan)).toBe(text); // deterministic: no clock
    expect(pupilLabel({ forename: "Ada", surname: "Lee", yearGroup: null }, false)).toBe("A.L.");
  });

  it("writes no UPN for the sample school's plans", async () => {
    const sample = await importFolder("fixtures/sample-school");
    const text = reviewCalendar(annualReviewPlan(sample, "2026-06-22"));
    expect(parse(text).length).toBeGreaterThan(40);
    for (const p of sample.pupils) {
      if (p.upn !== null) expect(text.includes(p.upn)).toBe(false);
    }
    expect(text).not.toMatch(/[A-Z]\d{11}[0-9A-Z]/);
  });
});

describe("sendscope reviews", () => {
  it("prints the plan and writes the calendar; a missing folder is exit 2", async () => {
    const { main } = await import("../../src/lib/cli/main.js");
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "sendscope-reviews-"));
    try {
      const { io, out, err } = capture();
      const ics = join(dir, "reviews.ics");
      expect(await main(["reviews", "fixtures/sample-school", "--as-of", "2026-06-22", "--ics", ics], io)).toBe(0);
      const text = out.join("");
      expect(text.split("\n")[0]).toBe("EHC annual reviews planned on 22 June 2026 (CONFIDENTIAL: names pupils)");
      // 17 pupils with EHC plans on roll on 22 June 2026, 2 of them overdue: as the SENCO's report counts them
      // in its reviews section (ehcReviews, an independent computation of the due dates).
      const plan = annualReviewPlan(await importFolder("fixtures/sample-school"), "2026-06-22");
      const senco = (await import("../../src/lib/cohort/ehc-reviews.js")).ehcReviews(await importFolder("fixtures/sample-school"), "2026-06-22");
      expect(plan.rows).toHaveLength(17);
      expect(senco.cells.find((c) => c.isTotal)?.n).toBe(17);
      expect(plan.rows.filter((r) => r.dueDate !== null && r.dueDate < "2026-06-22").map((r) => r.pupilId).sort())
        .toEqual(senco.due.rows.filter((r) => r.status === "overdue").map((r) => r.pupilId).sort());
      expect(plan.rows.map((r) => [r.pupilId, r.dueDate])).toEqual(expect.arrayContaining(senco.due.rows.map((r) => [r.pupilId, r.dueDate])));
      expect(text).toContain("Calendar: ");
      expect(new ICAL.Component(ICAL.parse(readFileSync(ics, "utf8"))).getAllSubcomponents("vevent")).toHaveLength(17 * 4);
      expect(await main(["reviews", "no/such/folder"], io)).toBe(2);
      expect(err.join("")).toMatch(/^sendscope reviews: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
