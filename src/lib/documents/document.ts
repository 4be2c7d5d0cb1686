/**
 * The SENCO's documents (SEN information report, pupil profile, report for parents) as one small model of
 * headed sections of paragraphs, lists and tables, rendered as Markdown (to paste into the school's own
 * template) and as one self-contained HTML page (printed to PDF by `src/report-build/documents/`).
 *
 * A figure of a published document is a `Figure`: the value, the JSON path it was read from in the one report
 * it came from, and the words it is printed as. Tests read every figure back from that report by its path, so
 * a document cannot print a number the disclosure audit did not see.
 */
import { escapeHtml } from "../format/text.js";

/** One figure of a document: its value, where it was read from (a JSON path into its source) and its printed text. */
export interface Figure {
  figure: true;
  /** The path into the source the value was read from, such as `identification.senStatus[2].count`. */
  path: string;
  /** The value at `path` (null: hidden or absent). */
  value: number | string | null;
  /** How the document prints it. */
  text: string;
}

/** A run of text: words, or a figure. */
export type Inline = string | Figure;

/** One block of a section. */
export type Block =
  | { kind: "paragraph"; parts: Inline[] }
  | { kind: "list"; items: Inline[][] }
  | { kind: "table"; caption: string; head: string[]; rows: Inline[][][] }
  | { kind: "note"; parts: Inline[] };

/** One headed section. */
export interface DocSection {
  title: string;
  blocks: Block[];
}

/** A whole document. */
export interface DocumentModel {
  title: string;
  /** A line under the title (the school, the pupil), or null. */
  subtitle: string | null;
  /** The dates: what the figures describe and when the document was made. */
  dateLines: string[];
  /** A marking printed above everything (`CONFIDENTIAL …`), or null. */
  marking: string | null;
  sections: DocSection[];
  /** The last line: how it was made. */
  footer: string;
}

/**
 * Every figure of a document, in reading order.
 * @example
 * figuresOf({ title: "t", subtitle: null, dateLines: [], marking: null, footer: "", sections: [{ title: "s",
 *   blocks: [{ kind: "paragraph", parts: ["In all ", { figure: true, path: "a.n", value: 5, text: "5" }, " pupils."] }] }] }).length // => 1
 */
export function figuresOf(doc: DocumentModel): Figure[] {
  const out: Figure[] = [];
  const take = (parts: readonly Inline[]) => {
    for (const p of parts) if (typeof p !== "string") out.push(p);
  };
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.kind === "paragraph" || block.kind === "note") take(block.parts);
      else if (block.kind === "list") block.items.forEach(take);
      else block.rows.forEach((row) => row.forEach(take));
    }
  }
  return out;
}

/**
 * The text of a run of inlines (figures as their printed text).
 * @example
 * inlineText(["In all ", { figure: true, path: "a.n", value: 5, text: "5" }, " pupils."]) // => "In all 5 pupils."
 */
export function inlineText(parts: readonly Inline[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * A document as Markdown (GitHub tables), to paste into a school's own template.
 * @example
 * documentMarkdown({ title: "T", subtitle: null, dateLines: ["Figures as at 1 May 2026."], marking: null, footer: "Made by sendscope.",
 *   sections: [] }) // => "# T\n\nFigures as at 1 May 2026.\n\n---\n\nMade by sendscope.\n"
 */
export function documentMarkdown(doc: DocumentModel): string {
  const out: string[] = [];
  if (doc.marking !== null) out.push(`**${doc.marking}**`, "");
  out.push(`# ${doc.title}`, "");
  if (doc.subtitle !== null) out.push(doc.subtitle, "");
  for (const line of doc.dateLines) out.push(line, "");
  for (const section of doc.sections) {
    out.push(`## ${section.title}`, "");
    for (const block of section.blocks) {
      if (block.kind === "paragraph") out.push(inlineText(block.parts), "");
      else if (block.kind === "note") out.push(`_${inlineText(block.parts)}_`, "");
      else if (block.kind === "list") out.push(...block.items.map((item) => `- ${inlineText(item)}`), "");
      else {
        out.push(`**${block.caption}**`, "");
        out.push(`| ${block.head.map(mdEscape).join(" | ")} |`, `|${block.head.map(() => " --- ").join("|")}|`);
        for (const row of block.rows) out.push(`| ${row.map((cell) => mdEscape(inlineText(cell))).join(" | ")} |`);
        out.push("");
      }
    }
  }
  out.push("---", "", doc.footer, "");
  return out.join("\n");
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: #1b1b1b; line-height: 1.45; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #2f5d8a; padding-bottom: .15rem; break-after: avoid; }
.subtitle { font-size: 1.05rem; margin: 0 0 .6rem; }
.dates { color: #444; margin: .2rem 0; }
.marking { border: 2px solid #a00; color: #a00; font-weight: bold; padding: .4rem .6rem; margin-bottom: 1rem; }
h2 + p { break-after: avoid; }
table { border-collapse: collapse; margin: .4rem 0 1rem; width: 100%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.keep { break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; break-after: avoid; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; vertical-align: top; }
th { background: #eef3f8; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
.note { color: #444; font-size: .92rem; font-style: italic; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .4rem; color: #555; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } }
`;

/**
 * Page breaks when printed: a table of up to this many lines (estimated by `estimatedLines`) is kept whole, a
 * longer one breaks between rows with its heading row repeated; a section of up to `KEEP_SECTION_LINES` is kept
 * together. An A4 page holds about 44 lines of the body text (11pt, line height 1.45, margins 16 and 18 mm).
 */
const KEEP_TABLE_LINES = 14;
const KEEP_SECTION_LINES = 14;

/**
 * About how many lines of body text a block takes when printed (a line holds about 90 characters; a table cell
 * its share of that, wrapped; a row's padding and a block's margins count as part of a line).
 */
function estimatedLines(block: Block): number {
  const wrap = (text: string, width: number) => Math.max(1, Math.ceil(text.length / Math.max(1, width)));
  if (block.kind === "paragraph" || block.kind === "note") return wrap(inlineText(block.parts), 90) + 1;
  if (block.kind === "list") return block.items.reduce((n, item) => n + wrap(inlineText(item), 85), 1);
  const width = 80 / Math.max(1, block.head.length, block.rows[0]?.length ?? 1);
  const head = block.head.every((h) => h === "") ? 0 : Math.max(...block.head.map((h) => wrap(h, width))) + 0.5;
  return 2 + head + block.rows.reduce((n, row) => n + Math.max(...row.map((cell) => wrap(inlineText(cell), width))) + 0.5, 0);
}

function inlineHtml(parts: readonly Inline[]): string {
  return parts.map((p) => escapeHtml(typeof p === "string" ? p : p.text)).join("");
}

/** Whether a table cell reads as a number (right-aligned). */
function numeric(cell: readonly Inline[]): boolean {
  const text = inlineText(cell);
  return /^(about )?[−+\-£]?[\d.,]+%?( of [\d,]+)?$/.test(text) || ["–", "hidden", "none"].includes(text);
}

/**
 * A document as one self-contained HTML page (its styles inside, no scripts, nothing loaded from elsewhere),
 * laid out for A4 when printed: a long table breaks between rows and repeats its heading row on the next page;
 * a short table or a short section (`class="keep"`) is kept together; a section's heading and its first
 * paragraph (the "Dated:" line, say) stay with what follows, as a table's caption does.
 * @example
 * documentHtml({ title: "T & U", subtitle: null, dateLines: [], marking: null, footer: "", sections: [] }).includes("<h1>T &amp; U</h1>") // => true
 */
export function documentHtml(doc: DocumentModel): string {
  const body: string[] = [];
  if (doc.marking !== null) body.push(`<p class="marking">${escapeHtml(doc.marking)}</p>`);
  body.push(`<h1>${escapeHtml(doc.title)}</h1>`);
  if (doc.subtitle !== null) body.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  for (const line of doc.dateLines) body.push(`<p class="dates">${escapeHtml(line)}</p>`);
  for (const section of doc.sections) {
    const lines = section.blocks.reduce((n, block) => n + estimatedLines(block), 3);
    body.push(lines <= KEEP_SECTION_LINES ? `<section class="keep">` : `<section>`, `<h2>${escapeHtml(section.title)}</h2>`);
    for (const block of section.blocks) {
      if (block.kind === "paragraph") body.push(`<p>${inlineHtml(block.parts)}</p>`);
      else if (block.kind === "note") body.push(`<p class="note">${inlineHtml(block.parts)}</p>`);
      else if (block.kind === "list") body.push(`<ul>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("")}</ul>`);
      else {
        // A table of labelled values (every heading empty) has no heading row.
        const head = block.head.every((h) => h === "") ? "" : `<thead><tr>${block.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
        const rows = block.rows.map((row) => `<tr>${row.map((cell, i) => (i === 0
          ? `<th scope="row">${inlineHtml(cell)}</th>`
          : `<td${numeric(cell) ? ` class="num"` : ""}>${inlineHtml(cell)}</td>`)).join("")}</tr>`).join("\n");
        const keep = estimatedLines(block) <= KEEP_TABLE_LINES ? ` class="keep"` : "";
        body.push(`<table${keep}><caption>${escapeHtml(block.caption)}</caption>${head}<tbody>\n${rows}\n</tbody></table>`);
      }
    }
    body.push(`</section>`);
  }
  body.push(`<footer>${escapeHtml(doc.footer)}</footer>`);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
