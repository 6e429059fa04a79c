import { useEffect, useState } from 'react';
import type { IpcFailure, ParleyApi, SearchHit } from '../../../preload/api';
import { settle } from '../chat/settle';

/** Where a search is: nothing typed, waiting for main, answered, or refused. */
export type SearchState =
  | { readonly status: 'idle'; readonly hits: readonly SearchHit[] }
  | { readonly status: 'searching'; readonly hits: readonly SearchHit[] }
  | { readonly status: 'done'; readonly hits: readonly SearchHit[] }
  | { readonly status: 'failed'; readonly hits: readonly SearchHit[]; readonly error: IpcFailure };

/** How long typing must pause before a search is sent: one query per word, not per key. */
export const searchDelayMs = 180;

/** How many hits one search asks for. */
const hitLimit = 50;

const idle: SearchState = { status: 'idle', hits: [] };

/**
 * Debounced full-text search over `conversations.search`. The previous hits stay on screen while
 * the next query runs (no flicker), and an answer to an older query never replaces a newer one.
 */
export function useSearch(api: ParleyApi, query: string): SearchState {
  const trimmed = query.trim();
  // The latest answer and the query it answers; what is on screen is derived from it.
  const [answer, setAnswer] = useState<{ query: string; state: SearchState }>({
    query: '',
    state: idle,
  });

  useEffect(() => {
    if (trimmed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void settle(() => api.conversations.search({ query: trimmed, limit: hitLimit })).then(
        (result) => {
          if (!current) return;
          const state: SearchState = result.ok
            ? { status: 'done', hits: result.value.hits }
            : { status: 'failed', hits: [], error: result.error };
          setAnswer({ query: trimmed, state });
        },
      );
    }, searchDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, trimmed]);

  if (trimmed === '') return idle;
  if (answer.query !== trimmed) return { status: 'searching', hits: answer.state.hits };
  return answer.state;
}
