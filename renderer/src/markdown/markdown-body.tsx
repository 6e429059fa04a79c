/**
 * The markdown stack's own module, loaded after first paint (markdown-loader.ts): everything
 * here pulls in marked, micromark, remark and react-markdown, none of which the first paint
 * needs (KaTeX is a further chunk: katex-loader.ts). The page mounts it through
 * `StreamingMarkdown` (streaming-markdown.tsx).
 */
import { memo, useMemo, useState } from 'react';
import { BlockSplitter, type MarkdownBlock } from './block-split';
import { CodeBlock } from './code-block';
import { dropPartialCloser, healTail } from './heal-tail';
import { loadKatex } from './katex-loader';
import { MarkdownBlockView } from './markdown-block';
import { readOpenFence } from './open-fence';
import { settledSplit } from './parse-cache';

export { loadKatex };

/** What the loader hands the page: the component below, and KaTeX's own loader. */
export interface MarkdownBodyModule {
  MarkdownBody: typeof MarkdownBody;
  loadKatex: typeof loadKatex;
}

/**
 * A reply as GitHub-flavoured markdown, cheap to update while it streams: the text is split into
 * blocks (incrementally), finished blocks are memoized, and only the growing tail is healed and
 * parsed again per update. A settled reply's split and blocks come from the parse cache, so
 * mounting it again parses nothing.
 */
export function MarkdownBody({ text, streaming }: { text: string; streaming: boolean }) {
  const [splitter] = useState(() => new BlockSplitter());
  const { blocks, definitions } = useMemo(
    () => (streaming ? splitter.split(text) : settledSplit(text, splitter)),
    [splitter, text, streaming],
  );
  return blocks.map((block, index) => {
    if (block.kind === 'def') return null;
    if (block.kind === 'plain') return <PlainBlock key={block.start} text={block.source} />;
    const tail = streaming && index === blocks.length - 1;
    // A fence still streaming is plain text: show it without parsing it again every frame.
    const fence = tail && block.kind === 'code' && !block.finished && readOpenFence(block.source);
    if (fence) {
      // A closing fence half typed is not a line of code.
      const code = dropPartialCloser(fence.code, fence.fence).replace(/\n$/, '');
      return <CodeBlock key={block.start} code={code} lang={fence.lang} highlight={false} />;
    }
    return (
      // Keyed by where the block starts: a growing tail keeps its identity, and so its state.
      <MarkdownBlockView
        key={block.start}
        source={sourceFor(block, tail, definitions)}
        highlight={block.finished || !streaming}
      />
    );
  });
}

/** Text too long to parse as markdown, shown as it is; memoized like any finished block. */
const PlainBlock = memo(function PlainBlock({ text }: { text: string }) {
  return (
    <p className="markdown-plain" dir="auto">
      {text}
    </p>
  );
});

/** What a block is parsed from: the tail healed, and reference definitions where used. */
function sourceFor(block: MarkdownBlock, tail: boolean, definitions: string): string {
  const verbatim = block.kind === 'code' || block.kind === 'html';
  // Heal the half-written end (an open **, `, [link](…, \() so raw syntax does not flash.
  const source = tail && !verbatim ? healTail(block.source) : block.source;
  if (verbatim || definitions === '' || !source.includes('[')) return source;
  return `${source}\n\n${definitions}`;
}
