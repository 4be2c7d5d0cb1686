/** Text written into HTML by the report build (the landing page, the PDF's footer). */

/**
 * Text made safe to place in HTML, in an element or a quoted attribute.
 * @example
 * escapeHtml(`Smith & Jones "Primary" <School>`) // => "Smith &amp; Jones &quot;Primary&quot; &lt;School&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
