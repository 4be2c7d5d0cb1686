/**
 * The one module that holds sendscope's error classes. Every message names the function (or file) and says
 * what was expected, so a SENCO or developer can act on it without a stack trace.
 */

/**
 * Base class of every error sendscope throws on purpose.
 * @example
 * let caught; try { wilsonInterval(3, 0); } catch (e) { caught = e; }
 * caught instanceof SendscopeError // => true
 */
export class SendscopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A function was called with arguments it cannot use (n = 0, successes > n, NaN, too few values …).
 * The message starts with the function's name.
 * @example
 * new InvalidArgumentError("wilsonInterval", "n must be a positive whole number, got 0").message
 * // => "wilsonInterval: n must be a positive whole number, got 0"
 */
export class InvalidArgumentError extends SendscopeError {
  readonly functionName: string;
  constructor(functionName: string, problem: string) {
    super(`${functionName}: ${problem}`);
    this.functionName = functionName;
  }
}

/**
 * A folder or file cannot be imported at all (missing, unreadable, holds no recognisable export).
 * Row-level problems are never thrown: they go into the import report.
 * @example
 * new ImportError("fixtures/missing", "the folder does not exist").message
 * // => "fixtures/missing: the folder does not exist"
 */
export class ImportError extends SendscopeError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}
