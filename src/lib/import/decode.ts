/**
 * Turn the bytes of an export into text. MIS exports come as UTF-8 (with or without a byte-order mark),
 * UTF-16LE (SIMS and Excel "Unicode text") or Windows-1252 (older Excel "CSV"). A BOM decides; otherwise
 * bytes that are valid UTF-8 are UTF-8; otherwise a UTF-16 byte pattern, else the single-byte
 * Windows-1252 family, and `iconv-lite` decodes. Text with NUL bytes or many control characters is not an
 * export: it is reported, never parsed.
 */
import iconv from "iconv-lite";

/** Decoded text and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
}

/** Why bytes could not be decoded as a text export. */
export interface DecodeFailure {
  reason: string;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A control character other than tab, CR and LF, or the replacement character. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

function looksLikeBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  // Most exports have none at all: one native scan settles it, and only text with some is counted.
  if (!SUSPECT.test(text)) return false;
  let control = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control += 1;
  }
  return control > Math.max(2, text.length * 0.01);
}

function guessUtf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = Math.min(bytes.length, 4000) & ~1;
  if (sample < 4) return null;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) zeroEven += 1;
    if (bytes[i + 1] === 0) zeroOdd += 1;
  }
  const pairs = sample / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return "utf-16le";
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return "utf-16be";
  return null;
}

/** Windows-1252's characters for bytes 0x80–0x9f, where it differs from Latin-1 (U+FFFD for the five it leaves undefined, as `iconv-lite` gives). */
const WINDOWS_1252_HIGH = "€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ";
const LATIN1_ONLY = /[\x80-\x9f]/;
const LATIN1_ONLY_ALL = /[\x80-\x9f]/g;

/**
 * Windows-1252 bytes as text: the same text as `iconv.decode(bytes, "win1252")`, decoded natively as Latin-1
 * (which it is but for bytes 0x80–0x9f) and those few bytes, if any, put right from the table above.
 * @example
 * decodeWindows1252(Buffer.from([0x5a, 0x6f, 0xeb, 0x80])) // => "Zoë€"
 */
export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString("latin1");
  if (!LATIN1_ONLY.test(latin1)) return latin1;
  return latin1.replace(LATIN1_ONLY_ALL, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/**
 * Decode an export's bytes to text, detecting the encoding.
 * @example
 * decodeExport(Buffer.from("\uFEFFUPN,Surname\r\n", "utf8")) // => { text: "UPN,Surname\r\n", encoding: "utf-8-bom" }
 * decodeExport(Buffer.from([0x5a, 0x6f, 0xeb])) // => { text: "Zoë", encoding: "windows-1252" }
 */
export function decodeExport(bytes: Uint8Array): DecodedText | DecodeFailure {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decoded: DecodedText;
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    decoded = { text: buffer.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  } else if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    decoded = { text: iconv.decode(buffer.subarray(2), "utf-16le"), encoding: "utf-16le" };
  } else if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    decoded = { text: iconv.decode(buffer.subarray(2), "utf-16be"), encoding: "utf-16be" };
  } else {
    const utf16 = guessUtf16WithoutBom(buffer);
    if (utf16 !== null) {
      decoded = { text: iconv.decode(buffer, utf16), encoding: utf16 };
    } else {
      try {
        decoded = { text: strictUtf8.decode(buffer), encoding: "utf-8" };
      } catch {
        // Not UTF-8, and no UTF-16 BOM or pattern (handled above): a single-byte export, read as Windows-1252.
        // (chardet was asked here before; its UTF-16 answers need a BOM, which never reaches this branch, so
        // it always came to Windows-1252, at a cost of seconds on a large file.)
        decoded = { text: decodeWindows1252(buffer), encoding: "windows-1252" };
      }
    }
  }
  if (looksLikeBinary(decoded.text)) {
    return { reason: "this is not a text file (it holds binary data); export the report again as CSV" };
  }
  return decoded;
}

/**
 * Whether `decodeExport` failed.
 * @example
 * isDecodeFailure({ reason: "…" }) // => true
 */
export function isDecodeFailure(result: DecodedText | DecodeFailure): result is DecodeFailure {
  return "reason" in result;
}
