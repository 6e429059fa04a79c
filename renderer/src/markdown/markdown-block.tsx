import { memo, useMemo } from 'react';
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
  // A growing tail is parsed anew each update and never cached: its source differs every time.
  const rendered = useMemo(
    () => (highlight ? parsedBlock(source) : parseMarkdownBlock(source)),
    [source, highlight],
  );
  return <HighlightContext value={highlight}>{rendered}</HighlightContext>;
});
