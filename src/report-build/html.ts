/** Text written into HTML by the report build (the landing page, the PDF's footer): `escapeHtml`, one for every output. */
export { escapeHtml } from "../lib/format/text.js";
