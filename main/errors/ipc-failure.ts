import type { IpcFailure } from '../../preload/api';

/** A refusal main reports back to the renderer as `{ ok: false, error }`, not as a crash. */
export class IpcFailureError extends Error {
  constructor(
    readonly kind: IpcFailure['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailureError';
  }
}
