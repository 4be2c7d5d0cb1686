/**
 * Writing CSV files the way MIS exports do: a chosen encoding (UTF-8, UTF-8 with BOM, Windows-1252,
 * UTF-16LE with BOM), CRLF or LF line ends, fields quoted only when they must be. Rows are encoded and written
 * in chunks, so a big run never holds a whole file as one string.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import iconv from "iconv-lite";

/** Encodings the generator writes. */
export type FileEncoding = "utf8" | "windows-1252" | "utf16le";

/** How one file is written. */
export interface CsvFormat {
  readonly encoding: FileEncoding;
  readonly bom: boolean;
  readonly eol: "\r\n" | "\n";
}

/**
 * One CSV field, quoted when it holds a comma, quote or line break.
 * @example
 * csvField('He said "hi", then left') // => '"He said ""hi"", then left"'
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function encode(text: string, encoding: FileEncoding): Buffer {
  const buf = iconv.encode(text, encoding === "windows-1252" ? "win1252" : encoding);
  if (encoding === "windows-1252" && iconv.decode(buf, "win1252") !== text) {
    throw new Error("writeCsv: text has characters that Windows-1252 cannot represent");
  }
  return buf;
}

/**
 * Write a header and rows to `path` in `format`, encoding ~2,000 lines at a time.
 * @throws {Error} when a Windows-1252 file would lose a character.
 * @example
 * writeCsv("/tmp/x.csv", ["a"], [["1"]], { encoding: "utf8", bom: false, eol: "\n" }) // writes "a\n1\n"
 */
export function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly string[]>,
  format: CsvFormat): void {
  const fd = openSync(path, "w");
  try {
    if (format.bom) writeSync(fd, format.encoding === "utf16le" ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]));
    let chunk: string[] = [header.map(csvField).join(",")];
    const flush = (): void => {
      if (chunk.length === 0) return;
      writeSync(fd, encode(chunk.join(format.eol) + format.eol, format.encoding));
      chunk = [];
    };
    for (const row of rows) {
      chunk.push(row.map(csvField).join(","));
      if (chunk.length >= 2000) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}
