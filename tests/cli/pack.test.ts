/**
 * The published package holds the library alone: `npm pack --dry-run` lists the CLI launcher, the compiled
 * library and reference data, and no report, site or PDF, even when a build left some in `dist/` (the old
 * output folder, planted here as decoys) or `reports/`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DECOYS = ["dist/senco/index.html", "dist/governors/index.html", "dist/governors-report.pdf", "reports/senco/index.html", "reports/governors-report-2026-06-22-00000000.pdf"];

describe("npm pack", () => {
  it("lists the library alone: no report, site or PDF", () => {
    // folders made for the decoys, removed afterwards (an empty reports/senco would make sendscope report refuse reports/)
    const made = DECOYS.map((f) => mkdirSync(join(ROOT, f, ".."), { recursive: true })).filter((d): d is string => d !== undefined);
    const planted = DECOYS.filter((f) => {
      try {
        writeFileSync(join(ROOT, f), "decoy", { flag: "wx" });
        return true;
      } catch {
        return false; // already there (a real build): leave it
      }
    });
    let files: string[];
    try {
      const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    } finally {
      for (const f of planted) rmSync(join(ROOT, f), { force: true });
      for (const d of made) rmSync(d, { recursive: true, force: true });
    }
    expect(files).toContain("bin/sendscope.js");
    expect(files).toContain("dist/lib/index.js");
    expect(files.filter((f) => /\.(pdf|html)$/i.test(f) || /^(reports|dist\/senco|dist\/governors)\//.test(f))).toEqual([]);
    expect(files.filter((f) => !/^(bin\/|dist\/lib\/|dist\/data\/|README\.md$|package\.json$|LICENSE)/.test(f))).toEqual([]);
  }, 60_000);
});
