// The governors' report: aggregates only, after disclosure control (small groups suppressed, pupil lists removed).
import { loadDashboardReport } from "../../../src/report-build/data-source.js";

process.stdout.write(JSON.stringify(await loadDashboardReport("governors")));
