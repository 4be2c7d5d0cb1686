/**
 * EHC needs assessment requests are recognised by their columns and every row is accounted for
 * (fixtures/exports/ehc-requests: its NOTE.md lists each line and what it is read as; the values below are
 * read off those rows by hand). SEN2's own column names (MastodonC/witan.sen2, blade/csv.clj) are read too.
 */
import { describe, expect, it } from "vitest";
import { detectExport, isDetectionFailure } from "../../src/lib/import/detect.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { parseEhcDecision, parseEhcOutcome } from "../../src/lib/import/rows/ehc-requests.js";

describe("fixtures/exports/ehc-requests", () => {
  it("imports 6 requests, rejects 4 with line and reason, skips the blank and Total rows", async () => {
    const data = await importFolder("fixtures/exports/ehc-requests");
    const file = data.files.find((f) => f.file === "ehc-requests.csv")!;
    expect([file.kind, file.rows, file.imported, file.rejected, file.skipped]).toEqual(["ehcRequests", 12, 6, 4, 2]);
    expect(file.skippedRows?.map((s) => s.line)).toEqual([10, 13]);
    const errors = data.problems.filter((p) => p.file === "ehc-requests.csv" && p.severity === "error").map((p) => [p.line, p.code]);
    expect(errors).toEqual([[7, "unknown-decision"], [8, "out-of-order"], [9, "outcome-without-assessment"], [11, "bad-date"]]);
    const warnings = data.problems.filter((p) => p.file === "ehc-requests.csv" && p.severity === "warning").map((p) => [p.line, p.code]);
    expect(warnings).toEqual([[12, "outcome-from-date"]]);
    expect(data.ehcRequests?.map((r) => [r.pupilId, r.requestDate, r.decision, r.decisionDate, r.outcome, r.outcomeDate, r.source.line])).toEqual([
      ["E873999926540", "2025-10-06", "agreed", "2025-11-10", null, null, 2],
      ["U873999926541", "2026-01-12", "pending", null, null, null, 3],
      ["H873999926542", "2025-11-03", "refused", "2025-12-08", null, null, 4],
      ["X873999926543", "2025-09-15", "agreed", "2025-11-03", "issued", "2026-01-26", 5],
      ["L873999926544", "2025-06-02", "agreed", "2025-07-14", "notIssued", "2025-09-22", 6],
      ["X873999926543", "2026-01-05", "agreed", "2026-02-09", "issued", "2026-05-25", 12],
    ]);
  });

  it("recognises the SEN2 return's column names as an EHC requests file", () => {
    const header = ["upn", "receiveddate", "requestoutcome", "requestoutcomedate", "assessmentoutcome", "assessmentoutcomedate"];
    const detection = detectExport(header);
    expect(isDetectionFailure(detection)).toBe(false);
    if (isDetectionFailure(detection)) return;
    expect(detection.kind).toBe("ehcRequests");
    expect([...detection.columns.entries()].sort()).toEqual([
      ["decision", 2], ["decisionDate", 3], ["outcome", 4], ["outcomeDate", 5], ["requestDate", 1], ["upn", 0],
    ]);
  });

  it("reads decisions and outcomes as words, and refuses a code", () => {
    expect(["Agreed", "agreed to assess", "Declined", "Awaiting decision", "Decision not to assess"].map((t) => parseEhcDecision(t)))
      .toEqual([{ ok: true, value: "agreed" }, { ok: true, value: "agreed" }, { ok: true, value: "refused" }, { ok: true, value: "pending" }, { ok: true, value: "refused" }]);
    expect(parseEhcDecision("A").ok).toBe(false);
    expect(parseEhcOutcome("Refused to issue")).toEqual({ ok: true, value: "notIssued" });
    expect(parseEhcOutcome("EHCP issued")).toEqual({ ok: true, value: "issued" });
  });
});

describe("data made before requests were imported (no ehcRequests)", () => {
  it("stays without them through the thread codec and a merge, and a merge with some keeps every request", async () => {
    const { decodeSchoolData, encodeSchoolData } = await import("../../src/lib/import/record-columns.js");
    const { mergeSchoolData } = await import("../../src/lib/import/import-folder.js");
    const data = await importFolder("fixtures/exports/ehc-requests");
    const older = { ...data };
    delete older.ehcRequests;
    expect("ehcRequests" in decodeSchoolData(encodeSchoolData(older))).toBe(false);
    expect("ehcRequests" in mergeSchoolData([older, older])).toBe(false);
    // 6 requests in the fixture (see above), once from the folder and none from the older data.
    expect(mergeSchoolData([older, data]).ehcRequests).toHaveLength(6);
    expect(decodeSchoolData(encodeSchoolData(data)).ehcRequests).toStrictEqual(data.ehcRequests);
  });
});
