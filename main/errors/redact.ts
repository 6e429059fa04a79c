import type { ChatError } from '../../preload/api';

/**
 * Some servers echo the API key back in an error message ("Incorrect API key provided: sk-…").
 * That text is shown in the window and written to logs, so the key is cut out of it first,
 * keeping only its last four characters as a hint.
 */
export function redactKey(text: string, apiKey: string | null): string {
  if (!apiKey || apiKey.length < 8) return text;
  return text.split(apiKey).join(`[key …${apiKey.slice(-4)}]`);
}

/** A provider failure with the key cut out of every sentence in it. */
export function redactError(error: ChatError, apiKey: string | null): ChatError {
  const clean: ChatError = { ...error, message: redactKey(error.message, apiKey) };
  if (error.detail !== undefined) clean.detail = redactKey(error.detail, apiKey);
  return clean;
}

/**
 * An error about to be logged for a profile, with its key cut out of everything the log writes:
 * its message (a provider error's message includes the server's detail, which may echo the key)
 * and its stack (whose first line repeats the message). The name is kept, so the log still says
 * what failed. A string is redacted too; any other value carries no server text and is returned.
 */
export function redactLoggedError(error: unknown, apiKey: string | null): unknown {
  if (typeof error === 'string') return redactKey(error, apiKey);
  if (!(error instanceof Error)) return error;
  const clean = new Error(redactKey(error.message, apiKey));
  clean.name = error.name;
  if (error.stack !== undefined) clean.stack = redactKey(error.stack, apiKey);
  return clean;
}
