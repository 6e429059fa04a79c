/**
 * Settled replies render from a cached parse: a reply mounted again (scrolled back into view,
 * the conversation opened again) takes its blocks and their rendered elements from here instead
 * of lexing and parsing its text again. Keyed by the text itself (a string key is its own content
 * hash, and Map hashes it once), bounded by characters (char-lru.ts). Only text that can no
 * longer change is cached: a streaming tail differs every frame and would only churn the cache.
 */
import type { ReactElement } from 'react';
import type { BlockSplit, BlockSplitter } from './block-split';
import { CharBudgetLru } from './char-lru';
import { loadedKatex, mayHoldMath } from './katex-loader';
import { parseMarkdownBlock } from './markdown-parse';

/**
 * Cost units (about characters) of finished blocks whose parse is kept. Measured with React's
 * development build in Node (an upper bound: production elements carry no debug data), a parsed
 * block costs ~240 bytes of heap per source character of mixed prose, lists, code and tables,
 * and ~1,700 for dense math (KaTeX's markup), hence `blockCost`. 150,000 units is ~36 MB at
 * most: far more than the replies on screen plus the virtual list's overscan, and a bounded
 * share of the heap budget with a 10,000-message conversation open (issue 15).
 */
export const blockCacheChars = 150_000;

/** Math costs ~7× more heap per character than other markdown (see above). */
const mathCostFactor = 8;

/** What a block's cached parse counts against the budget: its length, weighted for math. */
export function blockCost(source: string): number {
  return mayHoldMath(source) ? source.length * mathCostFactor : source.length;
}

/** Characters of settled replies whose split into blocks is kept (cheap: the block sources). */
export const splitCacheChars = 1_000_000;

const blocks = new CharBudgetLru<ReactElement>(blockCacheChars);
const splits = new CharBudgetLru<BlockSplit>(splitCacheChars);

/**
 * A finished block's rendered elements: parsed at most once while it stays in the cache. A block
 * that may hold math, parsed before KaTeX loaded, is not kept: it is parsed again with KaTeX.
 */
export function parsedBlock(source: string): ReactElement {
  const cached = blocks.get(source);
  if (cached) return cached;
  const parsed = parseMarkdownBlock(source);
  if (loadedKatex() || !mayHoldMath(source)) blocks.set(source, parsed, blockCost(source));
  return parsed;
}

/**
 * A settled reply's blocks: from the cache, else from `splitter` (the mount's own, which may hold
 * the split it made while the reply streamed), then cached.
 */
export function settledSplit(text: string, splitter: BlockSplitter): BlockSplit {
  const cached = splits.get(text);
  if (cached) return cached;
  const split = splitter.split(text);
  splits.set(text, split);
  return split;
}
