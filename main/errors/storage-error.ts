import { IpcFailureError } from './ipc-failure';

// SQLite's primary result codes (the low byte of an extended code).
const busy = 5;
const locked = 6;
const readOnly = 8;
const ioError = 10;
const corrupt = 11;
const full = 13;
const cannotOpen = 14;
const notADatabase = 26;

/** A node:sqlite failure, recognised by its shape (`code`, `errcode`). */
function sqliteCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' ? errcode & 0xff : null;
}

/**
 * Turn a database failure into a refusal that says what happened and what to do; anything that
 * is not a disk or database problem is returned unchanged.
 */
export function storageFailure(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === null) return error;
  const message = (() => {
    switch (code) {
      case full:
        return 'Parley could not save: the disk is full. Free some space, then try again.';
      case readOnly:
      case cannotOpen:
        return 'Parley could not save: its data folder is read-only or missing. Check the folder’s permissions.';
      case busy:
      case locked:
        return 'Parley could not save: another program has the conversation database locked. Close it and try again.';
      case corrupt:
      case notADatabase:
        return 'The conversation database is damaged. Restart Parley: it will set the damaged file aside and start a new one.';
      case ioError:
        return 'Parley could not save: the disk reported an error. Check the disk, then try again.';
      default:
        return 'Parley could not save to its conversation database. Details are in the log file (Settings → Data → logs/main.log).';
    }
  })();
  return new IpcFailureError('storage', message);
}
