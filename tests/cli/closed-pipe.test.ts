/**
 * `sendscope analyse --json | head`: the reader closes the pipe after a few lines. The command must stop
 * quietly (exit 0, nothing on stderr), not die with an EPIPE stack trace.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("a reader that closes the pipe early", () => {
  it("stops the command quietly", async () => {
    const child = spawn(process.execPath, ["bin/sendscope.js", "analyse", "fixtures/sample-school", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -c 100`: read the first piece, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 30_000);
});
