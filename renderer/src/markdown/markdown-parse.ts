/**
 * One markdown block, parsed: text → mdast (remark, the chat's syntax plugins) → hast (KaTeX for
 * math once it has loaded, text direction) → React elements, with the URL policy applied and
 * dangerous elements dropped. Once KaTeX is in, a pure function of the source, so its result can
 * be cached and mounted again (parse-cache.ts): React elements are immutable descriptions, and
 * everything that varies per mount (highlighting, the bridge) comes from context when they render.
 */
import type { ReactElement } from 'react';
import Markdown from 'react-markdown';
import type { PluggableList } from 'unified';
import { loadedKatex } from './katex-loader';
import { markdownComponents, urlPolicy } from './markdown-components';
import { remarkPlugins } from './markdown-plugins';
import { rehypeTextDirection } from './text-direction';

// Built once: every block is parsed with the same plugin lists.
const withoutMath: PluggableList = [rehypeTextDirection];
let withMath: PluggableList | null = null;

/** The rehype plugins: KaTeX among them once it has loaded (katex-loader.ts). */
function rehypePlugins(): PluggableList {
  const katex = loadedKatex();
  if (!katex) return withoutMath;
  withMath ??= [rehypeTextDirection, katex];
  return withMath;
}

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

/**
 * Parse and render one block of markdown. react-markdown's `Markdown` is a plain synchronous
 * function (parse, transform, then hast → JSX); calling it here rather than mounting it as a
 * component lets the caller keep the result. Throws only if a plugin throws (none do on any
 * input: KaTeX errors are drawn in place, `strict: 'ignore'`).
 */
export function parseMarkdownBlock(source: string): ReactElement {
  return Markdown({
    children: source,
    remarkPlugins,
    rehypePlugins: rehypePlugins(),
    components: markdownComponents,
    urlTransform: urlPolicy,
    disallowedElements,
  });
}
