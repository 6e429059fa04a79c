import { createContext, useContext } from 'react';
import type { ParleyApi } from '../../../preload/api';

/** The two doors markdown needs: open a link through main, copy text through main. */
export type MarkdownBridge = Pick<ParleyApi, 'links' | 'clipboard'>;

/** Provided by the reply (the app's bridge); tests provide a fake. */
export const MarkdownBridgeContext = createContext<MarkdownBridge | null>(null);

/** The bridge markdown calls; falls back to the preload's `window.parley`. */
export function useMarkdownBridge(): MarkdownBridge {
  return useContext(MarkdownBridgeContext) ?? window.parley;
}
