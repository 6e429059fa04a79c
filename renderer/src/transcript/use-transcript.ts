import { useCallback, useSyncExternalStore } from 'react';
import type { Reply } from '../../../preload/api';
import type { TranscriptStore } from './transcript-store';
import type { TranscriptView } from './transcript-view';

/** The transcript's structure; re-renders on structural change only, never per token. */
export function useTranscriptView(store: TranscriptStore): TranscriptView {
  return useSyncExternalStore(store.subscribe, store.getView);
}

/** One reply; re-renders when that reply changes and for nothing else. */
export function useReply(store: TranscriptStore, replyId: string): Reply | undefined {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeReply(replyId, listener),
    [store, replyId],
  );
  const getSnapshot = useCallback(() => store.getReply(replyId), [store, replyId]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
