import { memo, useMemo } from 'react';
import { useKatex, mayHoldMath } from './katex-loader';
import { HighlightContext } from './markdown-components';
import { parseMarkdownBlock } from './markdown-parse';
import { parsedBlock } from './parse-cache';

/**
 * One markdown block, rendered; memoized so a finished block is parsed once per mount, and a
 * finished block mounted again (the same source) comes from the parse cache without parsing.
 */
export const MarkdownBlockView = memo(function MarkdownBlockView({
  source,
  highlight,
}: {
  source: string;
  /** Highlight code fences: true once the block can no longer grow, so its parse is cached. */
  highlight: boolean;
}) {
  // Parsed again when KaTeX arrives, if the block may hold math (its TeX showed meanwhile).
  const math = mayHoldMath(source);
  const katex = useKatex(math);
  // A growing tail is parsed anew each update and never cached: its source differs every time;
  // nor is a parse made without the KaTeX it needs.
  const rendered = useMemo(
    () => (highlight && (katex || !math) ? parsedBlock(source) : parseMarkdownBlock(source)),
    [source, highlight, math, katex],
  );
  return <HighlightContext value={highlight}>{rendered}</HighlightContext>;
});
