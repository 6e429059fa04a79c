import { memo } from 'react';
import Markdown from 'react-markdown';
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex';
import type { PluggableList } from 'unified';
import { rehypeTextDirection } from './text-direction';
import 'katex/dist/katex.min.css';
import { HighlightContext, markdownComponents, urlPolicy } from './markdown-components';
import { remarkPlugins } from './markdown-plugins';

const katexOptions: KatexOptions = {
  // No \href, \url, \htmlClass, \includegraphics from model output.
  trust: false,
  strict: 'ignore',
  // Bounds on what a hostile formula can cost (macro expansion, sizes).
  maxExpand: 500,
  maxSize: 20,
  errorColor: 'currentColor',
};

// Module constants: new arrays per render would make react-markdown redo its setup.
const rehypePlugins: PluggableList = [rehypeTextDirection, [rehypeKatex, katexOptions]];
// Belt and braces: raw HTML is already shown as text (no rehype-raw), so none of these can come
// from a reply; if a plugin ever produced one, it is dropped rather than rendered.
const disallowedElements = [
  'script',
  'style',
  'iframe',
  'frame',
  'object',
  'embed',
  'form',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
  'template',
  'video',
  'audio',
  'source',
  'foreignObject',
];

/** One markdown block, rendered; memoized so a finished block is parsed once and never again. */
export const MarkdownBlockView = memo(function MarkdownBlockView({
  source,
  highlight,
}: {
  source: string;
  /** Highlight code fences: true once the block can no longer grow. */
  highlight: boolean;
}) {
  return (
    <HighlightContext value={highlight}>
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={markdownComponents}
        urlTransform={urlPolicy}
        disallowedElements={disallowedElements}
      >
        {source}
      </Markdown>
    </HighlightContext>
  );
});
