/**
 * The progress bar the CLI draws on stderr while a large folder imports.
 */
import cliProgress from "cli-progress";
import type { ImportProgress } from "../import/import-folder.js";

/** Folders with at least this many bytes of exports get a progress bar (smaller ones import in a moment). */
export const PROGRESS_BAR_BYTES = 20 * 1024 * 1024;

/** A progress bar for `importFolder`'s `onProgress`, and a way to take it down. */
export interface ImportProgressBar {
  onProgress: (progress: ImportProgress) => void;
  stop: () => void;
}

/**
 * A progress bar (cli-progress) for importing a folder: drawn on `stream` once the folder turns out to hold at
 * least `minBytes` of exports, advanced as each file is read, and cleared when the import is done. Nothing is
 * drawn when the stream is not a terminal.
 * @param stream where to draw; default `process.stderr`
 * @param minBytes smallest folder that gets a bar; default `PROGRESS_BAR_BYTES` (20 MB)
 * @example
 * const bar = importProgressBar();
 * const data = await importFolder("trust-exports", { onProgress: bar.onProgress });
 * bar.stop(); // => the bar is gone; stderr shows nothing more
 */
export function importProgressBar(stream: NodeJS.WriteStream = process.stderr, minBytes = PROGRESS_BAR_BYTES): ImportProgressBar {
  let bar: cliProgress.SingleBar | null = null;
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onProgress(progress) {
      if (bar === null) {
        if (progress.bytesTotal < minBytes || progress.file === null) return;
        bar = new cliProgress.SingleBar({
          stream, clearOnComplete: true, hideCursor: true,
          format: "importing {bar} {percentage}% | {files} files | {value}/{total} MB",
        }, cliProgress.Presets.shades_classic);
        bar.start(mb(progress.bytesTotal), 0, { files: `0/${progress.filesTotal}` });
      }
      bar.update(mb(progress.bytesDone), { files: `${progress.filesDone}/${progress.filesTotal}` });
      if (progress.file === null) stop();
    },
    stop,
  };
}

/**
 * Whether a command should draw a progress bar: when asked, or by default when stderr is a terminal and the
 * output is not JSON (piped or `--json` output stays clean).
 * @example
 * wantsProgressBar(undefined, true) // => false
 */
export function wantsProgressBar(requested: boolean | undefined, json: boolean): boolean {
  return requested ?? (!json && process.stderr.isTTY === true);
}
