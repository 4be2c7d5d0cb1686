/**
 * Observable Framework config of the sendscope dashboards, for two builds from one source:
 * - the SENCO build (default): every page under `dashboards/`, written to `dist/senco/` (confidential:
 *   pupil-level tables; keep it off public hosting);
 * - the governors' build (`SENDSCOPE_SITE=governors`): only `dashboards/governors/` (the governors' report
 *   and its loader, which only ever sees the disclosure-controlled report), written to `dist/governors/`.
 * `SENDSCOPE_DIST` changes the base output folder (default `dist`).
 * Links: `.html` on every link (any static server, e.g. `sendscope serve` or `python3 -m http.server`).
 * Offline: no CDN fonts (globalStylesheets), libraries imported from node_modules, no build date in the footer.
 */
const site = process.env.SENDSCOPE_SITE === "governors" ? "governors" : "senco";
/** Base output folder (default `dist`; tests build elsewhere so they never touch the user's `dist/`). */
const dist = process.env.SENDSCOPE_DIST ?? "dist";

/** `sendscope report` stamps every page with the school, the date the figures describe and the input's fingerprint. */
const stamp = (process.env.SENDSCOPE_STAMP ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const footer = `sendscope: SEND analytics from the school's own MIS exports.${stamp ? ` <span class="report-stamp">${stamp}</span>` : " Figures describe the date shown on each page."}`;
/**
 * Links end in `.html` and folders in `index.html`, so the built sites work from any static server. The .ts
 * data loaders run in this node with tsx's loader (Framework's default, a `tsx` command, is a .cmd on Windows,
 * which it cannot start).
 */
const shared = { preserveIndex: true, preserveExtension: true, interpreters: { ".ts": [process.execPath, "--import", "tsx"] } };

export default site === "governors"
  ? {
    root: "dashboards/governors",
    output: `${dist}/governors`,
    title: "Governors' SEND report",
    sidebar: false,
    pager: false,
    toc: false,
    search: false,
    style: "components/style.css",
    globalStylesheets: ["observablehq:stdlib/inputs.css"],
    footer,
    ...shared,
  }
  : {
    root: "dashboards",
    output: `${dist}/senco`,
    title: "sendscope (SENCO, confidential)",
    pages: [
      { name: "Overview and SEF", path: "/" },
      { name: "Interventions", path: "/interventions" },
      { name: "SEN budget and provision", path: "/budget" },
      { name: "Classes and cohorts", path: "/classes" },
      { name: "Data quality", path: "/data-quality" },
      { name: "Governors' report", path: "/governors/" },
    ],
    pager: false,
    search: false,
    style: "components/style.css",
    globalStylesheets: ["observablehq:stdlib/inputs.css"],
    footer,
    ...shared,
  };
