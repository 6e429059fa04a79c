/**
 * Main's log: every line goes to stderr (for `npm run dev`) and, once `logToFolder` has been
 * called at start-up, to a size-rotated file in the user-data folder, because an installed app
 * has no terminal and user messages say "Details are in Parley's log".
 */
import { inspect } from 'node:util';
import { createRotatingFile, type RotatingFile } from './logging/rotating-file';

/** How main reports a failure: a sentence for the log and the error behind it. Never a key. */
export type Log = (message: string, error: unknown) => void;

/** The file lines also go to; null until `logToFolder` (and in tests, which log to stderr only). */
let file: RotatingFile | null = null;

/** Main's log: stderr with a prefix, so Parley's lines stand out among Chromium's, and the file. */
export const log: Log = (message, error) => {
  if (error === null || error === undefined) console.error(`[parley] ${message}`);
  else console.error(`[parley] ${message}`, error);
  file?.write(formatLogLine(new Date(), message, error));
};

/**
 * From now on, also write main's log to `<dir>/main.log` (rotated at 1 MiB, three old files
 * kept). Called once at start-up with `<userData>/logs`. Returns the file's path.
 */
export function logToFolder(dir: string): string {
  file = createRotatingFile({ dir });
  return file.path;
}

/**
 * One log line: ISO time, the sentence, then the error with its stack and cause (via
 * `util.inspect`, so a thrown non-Error still shows), indented on the lines that follow.
 */
export function formatLogLine(time: Date, message: string, error: unknown): string {
  const head = `${time.toISOString()} ${message}`;
  if (error === null || error === undefined) return head;
  const detail = inspect(error, { depth: 4, breakLength: Infinity });
  return `${head}\n  ${detail.replaceAll('\n', '\n  ')}`;
}
