/** How main reports a failure: a sentence for the log and the error behind it. Never a key. */
export type Log = (message: string, error: unknown) => void;

/** Main's log: stderr with a prefix, so Parley's lines stand out among Chromium's. */
export const log: Log = (message, error) => {
  if (error === null || error === undefined) console.error(`[parley] ${message}`);
  else console.error(`[parley] ${message}`, error);
};
