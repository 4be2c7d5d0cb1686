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
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
