/**
 * remark plugin: a bare URL ends at CJK punctuation. GFM's autolink literal runs to the next
 * space, and Chinese and Japanese put none after a URL: `详见 https://example.com/docs。谢谢`
 * would link to `…/docs。谢谢`. CJK punctuation and full-width forms (U+3000–U+303F,
 * U+FF00–U+FFEF) never end a URL written in running text, so the link stops before the first of
 * them and the rest is text again. Only literal autolinks are touched: `[text](url)` and `<url>`
 * say exactly where they end.
 */
import type { Link, Nodes, Root, Text } from 'mdast';
import type { VFile } from 'vfile';

const cjkPunctuation = /[\u3000-\u303f\uff00-\uffef]/;

/** The transformer: splits such links in place. */
export function remarkCjkAutolinks(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    visit(tree, String(file.value));
  };
}

function visit(node: Nodes, source: string): void {
  if (!('children' in node)) return;
  for (let index = 0; index < node.children.length; index++) {
    const child = node.children[index];
    if (child?.type !== 'link') {
      if (child) visit(child, source);
      continue;
    }
    const rest = splitLiteral(child, source);
    if (rest) (node.children as Nodes[]).splice(index + 1, 0, rest);
  }
}

/** Shortens a literal autolink at CJK punctuation; returns the text cut off, if any. */
function splitLiteral(link: Link, source: string): Text | null {
  const start = link.position?.start.offset;
  const [only] = link.children;
  if (start === undefined || link.children.length !== 1 || only?.type !== 'text') return null;
  // `[…](…)` and `<…>` links start with their bracket; a literal starts with the URL itself.
  if (source[start] === '[' || source[start] === '<') return null;
  const cut = only.value.search(cjkPunctuation);
  if (cut <= 0 || !link.url.endsWith(only.value)) return null;
  const removed = only.value.slice(cut);
  link.url = link.url.slice(0, link.url.length - removed.length);
  only.value = only.value.slice(0, cut);
  return { type: 'text', value: removed };
}
