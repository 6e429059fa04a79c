/**
 * How markdown elements become React elements when the defaults will not do: links that open
 * through main, images that never load by themselves, task boxes that are not form inputs, and
 * code fences with a label, Copy and highlighting.
 */
import { createContext, useContext, type MouseEvent, type ReactNode } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { useMarkdownBridge } from './bridge';
import { CodeBlock } from './code-block';
import { ImagePlaceholder } from './image-placeholder';
import { safeImageUrl, safeLinkUrl } from './safe-url';

type HastElement = NonNullable<ExtraProps['node']>;
type HastChild = HastElement['children'][number];

/** Whether code fences in this block may be highlighted (false while the block still grows). */
export const HighlightContext = createContext(false);

/** Gives each URL attribute only a value the policy allows; everything else becomes ''. */
export function urlPolicy(url: string, key: string): string {
  if (key === 'src') return safeImageUrl(url) ?? '';
  if (key === 'href') return safeLinkUrl(url) ?? '';
  return '';
}

/** A link from hostile text: live only when the URL policy allows it, else its words. */
export function SafeLink({ href, children }: { href?: string; children?: ReactNode }) {
  const bridge = useMarkdownBridge();
  const url = href ? safeLinkUrl(href) : null;
  // Not an allowed destination (or a link still streaming in): the words, not a link.
  if (!url) return <span className="md-link-inert">{children}</span>;
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // The page itself never navigates; main opens the browser after checking the scheme again.
    event.preventDefault();
    void bridge.links.open({ url });
  };
  return (
    <a href={url} title={url} rel="noreferrer noopener" onClick={open}>
      {children}
    </a>
  );
}

function TaskBox({ checked }: { checked?: boolean }) {
  // A span, not an <input>: no form control from model output reaches the DOM.
  return (
    <span
      className="md-task"
      role="img"
      aria-label={checked ? 'Done' : 'Not done'}
      data-checked={checked ? 'true' : 'false'}
    />
  );
}

function textOf(node: HastChild): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function CodeFence({ node, children }: { node?: HastElement; children?: ReactNode }) {
  const highlight = useContext(HighlightContext);
  const code = node?.children.find(
    (child): child is HastElement => child.type === 'element' && child.tagName === 'code',
  );
  if (!code) return <pre>{children}</pre>;
  const classes = code.properties.className;
  const language = Array.isArray(classes)
    ? classes.map(String).find((name) => name.startsWith('language-'))
    : undefined;
  // The tree gives a fence's text with one trailing newline; the block's code has none.
  const text = code.children.map(textOf).join('').replace(/\n$/, '');
  return (
    <CodeBlock code={text} lang={language?.slice('language-'.length) ?? ''} highlight={highlight} />
  );
}

/** The element overrides every block renders with. */
export const markdownComponents: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  img: ({ src, alt }) => (
    <ImagePlaceholder src={typeof src === 'string' ? src : undefined} alt={alt} />
  ),
  input: ({ checked }) => <TaskBox checked={checked} />,
  pre: ({ node, children }) => <CodeFence node={node}>{children}</CodeFence>,
};
