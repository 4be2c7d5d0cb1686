/**
 * Where a CLI command writes: injected so commands can be tested without a terminal.
 */

/** Output streams for a command. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The process's own streams.
 * @example
 * processIo().stdout("hello\n") // prints "hello"
 */
export function processIo(): CommandIo {
  stopQuietlyWhenReaderCloses();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

let watchingStdout = false;

/**
 * A reader that stops early (`sendscope analyse --json | head`) closes the pipe; the command then stops
 * quietly, as other command-line tools do, instead of failing with an EPIPE stack trace.
 */
function stopQuietlyWhenReaderCloses(): void {
  if (watchingStdout) return;
  watchingStdout = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}
