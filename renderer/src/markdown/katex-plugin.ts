/**
 * KaTeX as a rehype plugin, with the options model output is rendered with, and its CSS: a chunk
 * of its own (katex-loader.ts), since KaTeX is as big as the rest of the markdown stack and most
 * replies hold no math.
 */
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex';
import type { Pluggable } from 'unified';
import 'katex/dist/katex.min.css';

const katexOptions: KatexOptions = {
  // No \href, \url, \htmlClass, \includegraphics from model output.
  trust: false,
  strict: 'ignore',
  // Bounds on what a hostile formula can cost (macro expansion, sizes).
  maxExpand: 500,
  maxSize: 20,
  errorColor: 'currentColor',
};

/** The plugin and its options, as a rehype plugin list entry. */
export const rehypeMath: Pluggable = [rehypeKatex, katexOptions];
