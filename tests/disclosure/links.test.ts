// linkGapsAndAttendance on hand-made cells: each gap figure depends on the cells of its own group and of N at
// its own subject, measure, point and year group, whatever the order of the points.
import { describe, expect, it } from "vitest";
import { type GapSections, linkGapsAndAttendance } from "../../src/lib/disclosure/links.js";

type Cell = GapSections["attainment"]["cells"][number];
type Gap = GapSections["gaps"]["attainment"][number];

const head = (point: string, yearGroup: number | null) =>
  ({ subject: "reading", measure: "scaled", point, academicYear: point.slice(0, 7), term: "summer", yearGroup }) as const;
const cellsOf = (point: string, yearGroup: number | null): Cell[] => {
  const p = `attainment|${point}|${yearGroup ?? "all"}`;
  const cell = (dimension: string, group: string, isTotal = false) => ({ partition: `${p}|${dimension}`, ...head(point, yearGroup), dimension, group, isTotal }) as unknown as Cell;
  return [cell("senStatus", "all", true), cell("senStatus", "N"), cell("senStatus", "K"), cell("senStatus", "E"),
    cell("senAny", "all", true), cell("senAny", "SEN"), cell("senAny", "N")];
};
const gapOf = (point: string, yearGroup: number | null, group: "K" | "E" | "SEN"): Gap =>
  ({ ...head(point, yearGroup), group, comparison: "N", expected: { n: 1 }, higher: null, mean: { n: 1 } }) as unknown as Gap;

describe("linkGapsAndAttendance", () => {
  it("links each gap figure to its group's and N's cells of the same point and year group", () => {
    const cells = [...cellsOf("2024/25 summer", 4), ...cellsOf("2024/25 summer", 5), ...cellsOf("2023/24 summer", null)];
    // Gaps in another order than the cells, one of a point with no cells.
    const gaps = [gapOf("2023/24 summer", null, "SEN"), gapOf("2024/25 summer", 5, "K"), gapOf("2024/25 summer", 4, "E"), gapOf("2022/23 summer", 4, "K")];
    linkGapsAndAttendance({ attainment: { cells }, gaps: { attainment: gaps }, attendance: { cells: [], national: [] } });
    const dependsOn = (g: Gap) => (g.expected as unknown as { dependsOn?: unknown }).dependsOn;
    expect(dependsOn(gaps[0]!)).toEqual([
      { partition: "attainment|2023/24 summer|all|senAny", group: "SEN" }, { partition: "attainment|2023/24 summer|all|senAny", group: "N" },
    ]);
    expect(dependsOn(gaps[1]!)).toEqual([
      { partition: "attainment|2024/25 summer|5|senStatus", group: "K" }, { partition: "attainment|2024/25 summer|5|senStatus", group: "N" },
    ]);
    expect((gaps[2]!.mean as unknown as { dependsOn?: unknown }).dependsOn).toEqual([
      { partition: "attainment|2024/25 summer|4|senStatus", group: "E" }, { partition: "attainment|2024/25 summer|4|senStatus", group: "N" },
    ]);
    expect(dependsOn(gaps[3]!)).toBeUndefined(); // no cells of 2022/23
  });
});
