// One date format for every page, caption, footer and stamp (dateLabel, src/lib/format/text.ts, which the charts
// re-export for the pages through components/charts/text.js and the documents import): the pages
// and the report build had three formatters ("7 May 2026" with short months in tables, "7 May 2026" with
// long months in two pages' captions and in the build's stamp).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dateLabel } from "../../src/lib/format/text.js";
import { dateLabel as chartsDateLabel } from "../../src/lib/charts/text.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith(".") || name === "data" || name === "node_modules") return [];
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return name === "charts" || name === "format" ? [] : sources(path);
    return /\.(md|js|ts)$/.test(name) ? [path] : [];
  });
}

describe("dateLabel", () => {
  it("writes day, full month and year, in UTC", () => {
    expect(dateLabel("2026-06-22")).toBe("22 June 2026");
    expect(dateLabel("2026-05-07")).toBe("7 May 2026");
    expect(dateLabel("2025-09-01T23:30:00+01:00")).toBe("1 September 2025"); // the date as written, not shifted
    expect(dateLabel(null)).toBe("–");
    expect(dateLabel(undefined)).toBe("–");
    expect(dateLabel("")).toBe("–");
    expect(dateLabel("not a date")).toBe("not a date");
  });
  it("is the one the charts and the pages use", () => {
    expect(chartsDateLabel).toBe(dateLabel);
  });
  it("is the only date formatter of the pages and the report build", () => {
    const found = [...sources("dashboards"), ...sources("src/report-build")]
      .filter((file) => /toLocaleDateString|toDateString\(|month: "(short|long)"/.test(readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });
});
