import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NATIONAL_FIGURES, NationalFigures, loadNationalFigures, nationalFigure, nationalFigureDate,
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
  it("ship SEN support and EHC plan shares for state-funded primary and secondary schools, each as its source prints it", () => {
    const D = DEFAULT_NATIONAL_FIGURES;
    const at = (group: "K" | "E" | "SEN", phase: "primary" | "secondary" | "all", asOf: string | null) =>
      nationalFigure("senShare", group, null, D, phase, asOf);
    // January 2023 (The Key for School Leaders, from the DfE's January 2023 tables): primary 13.5% / 2.5%,
    // secondary 12.4% / 2.4%. A report of June 2025 or 2026 gets these: no later phase split is shipped.
    expect(at("K", "primary", "2025-06-22")).toMatchObject({ rate: 0.135, year: "January 2023", phase: "primary" });
    expect(at("E", "primary", "2026-06-22")).toMatchObject({ rate: 0.025, year: "January 2023" });
    expect(at("K", "secondary", "2024-01-18")).toMatchObject({ rate: 0.124, year: "January 2023" });
    expect(at("E", "secondary", "2023-01-19")?.rate).toBe(0.024);
    // January 2021 (Tes, from the DfE release): primary 12.6% / 2.1%, secondary 11.5% / 2.0%.
    expect(at("E", "primary", "2022-06-30")).toMatchObject({ rate: 0.021, year: "January 2021" });
    expect(at("K", "secondary", "2021-01-21")?.rate).toBe(0.115);
    // January 2020 (DfE 2019/20 release; secondary from Tes): primary 12.8% / 1.8%, secondary 11.1% / 1.8%.
    expect(at("K", "primary", "2020-06-01")?.rate).toBe(0.128);
    expect(at("E", "secondary", "2020-06-01")?.rate).toBe(0.018);
    // Before the earliest figure: the earliest; no date: the latest.
    expect(at("E", "primary", "2018-01-18")?.year).toBe("January 2020");
    expect(at("E", "primary", null)?.year).toBe("January 2023");
    // Any SEN: primary 18.2% (January 2025, DfE) and 19.4% (January 2026, nasen from the DfE census).
    expect(at("SEN", "primary", "2025-06-22")?.rate).toBe(0.182);
    expect(at("SEN", "primary", "2026-06-22")?.rate).toBe(0.194);
    expect(at("SEN", "secondary", "2026-06-22")?.rate).toBe(0.176);
    // All schools (an all-through school): January 2025, special schools included.
    expect(at("E", "all", "2026-06-22")).toMatchObject({ rate: 0.053, year: "January 2025" });
    expect(at("SEN", "all", "2026-06-22")).toBeNull();
    // The need mix has no phase split shipped: a primary school gets the figure for all schools.
    expect(nationalFigure("primaryNeedShare", "E", "ASD", D, "primary", "2026-06-22")).toMatchObject({ rate: 0.336 });
    // Each phase figure is written in its source as a percentage to one decimal place.
    const phased = D.figures.filter((f) => f.phase !== undefined);
    expect(phased.length).toBe(16);
    for (const f of phased) expect(f.source).toContain(`${(f.rate * 100).toFixed(1)}%`);
  });
  it("dates a figure from its year", () => {
    expect(nationalFigureDate("January 2023")).toBe("2023-01-01");
    expect(nationalFigureDate("autumn 2023/24")).toBe("2023-09-01");
    expect(nationalFigureDate("2023/24")).toBe("2023-09-01");
    expect(nationalFigureDate("2025")).toBe("2025-01-01");
    expect(nationalFigureDate("recent")).toBeNull();
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
