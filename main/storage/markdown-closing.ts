/**
 * Closing a message's Markdown so it cannot run into the next one. A reply stopped inside a
 * code fence or a `$$` math block leaves that block open, and in one Markdown file (an export)
 * every later turn would then render as part of it. The rules are CommonMark's fenced code
 * blocks (spec §4.5: up to three spaces of indentation, three or more backticks or tildes, a
 * backtick fence's info string has no backtick; the closing fence uses the same character, at
 * least as many of it, and nothing else on its line) and remark-math's math flow (`$$` or more
 * on a line of its own, closed by as many dollar signs or more), which is what Parley renders.
 *
 * Only fences at the top level are tracked: one inside a list item or block quote ends with its
 * container anyway (the next unindented line ends the container), so it cannot swallow a later
 * turn, and closing it at the top level would instead open a new block.
 */

/** An open block: the fence's indentation, character and length, e.g. "```" or "~~~~" or "$$". */
interface OpenBlock {
  indent: string;
  fence: string;
}

const codeOpening = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})/;
const mathOpening = /^( {0,3})(\${2,})[^$]*$/;
const closing = /^ {0,3}(`{3,}|~{3,}|\${2,})[ \t]*$/;

/**
 * The Markdown with any code fence or math block still open at its end closed, using the same
 * fence characters and length, on a line of its own. Text that closes all it opens comes back
 * unchanged.
 */
export function closeOpenBlocks(markdown: string): string {
  const open = openBlockAtEnd(markdown);
  if (open === null) return markdown;
  const separator = markdown.endsWith('\n') ? '' : '\n';
  return `${markdown}${separator}${open.indent}${open.fence}`;
}

/** The code fence or math block left open at the end of the text, or null. */
function openBlockAtEnd(markdown: string): OpenBlock | null {
  let open: OpenBlock | null = null;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    if (open === null) {
      const code = codeOpening.exec(line);
      const math = code ? null : mathOpening.exec(line);
      const opening = code ?? math;
      if (opening) open = { indent: opening[1] ?? '', fence: opening[2] ?? '' };
      continue;
    }
    const fence = closing.exec(line)?.[1];
    if (fence && fence[0] === open.fence[0] && fence.length >= open.fence.length) open = null;
  }
  return open;
}
