/**
 * The page at the top of a reports folder (`reports/index.html`): what `sendscope serve` shows at its address
 * and what opens from disk, with a link to each output and what each is for. Plain HTML, no script, no data:
 * it names the school, the date the figures describe and the input's fingerprint, nothing about any pupil.
 */
import { escapeHtml } from "./html.js";

/** What the landing page lists. */
export interface LandingOutputs {
  schoolName: string;
  /** The date the figures describe, in words (e.g. "22 June 2026"). */
  figuresAsAt: string;
  /** The input fingerprint's first 12 characters. */
  fingerprint: string;
  /** The governors' PDF and one-file HTML, by file name; null when no browser drew them. */
  travel: { pdf: string; html: string } | null;
}

/**
 * The landing page's HTML.
 * @example
 * landingPage({ schoolName: "Sample school", figuresAsAt: "22 June 2026", fingerprint: "391bb8f66839", travel: null }).includes('href="senco/index.html"') // => true
 */
export function landingPage(outputs: LandingOutputs): string {
  const school = escapeHtml(outputs.schoolName);
  const travel = outputs.travel === null
    ? `<li>The governors' report as a PDF and as one file: not made, as no browser was found when the reports were built (see the message <code>sendscope report</code> printed). Print the governors' site from your browser instead.</li>`
    : `<li><a href="${encodeURI(outputs.travel.pdf)}">The governors' report as a PDF</a> and <a href="${encodeURI(outputs.travel.html)}">as one file</a> that opens without a server: aggregates only, to send to governors.</li>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sendscope reports: ${school}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.muted { color: #666; }
li { margin: 0.6rem 0; }
.confidential { color: #8b0000; font-weight: 600; }
</style>
</head>
<body>
<h1>sendscope reports: ${school}</h1>
<p class="muted">Figures as at ${escapeHtml(outputs.figuresAsAt)} · input fingerprint ${escapeHtml(outputs.fingerprint)}</p>
<ul>
<li><a href="senco/index.html">The SENCO's dashboards</a>: overview and self-evaluation, interventions, data quality. <span class="confidential">Confidential: they name pupils. Never publish or send them.</span></li>
<li><a href="governors/index.html">The governors' report</a>: aggregates only, small groups hidden.</li>
${travel}
</ul>
</body>
</html>
`;
}
