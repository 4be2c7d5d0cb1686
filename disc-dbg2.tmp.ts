import { buildReport } from "./src/lib/report/build-report.js";
import { mergeSchoolData } from "./src/lib/import/import-folder.js";
import { makeSchool } from "./tests/report/trust-builder.js";
const Y = "2024/25";
const ash = makeSchool("Ash Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 20, met: 16, absent: 3 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 8, met: 3, absent: 2 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 3, met: 0, absent: 1 },
  { academicYear: Y, yearGroup: 3, status: "N", count: 20, met: 15 },
]);
const birch = makeSchool("Birch Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 22, met: 18 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 7, met: 2 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 7, met: 1 },
]);
const cedar = makeSchool("Cedar Primary", [
  { academicYear: Y, yearGroup: 6, status: "N", count: 25, met: 20 },
  { academicYear: Y, yearGroup: 6, status: "K", count: 9, met: 4 },
  { academicYear: Y, yearGroup: 6, status: "E", count: 8, met: 2 },
]);
const trust = mergeSchoolData([cedar, ash, birch]);
const g = buildReport(trust, { asOf: "2025-07-11", audience: "governors" });
for (const s of [g, ...(g.schools ?? [])]) console.log((s as {school?: string}).school ?? "trust", s.identification.senStatus.map((c) => `${c.group}:${c.n}`).join(" "));
import { applyDisclosure, HIDDEN_BY } from "./src/lib/disclosure/apply-disclosure.js";
import { policyFor } from "./src/lib/disclosure/policy.js";
const senco = buildReport(trust, { asOf: "2025-07-11" });
const d = applyDisclosure(senco, policyFor("governors"), { pupils: trust.pupils });
const walk = (o: unknown, path: string): void => {
  if (Array.isArray(o)) o.forEach((x, i) => walk(x, `${path}[${i}]`));
  else if (o && typeof o === "object") {
    const c = o as Record<string, unknown>;
    if (c.suppressed === true && typeof c.partition === "string" && c.partition.includes("Cedar")) console.log(HIDDEN_BY.get(c), c.partition, c.group);
    for (const [k, v] of Object.entries(c)) walk(v, `${path}.${k}`);
  }
};
walk(d, "$");
