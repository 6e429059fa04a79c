/**
 * Healing the unfinished end of a streaming reply, so half-written syntax does not flash: an
 * open `**`, `` ` ``, `~~`, link or image is closed (by remend), and so is open math in text
 * (`\(`, `\[`, `$$`). The rule is that the healer only closes what is open: it never edits
 * text inside code or math, in any container, so every frame shows a prefix of the code and
 * math the finished reply will show.
 *
 * How: the tail is tokenized with the same micromark syntax the renderer uses, which says exactly
 * where code and math are (fences in lists and quotes included). Those spans are masked before
 * remend sees the text, so none of its rules can count or edit inside them; an opener still
 * waiting for its closer (`` `npm te ``) is masked from the opener on, and its closer goes
 * straight after the text, before any emphasis remend closes around it. remend's rules that
 * rewrite text rather than close it (escaping `~` and `>`, dropping a half-typed tag) are off.
 */
import { parse, postprocess, preprocess } from 'micromark';
import type { Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import remend, { type RemendOptions } from 'remend';
import { unified } from 'unified';
import { remarkPlugins } from './markdown-plugins';

const remendOptions: RemendOptions = {
  singleTilde: false,
  comparisonOperators: false,
  htmlTags: false,
  // Math is closed here, from the token stream; remend's `$$` rule knows nothing of code.
  katex: false,
  inlineKatex: false,
};

/** Token types whose text is shown verbatim: code and math, inline and block. */
const verbatimTypes: ReadonlySet<string> = new Set([
  'codeText',
  'codeFenced',
  'codeIndented',
  'mathText',
  'mathFlow',
]);
const flowTypes: ReadonlySet<string> = new Set(['codeFenced', 'codeIndented', 'mathFlow']);

/** Characters without which no code or math can start: plain prose skips the tokenizer. */
const mayHoldVerbatim = /[`$\\~]|^(?: {4}|\t)/m;

let extensions: Extension[] | null = null;

/** The micromark extensions of the renderer's remark plugins, collected once. */
function syntax(): Extension[] {
  if (extensions) return extensions;
  // Attachers run on freeze: only then has each plugin added its extensions.
  const processor = unified().use(remarkParse).use(remarkPlugins).freeze();
  extensions = processor.data().micromarkExtensions ?? [];
  return extensions;
}

interface Span {
  start: number;
  end: number;
  type: string;
}

/** Code and math spans of `source`, as [start, end) offsets, in document order. */
function verbatimSpans(source: string): Span[] {
  const events = postprocess(
    parse({ extensions: syntax() })
      .document()
      .write(preprocess()(source, undefined, true)),
  );
  const spans: Span[] = [];
  let depth = 0;
  for (const [kind, token] of events) {
    if (!verbatimTypes.has(token.type)) continue;
    // Only the outermost (math never nests in code, but be exact).
    if (kind === 'enter' && depth++ === 0)
      spans.push({ start: token.start.offset, end: token.end.offset, type: token.type });
    if (kind === 'exit') depth--;
  }
  return spans;
}

const blockFence = /^[ \t]*(`{3,}|~{3,}|\${2,}|\\\[)/;

/**
 * `text` without its last line when that line (past quote markers and indentation) is the start
 * of the closing fence for `fence` (```` ``` ````, `~~~`, `$$` or `\[`): until the fence is
 * complete the parser reads it as content, which the finished block will not have.
 */
export function dropPartialCloser(text: string, fence: string): string {
  const lineStart = text.lastIndexOf('\n') + 1;
  if (lineStart === 0 || fence === '') return text;
  const line = text.slice(lineStart).replace(/^[ \t>]*/, '');
  const mark = fence === '\\[' ? '\\' : (fence[0] ?? '');
  const partial =
    line !== '' && line.length < fence.length && [...line].every((char) => char === mark);
  return partial ? text.slice(0, lineStart) : text;
}

/**
 * `text` with every character of the given [start, end) ranges (in order, not overlapping) but
 * line endings replaced by an inert letter, so remend neither counts nor edits anything there.
 */
function mask(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\n\r]/g, 'x'));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

interface Opener {
  at: number;
  close: string;
}

/**
 * The first inline code or math opener in `text` from `from` on. Every such opener is unclosed:
 * the tokenizer has already turned each closed one into a span.
 */
function findOpener(text: string, from: number): Opener | null {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') return { at: i, close: next === '(' ? '\\)' : '\\]' };
      i++;
    } else if (char === '`') {
      let end = i;
      while (text[end] === '`') end++;
      return { at: i, close: '`'.repeat(end - i) };
    } else if (char === '$' && text[i + 1] === '$' && text[i + 2] !== '$') {
      return { at: i, close: '$$' };
    }
  }
  return null;
}

/** The closer for an opener whose content so far is `content`, or '' when nothing to close. */
function closerFor(opener: Opener, content: string): string {
  if (content.trim() === '') return '';
  const { close } = opener;
  if (close.startsWith('\\')) {
    // An unpaired backslash at the end is the closer's first half already.
    const backslashes = /\\*$/.exec(content)?.[0].length ?? 0;
    return backslashes % 2 === 1 ? close.slice(1) : close;
  }
  const mark = close[0] ?? '';
  const trailing = content.length - content.replace(new RegExp(`\\${mark}+$`), '').length;
  // `` `` a`b `` `` is padded: a space each side is not code, so one is needed at the end too,
  // or the leading one would show while it streams.
  if (mark === '`' && content.startsWith(' ') && !content.endsWith(' ')) return ` ${close}`;
  // More marks than the closer needs would make a longer run, which closes nothing.
  return trailing < close.length ? close.slice(trailing) : '';
}

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** The text to render for the still-growing end of a reply (see the module comment). */
export function healTail(source: string): string {
  const spans = mayHoldVerbatim.test(source) ? verbatimSpans(source) : [];
  const last = spans.at(-1);
  // A block of code or math ends the text: the parser closes it, and nothing else is open; only
  // a closing fence half typed (`` `` ``) must not show as a line of code for a moment.
  if (last && flowTypes.has(last.type) && source.slice(last.end).trim() === '') {
    const fence = blockFence.exec(source.slice(last.start))?.[1] ?? '';
    return dropPartialCloser(source, fence);
  }
  // `$x$` just typed could still become `$x$5`, which is money: wait for the next character.
  const single = last?.type === 'mathText' && source[last.start] === '$';
  if (single && last.end === source.length && source[last.start + 1] !== '$')
    return healTail(source.slice(0, -1));
  const masked = mask(source, spans);
  const opener = findOpener(masked, last?.end ?? 0);
  if (opener) {
    // The closer goes right after the last character typed: on a line of its own it would make
    // the line break part of the formula (or code), which the finished one may not have.
    const content = source.slice(opener.at + opener.close.length).trimEnd();
    const close = closerFor(opener, content);
    const typed =
      close === '' ? source : source.slice(0, opener.at + opener.close.length) + content;
    const hidden = mask(masked.slice(0, typed.length), [{ start: opener.at, end: typed.length }]);
    const healed = remend(hidden, remendOptions);
    // remend may only append here; anything else would reach into the masked code or math.
    const suffix = healed.startsWith(hidden) ? healed.slice(hidden.length) : '';
    return typed + close + suffix;
  }
  const healed = remend(masked, remendOptions);
  const kept = commonPrefix(masked, healed);
  if (last && kept < last.end) return source;
  return source.slice(0, kept) + healed.slice(kept);
}
