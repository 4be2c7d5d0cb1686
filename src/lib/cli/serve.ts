/**
 * `sendscope serve [<dir>]`: serve built reports (default `reports/`) on 127.0.0.1 only, never another
 * interface, and print the address. A plain static server (node:http): `/d/` serves `d/index.html`, and a
 * path without an extension also finds `<path>.html`, so both the built sites' `.html` links and older clean
 * links work. Nothing outside the folder is served.
 */
import { createServer, type Server } from "node:http";
import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { CommandIo } from "./io.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
};

/** A running server: its origin (`http://127.0.0.1:<port>`) and how to stop it. */
export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serve the folder `dir` on 127.0.0.1 (`port` 0, the default, picks a free port).
 * @example
 * const server = await serveStatic("reports"); server.origin // => "http://127.0.0.1:41234"
 */
export async function serveStatic(dir: string, port = 0): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let path: string;
      try {
        path = normalize(decodeURIComponent(url.pathname));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const base = join(root, path);
      if (base !== root && !base.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      const candidates = path.endsWith("/") || path.endsWith(sep) ? [join(base, "index.html")] : [base, `${base}.html`, join(base, "index.html")];
      for (const file of candidates) {
        if (await isFile(file)) {
          res.writeHead(200, { "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" });
          res.end(await readFile(file));
          return;
        }
      }
      const notFound = join(root, "404.html");
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end((await isFile(notFound)) ? await readFile(notFound) : "not found");
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

/** Options of `runServe`. */
export interface ServeOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Open the address in the default browser. */
  open?: boolean;
}

/** The command that opens a URL in the default browser on this platform. */
function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === "win32") return ["cmd", ["/c", "start", "", url]];
  if (platform === "darwin") return ["open", [url]];
  return ["xdg-open", [url]];
}

/**
 * Run `serve`: serve `dir` (default `reports`) on 127.0.0.1 until the process is stopped, print the address
 * on stdout. Returns 2 with a one-line message when the folder does not exist or the port is taken; otherwise
 * returns the server (the caller keeps the process alive).
 * @example
 * await runServe("reports", {}, processIo()) // prints "http://127.0.0.1:41234/"
 */
export async function runServe(dir: string, options: ServeOptions, io: CommandIo): Promise<number | StaticServer> {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    io.stderr(`sendscope serve: ${dir} is not a folder (build the reports first: sendscope report <folder of exports>)\n`);
    return 2;
  }
  let server: StaticServer;
  try {
    server = await serveStatic(root, options.port ?? 0);
  } catch (error) {
    io.stderr(`sendscope serve: cannot listen on 127.0.0.1:${options.port ?? 0} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return 2;
  }
  const url = `${server.origin}/`;
  io.stdout(`${url}\n`);
  io.stderr(`sendscope serve: serving ${dir} on 127.0.0.1 only (this computer); press Ctrl+C to stop\n`);
  if (options.open) {
    const [command, args] = openerFor(process.platform, url);
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => io.stderr(`sendscope serve: could not open a browser; open ${url} yourself\n`));
    child.unref();
  }
  return server;
}
