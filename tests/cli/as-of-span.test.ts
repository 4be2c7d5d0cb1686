/**
 * `analyse --as-of` outside the span of the data is refused (exit 2, one clear line) unless `--force`, which
 * analyses it with a warning; `--standardised-threshold` sets the threshold every label names (issue 17).
 * The sample school's data runs from its earliest admission to the end of 2025/26 (31 August 2026).
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/lib/cli/main.js";
import { capture } from "../helpers/capture.js";

describe("analyse --as-of outside the data", () => {
  it("refuses a date after the data, naming the span and --force", async () => {
    const c = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--as-of", "2030-01-01"], c.io)).toBe(2);
    const message = c.err.join("");
    expect(message).toMatch(/^sendscope analyse: buildReport: the date 2030-01-01 is outside the data, which runs from \d{4}-\d{2}-\d{2} to 2026-08-31/);
    expect(message).toMatch(/--force/);
    expect(message.trim().split("\n")).toHaveLength(1);
    expect(c.out.join("")).toBe("");
  }, 60_000);

  it("refuses a date before the data", async () => {
    const c = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--as-of", "1990-01-01"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/the date 1990-01-01 is outside the data/);
  }, 60_000);

  it("analyses it with --force, warning on stderr", async () => {
    const c = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--as-of", "2030-01-01", "--force", "--json"], c.io)).toBe(0);
    expect(c.err.join("")).toMatch(/warning: 2030-01-01 is outside the data \(.* to 2026-08-31\)/);
    const report = JSON.parse(c.out.join("")) as { meta: { generatedFor: string; dataSpan: { to: string } } };
    expect(report.meta.generatedFor).toBe("2030-01-01");
    expect(report.meta.dataSpan.to).toBe("2026-08-31");
  }, 60_000);

  it("accepts a date inside the data without a warning", async () => {
    const c = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--as-of", "2025-07-18"], c.io)).toBe(0);
    expect(c.err.join("")).toBe("");
  }, 60_000);
});

describe("analyse --standardised-threshold", () => {
  it("labels the shares with the threshold given, and refuses one outside 70–140", async () => {
    const c = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--json", "--standardised-threshold", "100"], c.io)).toBe(0);
    const report = JSON.parse(c.out.join("")) as { meta: { thresholds: Array<{ measure: string; expected: number; expectedLabel: string }> } };
    expect(report.meta.thresholds.find((t) => t.measure === "standardised")).toMatchObject({
      expected: 100, expectedLabel: "a standardised score of 100 or more (at or above the national average of 100)",
    });
    const bad = capture();
    expect(await main(["analyse", "fixtures/sample-school", "--standardised-threshold", "200"], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/must be a whole number from 70 to 140, got 200/);
  }, 60_000);
});
