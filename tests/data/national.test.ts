import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NATIONAL_FIGURES, NationalFigures, loadNationalFigures, nationalFigure,
} from "../../src/data/national.js";
import { ImportError } from "../../src/lib/errors.js";

const dir = mkdtempSync(join(tmpdir(), "sendscope-national-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("national figures", () => {
  it("ship the figures of shared/domain.md with year and source", () => {
    expect(NationalFigures.safeParse(DEFAULT_NATIONAL_FIGURES).success).toBe(true);
    // Values as printed in shared/domain.md (DfE statistics).
    expect(nationalFigure("senShare", "K")?.rate).toBe(0.142);
    expect(nationalFigure("senShare", "E")?.rate).toBe(0.053);
    expect(nationalFigure("phonicsMet", "E")?.rate).toBe(0.2);
    expect(nationalFigure("ks2Rwm", "SEN")?.rate).toBe(0.18);
    expect(nationalFigure("ks2Rwm", "all")?.year).toBe("2025");
    expect(nationalFigure("persistentAbsence", "all")?.rate).toBe(0.207);
    expect(nationalFigure("primaryNeedShare", "E", "ASD")?.rate).toBe(0.336);
    expect(nationalFigure("primaryNeedShare", "E")).toBeNull(); // a need-specific figure needs its need
    expect(nationalFigure("ks2Rwm", "K")).toBeNull();
    expect(DEFAULT_NATIONAL_FIGURES.figures.every((f) => f.source.length > 0 && f.year.length > 0)).toBe(true);
  });
  it("loads a user's file (with a BOM) and replaces the figures", async () => {
    const p = write("good.json", "\uFEFF" + JSON.stringify({
      figures: [{ measure: "senShare", group: "K", rate: 0.15, year: "January 2026", source: "DfE 2025/26" }],
    }));
    const figures = await loadNationalFigures(p);
    expect(nationalFigure("senShare", "K", null, figures)).toMatchObject({ rate: 0.15, year: "January 2026" });
    expect(nationalFigure("senShare", "E", null, figures)).toBeNull();
  });
  it("names the file and the problem on a bad file", async () => {
    const bad = write("bad.json", JSON.stringify({ figures: [{ measure: "senShare", group: "K", rate: 14.2, year: "2025", source: "x" }] }));
    await expect(loadNationalFigures(bad)).rejects.toThrow(ImportError);
    await expect(loadNationalFigures(bad)).rejects.toThrow(/bad\.json: .*figures\.0\.rate/);
    const notJson = write("broken.json", "{ figures: ");
    await expect(loadNationalFigures(notJson)).rejects.toThrow(/broken\.json: the national figures file is not valid JSON/);
    await expect(loadNationalFigures(join(dir, "missing.json"))).rejects.toThrow(/missing\.json: cannot read/);
  });
});
