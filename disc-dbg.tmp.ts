import { importFolder } from "./src/lib/import/import-folder.js";
import { buildReport } from "./src/lib/report/build-report.js";
const data = await importFolder("/tmp/disc-t3");
const senco = buildReport(data, { asOf: "2026-07-17" });
for (const s of [senco.identification, ...(senco.schools ?? []).map((x) => x.identification)]) {
  for (const c of [...s.senStatus, ...s.needMix.filter((c) => c.partition.endsWith("|K"))]) console.log(c.partition, c.group, c.n);
}
try { buildReport(data, { asOf: "2026-07-17", audience: "governors" }); console.log("ok"); } catch (e) { console.log(String(e)); }
