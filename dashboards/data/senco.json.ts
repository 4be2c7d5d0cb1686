// The SENCO's report (pupil-level lists included): confidential, for the SENCO build only.
import { loadDashboardReport } from "../../src/report-build/data-source.js";

process.stdout.write(JSON.stringify(await loadDashboardReport("senco")));
