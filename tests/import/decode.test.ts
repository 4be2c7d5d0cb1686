/**
 * Windows-1252 exports decoded natively (`decodeWindows1252`): the text must be exactly what `iconv-lite`, which
 * decoded them before, gives, for every byte value (so the reference is iconv-lite's own table).
 */
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeExport, decodeWindows1252 } from "../../src/lib/import/decode.js";

describe("decodeWindows1252", () => {
  it("gives iconv-lite's text for every byte value, alone and all together", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    expect(decodeWindows1252(all)).toBe(iconv.decode(all, "win1252"));
    for (let byte = 0; byte < 256; byte += 1) {
      const one = Buffer.from([0x41, byte, 0x42]);
      expect(decodeWindows1252(one)).toBe(iconv.decode(one, "win1252"));
    }
  });

  it("reads the bytes where Windows-1252 and Latin-1 differ (by hand: 0x80 is €, 0x92 is ’, 0x81 is undefined)", () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x20, 0x92, 0x81, 0xeb]))).toBe("€ ’\ufffdë");
  });

  it("is what decodeExport gives for a single-byte export", () => {
    const bytes = Buffer.from([...Buffer.from("UPN,Surname\r\nX201300125001,O"), 0x92, ...Buffer.from("Brien Zo"), 0xeb, 0x0d, 0x0a]);
    expect(decodeExport(bytes)).toEqual({ text: "UPN,Surname\r\nX201300125001,O’Brien Zoë\r\n", encoding: "windows-1252" });
  });
});
