/**
 * Finding Chrome, Chromium or Edge on a machine faked by its platform, environment and files. The install
 * locations are the vendors' defaults (Chrome: %ProgramFiles%\Google\Chrome\Application\chrome.exe and the
 * per-user %LocalAppData% install; Edge: %ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe; macOS:
 * /Applications/<App>.app/Contents/MacOS/<App>; Debian/Ubuntu: /usr/bin/chromium, /usr/bin/google-chrome).
 */
import { describe, expect, it } from "vitest";
import { browserCandidates, findBrowser } from "../../src/report-build/find-browser.js";

const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe("findBrowser", () => {
  it("Windows: Edge where Windows 10 and 11 install it, when Chrome is absent", () => {
    const env = { ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)", LOCALAPPDATA: "C:\\Users\\senco\\AppData\\Local" };
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(findBrowser({ platform: "win32", env, isFile: only(edge) })).toEqual({ path: edge, how: `found at ${edge}` });
    const userChrome = "C:\\Users\\senco\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe";
    expect(findBrowser({ platform: "win32", env, isFile: only(edge, userChrome) }).path).toBe(userChrome); // Chrome first
  });

  it("macOS: the app bundles in /Applications and ~/Applications", () => {
    const edge = "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge";
    expect(findBrowser({ platform: "darwin", env: { HOME: "/Users/s" }, isFile: only(edge) }).path).toBe(edge);
    const mine = "/Users/s/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(findBrowser({ platform: "darwin", env: { HOME: "/Users/s" }, isFile: only(mine) }).path).toBe(mine);
  });

  it("Linux: commands on PATH first, then the usual places", () => {
    expect(findBrowser({ platform: "linux", env: { PATH: "/home/s/bin:/usr/bin" }, isFile: only("/home/s/bin/google-chrome", "/usr/bin/chromium") }).path).toBe("/home/s/bin/google-chrome");
    expect(findBrowser({ platform: "linux", env: { PATH: "" }, isFile: only("/snap/bin/chromium") }).path).toBe("/snap/bin/chromium");
    expect(browserCandidates({ platform: "linux", env: { PATH: "/usr/bin" }, isFile: () => false })).toContain("/usr/bin/chromium-browser");
  });

  it("SENDSCOPE_BROWSER wins, and when it names no file nothing else is tried (and says why)", () => {
    expect(findBrowser({ platform: "linux", env: { SENDSCOPE_BROWSER: "/opt/b/chrome", PATH: "/usr/bin" }, isFile: only("/opt/b/chrome", "/usr/bin/chromium") }).path).toBe("/opt/b/chrome");
    expect(findBrowser({ platform: "linux", env: { SENDSCOPE_BROWSER: "/nowhere", PATH: "/usr/bin" }, isFile: only("/usr/bin/chromium") })).toEqual({ path: null, why: "SENDSCOPE_BROWSER=/nowhere is not a file" });
  });

  it("SENDSCOPE_CHROMIUM, the deprecated alias, is read only when SENDSCOPE_BROWSER is not set, and says it is deprecated", () => {
    expect(findBrowser({ platform: "linux", env: { SENDSCOPE_CHROMIUM: "/opt/c/chromium", PATH: "/usr/bin" }, isFile: only("/opt/c/chromium", "/usr/bin/chromium") }))
      .toEqual({ path: "/opt/c/chromium", how: "SENDSCOPE_CHROMIUM=/opt/c/chromium (SENDSCOPE_CHROMIUM is deprecated: use SENDSCOPE_BROWSER)" });
    expect(findBrowser({ platform: "linux", env: { SENDSCOPE_BROWSER: "/opt/b/chrome", SENDSCOPE_CHROMIUM: "/opt/c/chromium" }, isFile: only("/opt/b/chrome", "/opt/c/chromium") }).path).toBe("/opt/b/chrome");
    expect(findBrowser({ platform: "linux", env: { SENDSCOPE_BROWSER: " ", SENDSCOPE_CHROMIUM: "/nowhere" }, isFile: () => false }))
      .toEqual({ path: null, why: "SENDSCOPE_CHROMIUM=/nowhere is not a file (SENDSCOPE_CHROMIUM is deprecated: use SENDSCOPE_BROWSER)" });
  });

  it("none at all: null, with the reason", () => {
    expect(findBrowser({ platform: "linux", env: { PATH: "/usr/bin" }, isFile: () => false })).toEqual({ path: null, why: "no Chrome, Chromium or Edge found" });
  });
});

describe("npm run report's arguments", async () => {
  const { reportArgs } = await import("../../src/report-build/npm-report.js");
  it("a folder given first is used (npm run report -- <folder>), else the sample school", () => {
    expect(reportArgs([], "/repo/fixtures/sample-school")).toEqual(["report", "/repo/fixtures/sample-school"]);
    expect(reportArgs(["--out", "r"], "/s")).toEqual(["report", "/s", "--out", "r"]);
    expect(reportArgs(["C:\\Users\\senco\\exports", "--school-name", "Oak Primary"], "/s")).toEqual(["report", "C:\\Users\\senco\\exports", "--school-name", "Oak Primary"]);
  });
});
