/**
 * Helpers for import tests: valid UPNs made by an independent check-letter computation (not the library's),
 * and CSV text → bytes in a chosen encoding.
 */
import iconv from "iconv-lite";

const LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** A valid UPN for a serial number, computed here independently of `src/lib/import/upn.ts`. */
export function testUpn(serial: number): string {
  const body = `2013001${String(25).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (i + 2);
  return `${LETTERS[sum % 23]}${body}`;
}

/** CSV lines joined with CRLF (or LF) and encoded. */
export function csvBytes(lines: string[], encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "windows-1252" = "utf-8", eol = "\r\n"): Buffer {
  const text = lines.join(eol) + eol;
  if (encoding === "utf-8") return Buffer.from(text, "utf8");
  if (encoding === "utf-8-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  if (encoding === "utf-16le") return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
  return iconv.encode(text, "win1252");
}
