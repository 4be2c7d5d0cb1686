import { describe, expect, it } from "vitest";
import { ratioGain, ratioGainBand } from "../../src/lib/interventions/ratio-gain.js";
import { monthsBetween } from "../../src/lib/cohort/dates.js";
import { placementOutcome } from "../../src/lib/interventions/outcomes.js";
import { pupil, rec } from "./build.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

describe("ratioGain", () => {
  it("divides months gained by months elapsed", () => {
    expect(ratioGain(9, 4.5)).toBe(2); // by hand: 9 / 4.5
    expect(ratioGain(-3, 6)).toBe(-0.5); // by hand: a fall in reading age
    expect(ratioGain(0, 3)).toBe(0);
  });

  it.each([
    [5, 0, /monthsElapsed must be a finite number > 0, got 0/],
    [5, -2, /monthsElapsed must be a finite number > 0, got -2/],
    [5, NaN, /monthsElapsed must be a finite number > 0/],
    [5, Infinity, /monthsElapsed must be a finite number > 0/],
    [NaN, 3, /monthsGained must be a finite number/],
  ])("ratioGain(%s, %s) throws", (g, e, message) => {
    expect(() => ratioGain(g, e)).toThrow(InvalidArgumentError);
    expect(() => ratioGain(g, e)).toThrow(message);
    expect(() => ratioGain(g, e)).toThrow(/^ratioGain: /);
  });
});

describe("ratioGainBand", () => {
  // Bands (Brooks, as given in /work/shared/domain.md): under 1.4 doubtful, 1.4–<2 modest, 2–<3 useful,
  // 3–<4 substantial, 4+ remarkable; each boundary belongs to the band above.
  it.each([
    [-1, "doubtful"],
    [0, "doubtful"],
    [1.39, "doubtful"],
    [1.4, "modest"],
    [1.99, "modest"],
    [2, "useful"],
    [2.99, "useful"],
    [3, "substantial"],
    [3.99, "substantial"],
    [4, "remarkable"],
    [12, "remarkable"],
  ])("ratioGainBand(%s) = %s", (rg, band) => {
    expect(ratioGainBand(rg)).toBe(band);
  });

  it("bands a ratio gain computed from 14 months over 10 as modest", () => {
    // by hand: 14 / 10 evaluates to the double 1.4, the modest boundary
    expect(ratioGainBand(ratioGain(14, 10))).toBe("modest");
  });

  it.each([NaN, Infinity])("throws for %s", (rg) => {
    expect(() => ratioGainBand(rg)).toThrow(/^ratioGainBand: ratioGain must be a finite number/);
  });
});

describe("monthsBetween (the one definition of a month: cohort/dates, used by ratio gains too)", () => {
  // Expected values: whole calendar months plus the remaining days / 30.4375, computed in Python with
  // datetime.date and calendar.monthrange (tests/stats/reference.py). A year is exactly 12 months.
  it.each([
    ["2024-09-16", "2024-12-13", 2.8870636550308006],
    ["2024-09-01", "2025-09-01", 12],
    ["2024-02-28", "2024-03-01", 0.06570841889117043],
    ["2025-01-10", "2024-12-10", -1],
  ])("monthsBetween(%s, %s) = %s", (s, e, months) => {
    expect(monthsBetween(s, e)).toBeCloseTo(months, 13);
  });

  it("is 0 for the same date", () => {
    expect(monthsBetween("2025-03-03", "2025-03-03")).toBe(0);
  });

  it.each([
    ["03/09/2024", "2024-12-13", /expected a date as yyyy-mm-dd, got '03\/09\/2024'/],
    ["2024-09-03", "2024-12-13T00:00", /expected a date as yyyy-mm-dd, got '2024-12-13T00:00'/],
    ["2023-02-29", "2024-12-13", /'2023-02-29' is not a calendar date/],
    ["2024-09-03", "2024-13-01", /'2024-13-01' is not a calendar date/],
  ])("monthsBetween(%s, %s) throws", (s, e, message) => {
    expect(() => monthsBetween(s, e)).toThrow(InvalidArgumentError);
    expect(() => monthsBetween(s, e)).toThrow(message);
    expect(() => monthsBetween(s, e)).toThrow(/^monthsBetween: /);
  });
});

describe("one month, one ratio gain", () => {
  it("gives an intervention placement the same months elapsed as the progress analysis (calendar months)", () => {
    // 15 September to 15 March: 6 calendar months exactly (not 181 days / 30.4375 = 5.947); 12 months of
    // reading age gained in them is a ratio gain of exactly 2 wherever the report computes it.
    const o = placementOutcome(rec({ pupilId: "p1", measure: "readingAge", entryScore: 90, exitScore: 102, entryDate: "2024-09-15", exitDate: "2025-03-15" }),
      pupil({ pupilId: "p1" }), "2025-03-15", "2025-07-01");
    expect(o.monthsElapsed).toBe(6);
    expect(o.value).toBe(2);
    expect(o.monthsElapsed).toBe(monthsBetween("2024-09-15", "2025-03-15"));
  });
});
