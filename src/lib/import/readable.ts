/**
 * Which files in a folder of exports the import reads, and, for every other file, why not and what to do.
 * One list of readable extensions (`READABLE_EXTENSIONS`): a reader for a new format adds its extension here
 * and nowhere else, and every file not read is reported (`validate` lists them), never dropped without a word.
 */

/**
 * The extensions (lower case, no dot) of the files the import reads: delimited text (`.csv`, `.txt` with the
 * delimiter found from the header line, `.tsv` always tab), Excel workbooks (`.xlsx`, one table per sheet)
 * and the DfE Common Transfer File (`.xml`); see `formats/`.
 * @example
 * READABLE_EXTENSIONS.has("xlsx") // => true
 */
export const READABLE_EXTENSIONS: Set<string> = new Set(["csv", "tsv", "txt", "xlsx", "xml"]);

/** The name of the column-mapping file the import reads from a folder (it is read, not reported). */
const MAPPING_FILE = "sendscope.mapping.json";

/** Files an operating system or an editor writes beside any file: never exports, so never listed. */
const SYSTEM_FILES = new Set(["thumbs.db", "desktop.ini", ".ds_store"]);

/**
 * A file's extension, lower case, without the dot ("" when it has none).
 * @example
 * extensionOf("Marks/Y4 Reading.XLSX") // => "xlsx"
 */
export function extensionOf(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether the import reads a file (its extension is in `READABLE_EXTENSIONS`).
 * @example
 * isReadableFile("pupils.csv") // => true
 * isReadableFile("marks.xls") // => false
 */
export function isReadableFile(file: string): boolean {
  return READABLE_EXTENSIONS.has(extensionOf(file));
}

/**
 * Whether a file is neither read nor reported: the folder's column mapping (it is read as the mapping), hidden
 * files (a name starting with "."), files the operating system writes (`Thumbs.db`, `desktop.ini`), and the
 * lock files Office leaves beside an open document (`~$marks.xlsx`).
 * @example
 * isIgnoredFile(".DS_Store") // => true
 * isIgnoredFile("marks.xlsx") // => false
 */
export function isIgnoredFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return name === MAPPING_FILE || name.startsWith(".") || name.startsWith("~$") || SYSTEM_FILES.has(name.toLowerCase());
}

/** What each kind of unread file is, and what to do about it. */
const ADVICE: ReadonlyArray<[readonly string[], string]> = [
  [["xls", "xlsm", "xlsb", "ods", "numbers"], "a spreadsheet workbook in a format sendscope does not read (it reads .xlsx): open it and save it as 'Excel Workbook (.xlsx)' or each sheet that holds pupil data as 'CSV UTF-8 (Comma delimited)' in this folder"],
  [["tab"], "tab-separated text: rename it to end in .tsv (sendscope reads tab-separated .tsv and .txt files)"],
  [["json"], `a JSON file, which is not an export sendscope reads (a column mapping must be named ${MAPPING_FILE})`],
  [["pdf", "doc", "docx", "odt", "rtf", "html", "htm"], "a document, not a data export: run the report in the MIS again and export it as CSV"],
  [["zip", "7z", "rar", "gz"], "a compressed archive: extract its files into this folder"],
  [["md", "markdown"], "a text note, not a data export: nothing to do if it holds no pupil data"],
  [["png", "jpg", "jpeg", "gif"], "an image, not a data export: nothing to do"],
];

/**
 * Why a file is not read and what to do, in plain English (for `validate`).
 * @example
 * unreadReason("scan.pdf") // => "a document, not a data export: run the report in the MIS again and export it as CSV"
 */
export function unreadReason(file: string): string {
  const extension = extensionOf(file);
  for (const [extensions, advice] of ADVICE) if (extensions.includes(extension)) return advice;
  const readable = [...READABLE_EXTENSIONS].map((e) => `.${e}`).join(", ");
  return `${extension === "" ? "a file with no extension" : `a .${extension} file`}, which sendscope does not read (it reads ${readable}): if it holds pupil data, export it from its system as CSV`;
}
