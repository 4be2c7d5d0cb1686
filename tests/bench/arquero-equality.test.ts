/**
 * The arquero trial (issue #16) is a fair race only if arquero computes the same figures: on the sample school
 * and on a generated 2,000-pupil, 4-school trust, the shared aggregates written in arquero
 * (`src/bench/arquero-aggregates.ts`, over `toTables`) equal the library's (`sendscopeAggregates`) and, on
 * the trust, DuckDB's from the raw CSVs (`duckdbAggregates`, the independent computation): every cell and
 * figure, counts exactly, rates and means to 1e-12. Per school (identification, attendance and suspensions by SEN
 * status), arquero's one `groupby` over the trust equals the library's analyses run school by school.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { cellCounts, compareAggregates, sendscopeAggregates } from "../../src/bench/aggregates.js";
import { arqueroAggregates } from "../../src/bench/arquero-aggregates.js";
import { duckdbAggregates } from "../../src/bench/duckdb-aggregates.js";
import { arqueroPerSchool, libraryPerSchool } from "../../src/bench/per-school-aggregates.js";
import { toTables } from "../../src/lib/tables/to-tables.js";
import type { Figures, SharedAggregates } from "../../src/bench/aggregates.js";
import { generatedFolder } from "../helpers/generated-folder.js";

/** One table of figures in the shape `compareAggregates` reads. */
const asTable = (figures: Record<string, Figures>): SharedAggregates => ({ asOf: "", attainment: figures, gaps: {}, identification: {}, attendance: {} });

const DATES = ["2026-07-17", "2025-03-01", "2024-01-20"];

describe("arquero computes the library's shared aggregates on the sample school", () => {
  let data: SchoolData;
  beforeAll(async () => {
    data = await importFolder("fixtures/sample-school");
  }, 60_000);

  for (const asOf of DATES) {
    it(`on ${asOf}`, () => {
      const ours = sendscopeAggregates(data, asOf);
      const theirs = arqueroAggregates(data, asOf);
      expect(cellCounts(ours).attainment).toBeGreaterThan(10);
      expect(cellCounts(theirs)).toEqual(cellCounts(ours));
      expect(compareAggregates(ours, theirs, 1e-12)).toEqual([]);
    }, 60_000);
  }
});

describe("arquero, the library and DuckDB agree on a generated trust", () => {
  const trust = generatedFolder("sendscope-arquero-", { seed: 20260717, pupils: 2000, schools: 4 }, 120_000);

  for (const asOf of DATES) {
    it(`on ${asOf}`, async () => {
      const theirs = arqueroAggregates(trust.data, asOf);
      const counts = cellCounts(theirs);
      expect(counts.attainment).toBeGreaterThan(10);
      expect(counts.identification).toBeGreaterThan(10);
      expect(counts.attendance).toBe(5); // all, N, K, E, SEN
      expect(compareAggregates(sendscopeAggregates(trust.data, asOf), theirs, 1e-12)).toEqual([]);
      expect(compareAggregates(await duckdbAggregates(trust.dir, asOf, 1), theirs, 1e-12)).toEqual([]);
    }, 120_000);
  }

  for (const asOf of DATES) {
    it(`per school on ${asOf}: identification, attendance and suspensions by SEN status`, () => {
      const ours = libraryPerSchool(trust.data, asOf);
      const theirs = arqueroPerSchool(toTables(trust.data), asOf);
      // 4 schools × (on roll, N, K, E, SEN; attendance and suspensions for all, N, K, E, SEN)
      expect(Object.keys(theirs).length).toBeGreaterThanOrEqual(4 * 13);
      expect(Object.keys(theirs).filter((k) => k.endsWith("|suspensions|all")).length).toBe(4);
      expect(compareAggregates(asTable(ours), asTable(theirs), 1e-12)).toEqual([]);
    }, 120_000);
  }

  it("the comparison notices one pupil moved from K to E", () => {
    const theirs = arqueroAggregates(trust.data, "2026-07-17");
    const moved = structuredClone(theirs);
    moved.identification["status|K"]!.count! -= 1;
    moved.identification["status|E"]!.count! += 1;
    expect(compareAggregates(theirs, moved).map((d) => d.key).sort()).toEqual(["status|E", "status|K"]);
  });
});
