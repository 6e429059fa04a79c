import type { ParleyApi } from '../../preload/api';

declare global {
  interface Window {
    /** The preload bridge: the renderer's only way to reach the main process. */
    readonly parley: ParleyApi;
  }
}
