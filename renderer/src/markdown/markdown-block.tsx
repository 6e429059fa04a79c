import { memo } from 'react';
import Markdown from 'react-markdown';
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly/parseOnly';
import remarkCjkFriendlyStrikethrough from 'remark-cjk-friendly-gfm-strikethrough/parseOnly';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';
import { remarkChatMath } from './math-syntax';
import { remarkTableBreaks } from './table-breaks';
import { rehypeTextDirection } from './text-direction';
import 'katex/dist/katex.min.css';
import { HighlightContext, markdownComponents, urlPolicy } from './markdown-components';

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
const remarkPlugins: PluggableList = [
  remarkGfm,
  // Emphasis and strikethrough beside CJK punctuation (`**注意：**请`), which CommonMark's
  // flanking rules reject; parse-only entry points, as nothing here serializes markdown.
  remarkCjkFriendly,
  remarkCjkFriendlyStrikethrough,
  // remark-math for `$$` blocks and the math nodes; its single-dollar rule is replaced by ours.
  [remarkMath, { singleDollarTextMath: false }],
  remarkChatMath,
  remarkTableBreaks,
];
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
