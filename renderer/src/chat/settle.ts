import type { IpcResult } from '../../../preload/api';

/**
 * Run a bridge call so it always resolves to an IpcResult. The contract says invokes never
 * reject, but a broken bridge could still throw; that must become a failure the user sees,
 * never an unhandled rejection (and never an Error's text or stack on screen).
 */
export async function settle<T>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await call();
  } catch (error) {
    console.error('Parley: a call to the main process failed', error);
    return {
      ok: false,
      error: { kind: 'internal', message: 'Parley could not reach its main process.' },
    };
  }
}
