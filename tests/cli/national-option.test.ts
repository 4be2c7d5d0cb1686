import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_NATIONAL_FIGURES } from "../../src/data/national.js";
import { runMain } from "../helpers/capture.js";

// The national figures are reference data a user can replace with a newer file (--national).
const analyse = (args: string[]) => runMain(["analyse", "fixtures/sample-school", "--json", ...args]);

describe("sendscope analyse --national", () => {
  it("compares against the figures in the given file instead of the built-in ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sendscope-national-"));
    const file = join(dir, "national.json");
    // Replace every SEN support share (the sample, a primary school, is compared with state-funded primary
    // schools' 13.5% of January 2023) with a made-up 20% so the change is visible.
    const figures = DEFAULT_NATIONAL_FIGURES.figures.map((f) =>
      f.measure === "senShare" && f.group === "K" ? { ...f, rate: 0.2, year: "2099/00", source: "test file" } : f);
    await writeFile(file, JSON.stringify({ figures }));
    const built = JSON.parse((await analyse([])).stdout) as { gaps: { national: Array<{ measure: string; group: string; gap: { nationalRate: number } }> } };
    const replaced = JSON.parse((await analyse(["--national", file])).stdout) as typeof built;
    const share = (r: typeof built) => r.gaps.national.find((c) => c.measure === "senShare" && c.group === "K")?.gap.nationalRate;
    expect(share(built)).toBe(0.135);
    expect(share(replaced)).toBe(0.2);
  });

  it("exits 2 naming the file when it is not valid", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sendscope-national-"));
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ figures: [{ measure: "nonsense" }] }));
    const { code, stderr } = await analyse(["--national", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("bad.json");
  });
});
