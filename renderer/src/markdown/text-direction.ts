/**
 * rehype plugin: text direction from content. A reply may be Arabic or Hebrew, or mix them with
 * English; with `dir="auto"` each paragraph, heading, list item and table cell takes its
 * direction from its first strong character (HTML's "auto" directionality), so right-to-left
 * text is laid out and punctuated right to left. Code stays left to right whatever surrounds it.
 */
import type { Element, Root, RootContent } from 'hast';

const auto: ReadonlySet<string> = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
]);
const ltr: ReadonlySet<string> = new Set(['pre', 'code']);

/** The transformer: sets `dir` on the elements above, in place. */
export function rehypeTextDirection(): (tree: Root) => undefined {
  return (tree) => {
    for (const child of tree.children) visit(child);
  };
}

function visit(node: RootContent): void {
  if (node.type !== 'element') return;
  setDirection(node);
  for (const child of node.children) visit(child);
}

function setDirection(element: Element): void {
  if (auto.has(element.tagName)) element.properties.dir = 'auto';
  else if (ltr.has(element.tagName)) element.properties.dir = 'ltr';
}
