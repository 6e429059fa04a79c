/**
 * remark plugin: `<br>` inside a table cell is a line break. Models write it because a GFM table
 * row must stay on one line. Raw HTML is never rendered in a reply (it shows as text), so this
 * is the one exception, made on the syntax tree: an `html` node that is exactly `<br>`, `<br/>`
 * or `<br />` (any case) and sits inside a table cell becomes an mdast `break`. Nothing else in
 * the node's value is looked at, and raw HTML is still not enabled anywhere.
 */
import type { Nodes, Root } from 'mdast';

const lineBreakTag = /^<br\s*\/?>$/i;

/** The transformer: replaces those nodes in place. */
export function remarkTableBreaks(): (tree: Root) => undefined {
  return (tree) => {
    visit(tree, false);
  };
}

function visit(node: Nodes, inCell: boolean): void {
  if (!('children' in node)) return;
  const cell = inCell || node.type === 'tableCell';
  node.children.forEach((child, index) => {
    if (cell && child.type === 'html' && lineBreakTag.test(child.value)) {
      node.children[index] = { type: 'break', position: child.position };
    } else visit(child, cell);
  });
}
