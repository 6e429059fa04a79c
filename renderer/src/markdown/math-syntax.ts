/**
 * Which text in a reply is math. Models write TeX four ways, and a reply is also full of prices,
 * so remark-math's own inline rule (any `$…$` pair) is replaced by these:
 *
 * - `$$…$$` (also on one line, also inside a sentence) is display math; a line of only `$$`
 *   opens a display block that a line of only `$$` closes.
 * - `\(…\)` is inline math and `\[…\]` display math, as OpenAI, DeepSeek and Gemini write them
 *   (the LaTeX delimiters; KaTeX's auto-render uses the same); `\[` alone on a line opens a
 *   block like `$$`. Inside, a backslash and the next character stay together (`\\)` does not
 *   close `\(`), and an empty `\[ \]` stays text.
 * - `$…$` is inline math only when it cannot be money. The rule is Pandoc's `tex_math_dollars`
 *   (https://pandoc.org/MANUAL.html#math), made stricter: the opening `$` is followed by a
 *   non-space and not preceded by an ASCII letter or digit (`US$5`); the formula ends at the next
 *   `$` on the same line, which must follow a non-space and not be followed by a digit. When that
 *   next `$` cannot close, the first one is a plain dollar sign. So `$12.50 and $3`, `$100-$200`
 *   and `$5 or $x$` (only `x` is math) stay text, while `$x^2$`, `$2^{10}$` and `the $n$th` are math.
 *
 * Inside code spans and fences nothing changes: micromark tokenizes code before any of this.
 * Contents are never unescaped: `\,` and `\\` reach KaTeX as written.
 */
import type {
  Code,
  Construct,
  Effects,
  Extension,
  State,
  TokenizeContext,
} from 'micromark-util-types';
import type { Processor } from 'unified';
import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import type {} from 'micromark-extension-math';
// Declares the processor data field (micromarkExtensions) that parser extensions go in.
import type {} from 'remark-parse';

const dollar = 36;
const backslash = 92;
const leftParen = 40;
const rightParen = 41;
const leftBracket = 91;
const rightBracket = 93;

/** micromark's line endings: CR, LF and the virtual CRLF / line-ending codes (< -2). */
function isLineEnding(code: Code): boolean {
  return code !== null && (code < -2 || code === 10 || code === 13);
}

/** Spaces, tabs (real or virtual), line endings and Unicode white space. */
function isWhitespace(code: Code): boolean {
  if (code === null) return false;
  if (code < 0 || code === 32 || code === 9 || isLineEnding(code)) return true;
  return /\s/u.test(String.fromCodePoint(code));
}

const isDigit = (code: Code): boolean => code !== null && code >= 48 && code <= 57;
const isAsciiAlphanumeric = (code: Code): boolean =>
  isDigit(code) || (code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)));

/** Emits a line ending inside math as its own token, as micromark requires. */
function lineEnding(effects: Effects, code: Code): void {
  effects.enter('lineEnding');
  effects.consume(code);
  effects.exit('lineEnding');
}

/** `$…$` (currency-safe, one line) and `$$…$$` (display) in text. */
const dollarMath: Construct = {
  name: 'chatDollarMath',
  tokenize: tokenizeDollarMath,
  // Start only at the beginning of a run of dollars (or right after an escaped one).
  previous(this: TokenizeContext, code: Code) {
    return code !== dollar || this.events.at(-1)?.[1].type === 'characterEscape';
  },
};

function tokenizeDollarMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const before = this.previous;
  let sizeOpen = 0;
  let sizeClose = 0;
  let lastInside: Code = null;
  let sawData = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    return sequenceOpen(code);
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === dollar) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    // Three or more dollars are left to remark-math's own rule (`$$$x$$$`).
    if (sizeOpen > 2) return nok(code);
    if (sizeOpen === 1 && (isAsciiAlphanumeric(before) || code === null || isWhitespace(code)))
      return nok(code);
    effects.exit('mathTextSequence');
    return between(code);
  }

  function between(code: Code): State | undefined {
    if (code === null) return nok(code);
    if (code === dollar) {
      // A single-dollar formula ends at the next `$` or not at all.
      if (sizeOpen === 1 && (!sawData || isWhitespace(lastInside))) return nok(code);
      effects.enter('mathTextSequence');
      sizeClose = 0;
      return sequenceClose(code);
    }
    if (isLineEnding(code)) {
      if (sizeOpen === 1) return nok(code);
      lineEnding(effects, code);
      lastInside = code;
      return between;
    }
    effects.enter('mathTextData');
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === null || code === dollar || isLineEnding(code)) {
      effects.exit('mathTextData');
      return between(code);
    }
    if (!isWhitespace(code)) sawData = true;
    lastInside = code;
    effects.consume(code);
    // A TeX escape (`\$`, `\\`) is one unit: its `$` is no closer.
    return code === backslash ? escaped : data;
  }

  function escaped(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) return data(code);
    lastInside = code;
    effects.consume(code);
    return data;
  }

  function sequenceClose(code: Code): State | undefined {
    if (code === dollar) {
      effects.consume(code);
      sizeClose++;
      return sequenceClose;
    }
    if (sizeClose === sizeOpen && sawData && !(sizeOpen === 1 && isDigit(code))) {
      effects.exit('mathTextSequence');
      effects.exit('mathText');
      return ok(code);
    }
    return nok(code);
  }
}

/** `\(…\)` (inline) and `\[…\]` (display) in text; may span lines within a paragraph. */
const bracketMath: Construct = {
  name: 'chatBracketMath',
  tokenize: tokenizeBracketMath,
};

function tokenizeBracketMath(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  let close = rightParen;
  let sawData = false;
  const closer: Construct = { tokenize: tokenizeCloser, partial: true };
  return start;

  function tokenizeCloser(effects: Effects, ok: State, nok: State): State {
    return (code: Code) => {
      effects.enter('mathTextSequence');
      effects.consume(code);
      return (next: Code) => {
        if (next !== close) return nok(next);
        effects.consume(next);
        effects.exit('mathTextSequence');
        return ok;
      };
    };
  }

  function start(code: Code): State | undefined {
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    effects.consume(code);
    return open;
  }

  function open(code: Code): State | undefined {
    if (code !== leftParen && code !== leftBracket) return nok(code);
    close = code === leftParen ? rightParen : rightBracket;
    effects.consume(code);
    effects.exit('mathTextSequence');
    return between;
  }

  function between(code: Code): State | undefined {
    if (code === null) return nok(code);
    if (isLineEnding(code)) {
      lineEnding(effects, code);
      return between;
    }
    if (code === backslash) return effects.attempt(closer, after, escape)(code);
    effects.enter('mathTextData');
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === null || isLineEnding(code) || code === backslash) {
      effects.exit('mathTextData');
      return between(code);
    }
    if (!isWhitespace(code)) sawData = true;
    effects.consume(code);
    return data;
  }

  function after(code: Code): State | undefined {
    if (!sawData) return nok(code);
    effects.exit('mathText');
    return ok(code);
  }

  // Not the closer: a TeX control sequence (`\\`, `\{`, `\,`), kept whole so `\\)` does not close.
  function escape(code: Code): State | undefined {
    effects.enter('mathTextData');
    effects.consume(code);
    sawData = true;
    return escaped;
  }

  function escaped(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) return data(code);
    effects.consume(code);
    return data;
  }
}

/** Consumes up to `max` spaces or tabs as one token of `type`, then goes on to `next`. */
function spaces(
  effects: Effects,
  next: State,
  type: 'linePrefix' | 'whitespace',
  max = Infinity,
): State {
  let size = 0;
  const inside = (code: Code): State | undefined => {
    if ((code === 32 || code === 9 || code === -1 || code === -2) && size < max) {
      if (size++ === 0) effects.enter(type);
      effects.consume(code);
      return inside;
    }
    if (size > 0) effects.exit(type);
    return next(code);
  };
  return inside;
}

/** A line break that is not a lazy continuation (the next line is still inside the container). */
const nonLazyLineEnding: Construct = {
  partial: true,
  tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const lineStart = (code: Code) => (this.parser.lazy[this.now().line] ? nok(code) : ok(code));
    return (code: Code) => {
      if (code === null) return ok(code);
      lineEnding(effects, code);
      return lineStart;
    };
  },
};

/**
 * A display block: `$$` (two or more dollars) or `\[` alone on a line opens it, and a line of as
 * many dollars (or `\]`) closes it. This mirrors micromark-extension-math's flow construct, which
 * it replaces, with one difference: a `$$` line with more after it (`$$x^2$$`, `$$ a = b` … `$$`)
 * is not a block whose first line is lost as "meta" but text math, so one-line `$$…$$` works.
 * The formula may hold blank lines and lines that would otherwise start lists or headings, in
 * any container. Same tokens and mdast as remark-math's blocks.
 */
const dollarMathFlow: Construct = {
  name: 'chatDollarMathFlow',
  concrete: true,
  tokenize: tokenizeMathFlow,
};
const bracketMathFlow: Construct = {
  name: 'chatBracketMathFlow',
  concrete: true,
  tokenize: tokenizeMathFlow,
};

function tokenizeMathFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // Read when the fence line ends: true while micromark only asks whether we interrupt a paragraph.
  const interrupting = () => this.interrupt === true;
  const tail = this.events.at(-1);
  const initialSize =
    tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true };
  let sizeOpen = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('mathFlow');
    effects.enter('mathFlowFence');
    effects.enter('mathFlowFenceSequence');
    if (code === dollar) return dollars(code);
    effects.consume(code);
    return (next: Code) => {
      if (next !== leftBracket) return nok(next);
      effects.consume(next);
      effects.exit('mathFlowFenceSequence');
      return spaces(effects, fenceEnd, 'whitespace');
    };
  }

  function dollars(code: Code): State | undefined {
    if (code === dollar) {
      effects.consume(code);
      sizeOpen++;
      return dollars;
    }
    if (sizeOpen < 2) return nok(code);
    effects.exit('mathFlowFenceSequence');
    return spaces(effects, fenceEnd, 'whitespace')(code);
  }

  // Anything after the opening fence on its line makes it text math instead.
  function fenceEnd(code: Code): State | undefined {
    if (code !== null && !isLineEnding(code)) return nok(code);
    effects.exit('mathFlowFence');
    if (interrupting()) return ok(code);
    return effects.attempt(nonLazyLineEnding, lineStart, after)(code);
  }

  function lineStart(code: Code): State | undefined {
    return effects.attempt(closingFence, after, contentStart)(code);
  }

  function contentStart(code: Code): State | undefined {
    return initialSize > 0
      ? spaces(effects, beforeChunk, 'linePrefix', initialSize)(code)
      : beforeChunk(code);
  }

  function beforeChunk(code: Code): State | undefined {
    if (code === null) return after(code);
    if (isLineEnding(code)) return effects.attempt(nonLazyLineEnding, lineStart, after)(code);
    effects.enter('mathFlowValue');
    return chunk(code);
  }

  function chunk(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit('mathFlowValue');
      return beforeChunk(code);
    }
    effects.consume(code);
    return chunk;
  }

  function after(code: Code): State | undefined {
    effects.exit('mathFlow');
    return ok(code);
  }

  function tokenizeClosingFence(effects: Effects, ok: State, nok: State): State {
    let size = 0;
    const sequence = (code: Code): State | undefined => {
      if (code !== (sizeOpen > 0 ? dollar : backslash)) return nok(code);
      effects.enter('mathFlowFence');
      effects.enter('mathFlowFenceSequence');
      return sizeOpen > 0 ? closingDollars(code) : closingBracket(code);
    };
    const closingDollars = (code: Code): State | undefined => {
      if (code === dollar) {
        effects.consume(code);
        size++;
        return closingDollars;
      }
      if (size < sizeOpen) return nok(code);
      effects.exit('mathFlowFenceSequence');
      return spaces(effects, end, 'whitespace')(code);
    };
    const closingBracket = (code: Code): State | undefined => {
      effects.consume(code);
      return (next: Code) => {
        if (next !== rightBracket) return nok(next);
        effects.consume(next);
        effects.exit('mathFlowFenceSequence');
        return spaces(effects, end, 'whitespace');
      };
    };
    const end = (code: Code): State | undefined => {
      if (code !== null && !isLineEnding(code)) return nok(code);
      effects.exit('mathFlowFence');
      return ok(code);
    };
    return spaces(effects, sequence, 'linePrefix', 3);
  }
}

/**
 * The micromark extension. Registered after remark-math's, so our `$` text construct is tried
 * before its (kept for `$$$…$$$` runs); our `\` constructs come before character escapes.
 */
export const chatMathSyntax: Extension = {
  // remark-math's own block construct is replaced by ours (see dollarMathFlow).
  disable: { null: ['mathFlow'] },
  flow: { [dollar]: dollarMathFlow, [backslash]: bracketMathFlow },
  text: { [dollar]: dollarMath, [backslash]: bracketMath },
};

/**
 * remark plugin: the math rules above. Use after `[remarkMath, { singleDollarTextMath: false }]`,
 * which provides the mdast/hast mapping (our constructs emit its token types) and `$$$…$$$`;
 * ours are registered later, so micromark tries them first. Text math opened by `$$` or `\[`
 * becomes display math (rehype-katex renders `math-display` in display mode).
 */
export function remarkChatMath(this: Processor): (tree: Root, file: VFile) => undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(chatMathSyntax);
  return (tree, file) => {
    const source = String(file.value);
    markDisplay(tree, source);
  };
}

/** Marks inline math written with a display delimiter (read from the source) as display math. */
function markDisplay(node: Nodes, source: string): void {
  if (node.type === 'inlineMath') {
    const at = node.position?.start.offset;
    if (at !== undefined && (source.startsWith('$$', at) || source.startsWith('\\[', at))) {
      node.data = {
        ...node.data,
        hProperties: { className: ['language-math', 'math-display'] },
      };
    }
    return;
  }
  if ('children' in node) for (const child of node.children) markDisplay(child, source);
}
