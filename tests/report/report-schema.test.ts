// The committed JSON Schema of the report (src/data/report.schema.json) must be what zod generates from
// SendscopeReport. To regenerate after changing the schema: SENDSCOPE_WRITE_SCHEMA=1 npx vitest run tests/report/report-schema.test.ts
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { reportJsonSchema } from "../../src/lib/report/schema.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { handMadeSchool } from "./hand-made-school.js";

const PATH = "src/data/report.schema.json";
const generated = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
if (process.env.SENDSCOPE_WRITE_SCHEMA === "1") writeFileSync(PATH, generated);

describe("report.schema.json", () => {
  it("is up to date with SendscopeReport", () => {
    expect(readFileSync(PATH, "utf8")).toBe(generated);
  });

  it("accepts the report for each audience (checked with ajv, independently of zod)", () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(PATH, "utf8")) as object);
    for (const audience of ["senco", "governors", "public"] as const) {
      const ok = validate(JSON.parse(JSON.stringify(buildReport(handMadeSchool(), { audience }))));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(validate({ meta: {} })).toBe(false);
  });
});
