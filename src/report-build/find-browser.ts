/**
 * Finding a Chrome, Chromium or Edge browser to print the governors' report with, where they are usually
 * installed on Linux, macOS and Windows, or the one named by env `SENDSCOPE_BROWSER` (the one variable for
 * the browser, used by `sendscope report` and the browser tests alike; `SENDSCOPE_CHROMIUM`, its old name for
 * the tests, is still read when `SENDSCOPE_BROWSER` is not set, as a deprecated alias).
 *
 * Install locations: Chrome on Windows under `%ProgramFiles%`, `%ProgramFiles(x86)%` or `%LocalAppData%`
 * `\Google\Chrome\Application\chrome.exe`; Edge under `\Microsoft\Edge\Application\msedge.exe`; on macOS the
 * app bundles in `/Applications` (`Google Chrome.app/Contents/MacOS/Google Chrome`, `Microsoft Edge.app/…`,
 * `Chromium.app/…`); on Linux the distribution packages' commands (`chromium`, `chromium-browser`,
 * `google-chrome`, `google-chrome-stable`, `microsoft-edge`) on PATH, and the snap. The same lists as
 * Puppeteer's and chrome-launcher's (see the README's PDF paragraph).
 */
import { existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Where to look: the platform, the environment and a file test (injected so tests can fake a machine). */
export interface BrowserSearch {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  isFile: (path: string) => boolean;
}

/** A browser found, or why none was. */
export type BrowserFound = { path: string; how: string } | { path: null; why: string };

const LINUX_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"];
const LINUX_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome", "/usr/bin/microsoft-edge", "/opt/microsoft/msedge/msedge", "/snap/bin/chromium"];
const MAC_APPS = [
  "Google Chrome.app/Contents/MacOS/Google Chrome",
  "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
  "Chromium.app/Contents/MacOS/Chromium",
];
const WINDOWS_SUFFIXES = ["Google\\Chrome\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe", "Chromium\\Application\\chrome.exe"];

/**
 * The places a browser is looked for on a platform, in order.
 * @example
 * browserCandidates({ platform: "darwin", env: {}, isFile: () => false })[0] // => "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
 */
export function browserCandidates(search: BrowserSearch): string[] {
  const { platform, env } = search;
  if (platform === "win32") {
    const roots = [env.ProgramFiles ?? "C:\\Program Files", env["ProgramFiles(x86)"] ?? "C:\\Program Files (x86)", env.LOCALAPPDATA].filter((r): r is string => !!r);
    return WINDOWS_SUFFIXES.flatMap((suffix) => roots.map((root) => `${root.replace(/\\+$/, "")}\\${suffix}`));
  }
  if (platform === "darwin") {
    const homes = ["/Applications", ...(env.HOME ? [`${env.HOME}/Applications`] : [])];
    return MAC_APPS.flatMap((app) => homes.map((home) => `${home}/${app}`));
  }
  const onPath = (env.PATH ?? "").split(delimiter).filter((d) => d !== "").flatMap((dir) => LINUX_COMMANDS.map((c) => join(dir, c)));
  return [...new Set([...onPath, ...LINUX_PATHS])];
}

/**
 * The environment variable naming the browser to use.
 * @example
 * BROWSER_ENV // => "SENDSCOPE_BROWSER"
 */
export const BROWSER_ENV = "SENDSCOPE_BROWSER";
/**
 * Its deprecated alias (the browser tests' old variable), read only when `SENDSCOPE_BROWSER` is not set.
 * @example
 * DEPRECATED_BROWSER_ENV // => "SENDSCOPE_CHROMIUM"
 */
export const DEPRECATED_BROWSER_ENV = "SENDSCOPE_CHROMIUM";

/**
 * The browser named in the environment: `SENDSCOPE_BROWSER`, else the deprecated `SENDSCOPE_CHROMIUM`; null
 * when neither is set (or both are blank).
 * @example
 * namedBrowser({ SENDSCOPE_CHROMIUM: "/opt/chromium" }) // => { path: "/opt/chromium", variable: "SENDSCOPE_CHROMIUM" }
 * namedBrowser({}) // => null
 */
export function namedBrowser(env: NodeJS.ProcessEnv): { path: string; variable: string } | null {
  for (const variable of [BROWSER_ENV, DEPRECATED_BROWSER_ENV]) {
    const path = env[variable];
    if (path !== undefined && path.trim() !== "") return { path, variable };
  }
  return null;
}

/**
 * The browser to print with: the one named by env `SENDSCOPE_BROWSER` (or its deprecated alias
 * `SENDSCOPE_CHROMIUM`) when set, and then only that one; else the first of `browserCandidates` that exists.
 * @example
 * findBrowser({ platform: "linux", env: { PATH: "/usr/bin" }, isFile: (p) => p === "/usr/bin/chromium" }) // => { path: "/usr/bin/chromium", how: "found at /usr/bin/chromium" }
 * findBrowser({ platform: "linux", env: { SENDSCOPE_BROWSER: "/nowhere" }, isFile: () => false }).path // => null
 */
export function findBrowser(search: BrowserSearch = thisMachine()): BrowserFound {
  const chosen = namedBrowser(search.env);
  if (chosen !== null) {
    const how = `${chosen.variable}=${chosen.path}`;
    const deprecated = chosen.variable === DEPRECATED_BROWSER_ENV ? ` (${DEPRECATED_BROWSER_ENV} is deprecated: use ${BROWSER_ENV})` : "";
    return search.isFile(chosen.path) ? { path: chosen.path, how: `${how}${deprecated}` } : { path: null, why: `${how} is not a file${deprecated}` };
  }
  for (const path of browserCandidates(search)) {
    if (search.isFile(path)) return { path, how: `found at ${path}` };
  }
  return { path: null, why: "no Chrome, Chromium or Edge found" };
}

/** This machine's platform, environment and file test. */
function thisMachine(): BrowserSearch {
  return {
    platform: process.platform,
    env: process.env,
    isFile: (path) => {
      try {
        return existsSync(path) && statSync(path).isFile();
      } catch {
        return false;
      }
    },
  };
}
