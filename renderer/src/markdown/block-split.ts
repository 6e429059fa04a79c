/**
 * Splits a growing reply into top-level markdown blocks, incrementally. While a reply streams,
 * only its last block can change, so each update re-lexes from the last block's start and keeps
 * every earlier block object as it was: a finished block's source (and identity) never changes,
 * and the work per update is the size of the tail, not of the reply.
 */
import { Lexer } from 'marked';

/** One top-level block of a reply. */
export interface MarkdownBlock {
  /** The block's markdown exactly as it appears in the reply (blank lines between blocks excluded). */
  readonly source: string;
  /** Offset of the block in the reply text. */
  readonly start: number;
  /** The lexer's name for it: paragraph, code, list, table, heading, def, … */
  readonly kind: string;
  /** True once no later text can change it (not the tail, or a tail code fence that closed). */
  readonly finished: boolean;
}

/** A reply as blocks, plus the link reference definitions every block may need. */
export interface BlockSplit {
  readonly blocks: readonly MarkdownBlock[];
  /** All `[label]: url` definitions so far, so `[text][label]` resolves in any block. */
  readonly definitions: string;
}

const empty: BlockSplit = { blocks: [], definitions: '' };

/**
 * A block longer than this is not parsed as markdown: one enormous paragraph (a 10 MB line)
 * would be re-lexed and re-parsed every frame and freeze the page. It is cut into plain text
 * blocks instead; only the last one can grow, so the work per update stays bounded.
 */
export const maxMarkdownChars = 32_000;
const plainBlockChars = 16_000;

/** Stateful splitter for one reply: feed it the whole text each time; it reuses what it can. */
export class BlockSplitter {
  private text = '';
  private result: BlockSplit = empty;
  /** Characters handed to the lexer so far; tests use it to prove the split is incremental. */
  lexedChars = 0;

  /** The blocks of `text`. Appending to the previous text re-lexes only the last block. */
  split(text: string): BlockSplit {
    if (text === this.text) return this.result;
    const previous = this.result.blocks;
    const last = previous[previous.length - 1];
    const grows = last !== undefined && text.startsWith(this.text);
    // Anything but an append (a different reply, an edit) starts over.
    const from = grows ? last.start : 0;
    const kept = grows ? previous.slice(0, -1) : [];
    this.lexedChars += text.length - from;
    const blocks = kept.concat(lexBlocks(text, from).flatMap(plainIfOversize));
    this.text = text;
    this.result = { blocks, definitions: definitionsOf(blocks, this.result) };
    return this.result;
  }
}

/** A block as it is, or (past the size limit) as fixed-size plain blocks; only the last may grow. */
function plainIfOversize(block: MarkdownBlock): MarkdownBlock[] {
  if (block.source.length <= maxMarkdownChars) return [block];
  const blocks: MarkdownBlock[] = [];
  const { source } = block;
  for (let offset = 0; offset < source.length; offset += plainBlockChars) {
    const end = Math.min(offset + plainBlockChars, source.length);
    blocks.push({
      source: source.slice(offset, end),
      start: block.start + offset,
      kind: 'plain',
      finished: end < source.length || block.finished,
    });
  }
  return blocks;
}

/**
 * The blocks of `text` from `from` on. A line longer than the limit is never handed to the
 * lexer (marked's regexes overflow the stack on a multi-megabyte line): the markdown before it
 * is lexed, the line itself becomes plain blocks, and lexing resumes after it.
 */
function lexBlocks(text: string, from: number): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let cursor = from;
  for (let long = findLongLine(text, cursor); long; long = findLongLine(text, cursor)) {
    blocks.push(...lexMarkdown(text, cursor, long.start).map(finish));
    blocks.push(
      ...plainIfOversize({
        source: text.slice(long.start, long.end),
        start: long.start,
        kind: 'plain',
        finished: long.end < text.length,
      }),
    );
    cursor = long.end;
  }
  if (cursor < text.length) blocks.push(...lexMarkdown(text, cursor, text.length));
  return blocks;
}

const finish = (block: MarkdownBlock): MarkdownBlock => ({ ...block, finished: true });

/** The first line (from `from`) longer than the markdown limit, or null. */
function findLongLine(text: string, from: number): { start: number; end: number } | null {
  if (text.length - from <= maxMarkdownChars) return null;
  let start = from;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    if (end - start > maxMarkdownChars) return { start, end };
    start = end;
  }
  return null;
}

function lexMarkdown(text: string, from: number, to: number): MarkdownBlock[] {
  const found: Array<{ source: string; start: number; kind: string }> = [];
  let cursor = from;
  // A `$$` or `\[` math block may hold blank lines the lexer splits on; it stays one block until
  // closed.
  let math: { source: string; start: number; kind: string } | null = null;
  for (const token of Lexer.lex(text.slice(from, to), { gfm: true })) {
    const at = text.startsWith(token.raw, cursor) ? cursor : text.indexOf(token.raw, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + token.raw.length;
    if (math) {
      math.source = text.slice(math.start, cursor);
      if (mathBalanced(math.source)) {
        found.push(math);
        math = null;
      }
      continue;
    }
    if (token.type === 'space' || token.raw.trim() === '') continue;
    const block = { source: token.raw, start, kind: token.type };
    if (token.type === 'paragraph' && !mathBalanced(token.raw)) math = block;
    else found.push(block);
  }
  if (math) found.push(math);
  return found.map((block, index) => ({
    ...block,
    finished: index < found.length - 1 || isClosedFence(block.kind, block.source),
  }));
}

/** False while a `$$` or a `\[` in `source` waits for its closer. */
function mathBalanced(source: string): boolean {
  // Delimiters inside code spans (`` `\[` ``) open nothing. One-line spans without backticks
  // inside only: the pattern then never backtracks, whatever the paragraph holds.
  const prose = source.replace(/(`+)[^`\n]+\1/g, '');
  const count = (mark: string) => prose.split(mark).length - 1;
  return count('$$') % 2 === 0 && count('\\[') <= count('\\]');
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;

/** True for a fenced code block whose closing fence has arrived: nothing can extend it now. */
export function isClosedFence(kind: string, source: string): boolean {
  if (kind !== 'code') return false;
  const open = fenceOpen.exec(source)?.[1];
  if (!open) return false;
  const lines = source.trimEnd().split('\n');
  if (lines.length < 2) return false;
  const close = fenceOpen.exec(lines[lines.length - 1] ?? '')?.[1] ?? '';
  const closesAlone = (lines[lines.length - 1] ?? '').trim() === close;
  return closesAlone && close[0] === open[0] && close.length >= open.length;
}

function definitionsOf(blocks: readonly MarkdownBlock[], previous: BlockSplit): string {
  const defs = blocks.filter((block) => block.kind === 'def').map((block) => block.source.trim());
  const joined = defs.join('\n');
  // Same string object when unchanged, so memoized blocks compare equal cheaply.
  return joined === previous.definitions ? previous.definitions : joined;
}
