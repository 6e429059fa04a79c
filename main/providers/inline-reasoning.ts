import type { Provider, ProviderEvent } from './types';

/**
 * Reasoning written into the answer text as tags. Local servers (Ollama, llama.cpp, vLLM with
 * some models) and DeepSeek-R1-style models put their chain of thought in the content as
 * `<think>…</think>`; Qwen and some prompt styles use `<thinking>…</thinking>`. Both are read as
 * reasoning, in any letter case, wherever they start (not only at the start of a reply), and the
 * closing tag may be either name. A tag inside a fenced code block (``` or ~~~) or right after a
 * backtick (inline code such as `` `<think>` ``) is text about tags, and stays text.
 *
 * The splitter is pure and streaming: `push` takes text as it arrives, split at any point, and
 * returns what can be shown now; only a possible partial tag at the end of a chunk (at most
 * `</thinking` minus one character) and whitespace whose fate depends on what follows are held
 * back. `end` returns what is still held when the reply ends; a reply that ends inside a
 * reasoning block keeps that reasoning as reasoning.
 */
export interface SplitOutput {
  text: string;
  reasoning: string;
}

const openTags = ['<think>', '<thinking>'];
const closeTags = ['</think>', '</thinking>'];
const allTags = [...openTags, ...closeTags];

/** A streaming splitter of inline `<think>` reasoning from answer text; see the module comment. */
export class InlineReasoningSplitter {
  /** Characters not yet decided (a possible partial tag at the end of the last chunk). */
  private held = '';
  private inReasoning = false;
  /** Inside a fenced code block of the answer: tags there are text. */
  private fence: { char: string; length: number } | null = null;
  /** At the start of a line, the run of fence characters (and up to 3 spaces) seen so far. */
  private lineStart: string | null = '';
  /** The last character classified (for the inline-code check). */
  private previous = '';
  /**
   * Whitespace held until the next visible character decides where it belongs: only at the start
   * of the answer, inside reasoning, and right after a closing tag. Elsewhere in the answer it
   * goes out at once, so the answer streams exactly as the model wrote it.
   */
  private pendingSpace = '';
  /** Nothing visible has been sent as answer text yet. */
  private answerEmpty = true;
  /** Nothing visible has been sent into the current reasoning block yet. */
  private reasoningBlockEmpty = true;
  /** Some reasoning has been sent (a second block is separated from the first by a blank line). */
  private sentReasoning = false;
  /** A closing tag just passed: whitespace before the answer resumes is decided anew. */
  private afterClose = false;
  /** The answer sent so far ends with whitespace (so none is needed after a reasoning block). */
  private answerEndsWithSpace = false;

  /** Feed the next piece of answer text; returns the text and reasoning that can be shown now. */
  push(chunk: string): SplitOutput {
    const out: SplitOutput = { text: '', reasoning: '' };
    const input = this.held + chunk;
    this.held = '';
    let index = 0;
    while (index < input.length) {
      const char = input[index] ?? '';
      if (char === '<' && this.fence === null && this.previous !== '`') {
        // The longest tag is 11 characters; a shorter remainder may be a tag cut by the chunk end.
        const rest = input.slice(index, index + 12).toLowerCase();
        const tag = allTags.find((candidate) => rest.startsWith(candidate));
        if (tag !== undefined && this.takeTag(tag)) {
          index += tag.length;
          continue;
        }
        if (tag === undefined && allTags.some((candidate) => candidate.startsWith(rest))) {
          // The chunk ends partway into what may be a tag: decide when more arrives.
          this.held = input.slice(index);
          break;
        }
      }
      if (this.inReasoning || (this.lineStart === null && char !== '\n')) {
        // Nothing but a tag (or, in the answer, a new line) changes the state: take the whole run
        // up to the next one at once, so a 10 MB reply costs a few scans, not a call per character.
        const nextTag = input.indexOf('<', index + 1);
        const nextLine = this.inReasoning ? -1 : input.indexOf('\n', index + 1);
        let end = input.length;
        if (nextTag >= 0) end = nextTag;
        if (nextLine >= 0 && nextLine < end) end = nextLine;
        this.takeRun(input.slice(index, end), out);
        index = end;
        continue;
      }
      this.take(char, out);
      index += 1;
    }
    return out;
  }

  /** The reply ended: everything still held, as what it turned out to be. */
  end(): SplitOutput {
    const out = this.push('');
    const rest = this.held;
    this.held = '';
    for (const char of rest) this.take(char, out);
    // Whitespace still held ends the reply, the reasoning, or an empty answer: none of it matters.
    this.pendingSpace = '';
    return out;
  }

  /** Acts on a complete tag; false when it is not one that applies here (then it is text). */
  private takeTag(tag: string): boolean {
    const opening = openTags.includes(tag);
    if (opening === this.inReasoning) return false;
    // Held whitespace here is the start of the answer, or the end of reasoning: both are dropped.
    this.pendingSpace = '';
    this.inReasoning = opening;
    if (opening) this.reasoningBlockEmpty = true;
    else this.afterClose = true;
    this.previous = '>';
    this.lineStart = null;
    return true;
  }

  /** Classifies one character as answer text or reasoning, tracking fences and whitespace. */
  private take(char: string, out: SplitOutput): void {
    this.trackFence(char);
    this.takeRun(char, out);
  }

  /**
   * Classifies a run that holds no tag and (in the answer) no line break, so fences cannot change
   * inside it: its whitespace is held as pending, its visible part sent where it belongs.
   */
  private takeRun(run: string, out: SplitOutput): void {
    if (run === '') return;
    this.previous = run[run.length - 1] ?? this.previous;
    if (!this.inReasoning && !this.answerEmpty && !this.afterClose) {
      out.text += run;
      this.answerEndsWithSpace = /\s$/.test(run);
      return;
    }
    const start = run.search(/\S/);
    if (start < 0) {
      this.pendingSpace += run;
      return;
    }
    let end = run.length;
    while (end > start && /\s/.test(run[end - 1] ?? '')) end -= 1;
    this.pendingSpace += run.slice(0, start);
    this.sendVisible(run.slice(start, end), out);
    const trailing = run.slice(end);
    if (this.inReasoning) {
      this.pendingSpace = trailing;
    } else {
      out.text += trailing;
      this.answerEndsWithSpace = trailing !== '';
    }
  }

  /** Sends `visible` (which starts and ends with a visible character) after the held whitespace. */
  private sendVisible(visible: string, out: SplitOutput): void {
    if (this.inReasoning) {
      if (this.reasoningBlockEmpty) {
        if (this.sentReasoning) out.reasoning += '\n\n';
        this.reasoningBlockEmpty = false;
      } else {
        out.reasoning += this.pendingSpace;
      }
      this.pendingSpace = '';
      this.sentReasoning = true;
      out.reasoning += visible;
      return;
    }
    if (this.afterClose) {
      // "Sure. <think>…</think>\n\nIt is 4." reads "Sure. It is 4."; at the start, no space at all.
      if (this.answerEmpty || this.answerEndsWithSpace) this.pendingSpace = '';
      this.afterClose = false;
    }
    out.text += this.pendingSpace + visible;
    this.pendingSpace = '';
    this.answerEmpty = false;
    this.answerEndsWithSpace = false;
  }

  /** Fences open and close on a line starting with (up to 3 spaces and) 3+ backticks or tildes. */
  private trackFence(char: string): void {
    if (this.inReasoning) return;
    if (char === '\n') {
      this.closeFenceRun();
      this.lineStart = '';
      return;
    }
    if (this.lineStart === null) return;
    const run = this.lineStart.trimStart();
    const indent = this.lineStart.length - run.length;
    if (char === ' ' && run === '' && indent < 3) {
      this.lineStart += char;
    } else if ((char === '`' || char === '~') && (run === '' || run.endsWith(char))) {
      this.lineStart += char;
    } else {
      this.closeFenceRun();
      this.lineStart = null;
    }
  }

  /** The fence-character run at the start of this line has ended: does it open or close one? */
  private closeFenceRun(): void {
    const run = (this.lineStart ?? '').trimStart();
    this.lineStart = null;
    const char = run[0];
    if (char === undefined || run.length < 3) return;
    if (this.fence === null) this.fence = { char, length: run.length };
    else if (this.fence.char === char && run.length >= this.fence.length) this.fence = null;
  }
}

/**
 * Splits the whole of one stream: `text` events pass through a splitter, reasoning found there
 * comes out as `reasoning` events, and what the splitter still holds is sent before a tool call
 * begins, before `stop`, or before the stream ends or fails. Other events pass through as they are.
 */
export async function* splitInlineReasoning(
  events: AsyncIterable<ProviderEvent>,
): AsyncGenerator<ProviderEvent, void, undefined> {
  const splitter = new InlineReasoningSplitter();
  const emit = function* (out: SplitOutput): Generator<ProviderEvent, void, undefined> {
    if (out.reasoning) yield { type: 'reasoning', text: out.reasoning };
    if (out.text) yield { type: 'text', text: out.text };
  };
  let ended = false;
  try {
    for await (const event of events) {
      if (event.type === 'text') {
        yield* emit(splitter.push(event.text));
        continue;
      }
      if (event.type === 'stop') {
        ended = true;
        yield* emit(splitter.end());
      }
      // A tool call ends the step's text: what is held goes out first, so the text before the
      // call is whole when the call begins (its card sits after that text).
      if (event.type === 'tool-call-start') yield* emit(splitter.end());
      yield event;
    }
  } catch (error) {
    // A cut or failed stream keeps what arrived, so the held tail is not lost either.
    yield* emit(splitter.end());
    throw error;
  }
  if (!ended) yield* emit(splitter.end());
}

/** A provider whose text never carries inline reasoning tags (see `splitInlineReasoning`). */
export function withInlineReasoning(provider: Provider): Provider {
  return { stream: (request, signal) => splitInlineReasoning(provider.stream(request, signal)) };
}
