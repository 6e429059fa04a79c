import type {
  ChatError,
  ChatEvent,
  ProviderReplay,
  StopReason,
  ToolCall,
  Usage,
} from '../../preload/api';
import { isOpen } from '../../common/reply-fold';
import {
  ProviderError,
  type Provider,
  type ProviderMessage,
  type ProviderRequest,
} from '../providers/types';
import type { ToolLoopOptions } from '../tools/tool-loop';
import { emptyToolset, type Toolset } from '../tools/toolset';
import { abnormalStop } from './abnormal-stop';
import { DeltaCoalescer } from './delta-coalescer';
import { replyMessages } from './history';
import { maxRetries, retryDelay } from './retry-policy';
import { runToolCall } from './tool-call-runner';

export type { ToolLoopOptions };

/** A stream event before main stamps it with the stream id and sequence number. */
export type UnstampedEvent = ChatEvent extends infer E
  ? E extends ChatEvent
    ? Omit<E, 'streamId' | 'seq'>
    : never
  : never;

/** What a generation needs: where to send events, and how to log what the user must not see. */
export interface GenerationOptions {
  streamId: string;
  provider: Provider;
  request: ProviderRequest;
  /** Receives every event, stamped, in order; the last one is `done` or `error`. */
  emit: (event: ChatEvent) => void;
  log?: (message: string, error: unknown) => void;
  frameMs?: number;
  /** Jitter source for retry backoff (tests pass a fixed one). */
  random?: () => number;
  /** Tools the model may call; absent: a plain reply with one request. */
  tools?: ToolLoopOptions;
  /**
   * Make the history's attachments ready for this provider (decode, rotate, downscale — it can
   * take a while for big photos, so it runs inside the generation, where Stop reaches it):
   * resolves to the messages to send instead of `request.messages`, or to the failure to show
   * (an attachment this model cannot take, named). Absent: `request.messages` as they are.
   */
  prepareMessages?: (signal: AbortSignal) => Promise<ProviderMessage[] | ChatError>;
}

/** How one model request (one step) ended, when it did not end the reply. */
interface StepOutcome {
  stopReason: StopReason;
  rawReason?: string;
  /** The calls the model asked for in this step, complete, in order. */
  calls: ToolCall[];
}

const unexpectedError: ChatError = {
  kind: 'protocol',
  message: 'Something unexpected went wrong while reading the reply. Try Regenerate.',
};

/**
 * One reply, from the first request to its single terminal event: text, and when the model asks
 * for tools, its calls, their approval and results, and the model's next request with them — a
 * sequence of steps. Its whole life hangs off one AbortController: `stop()` ends it at once
 * wherever it is (text streaming, a card waiting for approval, a tool running), closes the
 * upstream connection, and cancels a running tool's MCP request.
 */
export class Generation {
  readonly streamId: string;
  /** Settles (never rejects) once the provider call has fully unwound. */
  readonly finished: Promise<void>;
  private readonly controller = new AbortController();
  private readonly coalescer: DeltaCoalescer;
  private seq = 0;
  private ended = false;
  /** Token counts of the steps before this one, added up (each step is a request of its own). */
  private earlierUsage: Usage | undefined;
  /** Token counts the current step's provider reported so far. */
  private stepUsage: Usage | undefined;
  /** Whether this step received any text, reasoning or tool call (retries stop after one). */
  private receivedAnything = false;
  private readonly maxAttempts = maxRetries + 1;
  private readonly random: () => number;
  /** Every text delta of the reply so far, all steps: the history of later steps is built from it. */
  private text = '';
  /** The reply's calls so far, by id (kept in sync with what was emitted). */
  private readonly calls = new Map<string, ToolCall>();
  /** Argument fragments are merged per frame like text; one coalescer per streaming call. */
  private readonly argumentBuffers = new Map<string, DeltaCoalescer>();

  constructor(private readonly options: GenerationOptions) {
    this.streamId = options.streamId;
    this.random = options.random ?? Math.random;
    this.coalescer = new DeltaCoalescer(
      (text, reasoning) => this.send({ type: 'delta', text, reasoning }),
      options.frameMs,
    );
    this.finished = this.run();
  }

  /** Whether the terminal event has been sent. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Tell the window that saving this reply failed; it keeps streaming. */
  reportSaveFailure(message: string): void {
    this.send({ type: 'save-failed', message });
  }

  /**
   * The usage to report when the reply ends without the provider's end (Stop, a failure): the
   * counts so far, marked partial, since the provider sends its totals only at its end.
   */
  private partialUsage(): Usage | undefined {
    const { usage } = this;
    return usage ? { ...usage, partial: true } : undefined;
  }

  /** The reply's counts so far: every finished step's, plus the current step's. */
  private get usage(): Usage | undefined {
    return addUsage(this.earlierUsage, this.stepUsage);
  }

  /**
   * Stop at once: text already received is kept, every open tool call reads `stopped`, and
   * `done` (stopped) is the last event. The abort closes the provider connection, answers a
   * waiting approval card with "no", and cancels a running tool.
   */
  stop(): void {
    if (this.ended) return;
    this.coalescer.flush();
    this.flushArguments();
    for (const call of this.calls.values()) {
      if (isOpen(call.status)) this.emitCall({ ...call, status: 'stopped' });
    }
    this.finish({ type: 'done', stopReason: 'stopped', usage: this.partialUsage() });
    this.controller.abort(new DOMException('Stopped by the user', 'AbortError'));
  }

  private async run(): Promise<void> {
    // Let the caller return the new reply to the renderer before the first event goes out.
    await Promise.resolve();
    const { tools } = this.options;
    const { signal } = this.controller;
    try {
      let baseMessages = this.options.request.messages;
      if (this.options.prepareMessages) {
        const prepared = await this.options.prepareMessages(signal);
        if (this.ended) return;
        if (!Array.isArray(prepared)) {
          this.finish({ type: 'error', error: prepared });
          return;
        }
        baseMessages = prepared;
      }
      const toolset = tools ? await tools.load(signal) : emptyToolset;
      if (this.ended) return;
      for (const message of toolset.notices) this.send({ type: 'notice', message });
      let request: ProviderRequest = {
        ...this.options.request,
        messages: baseMessages,
        ...(toolset.definitions.length > 0 ? { tools: toolset.definitions } : {}),
      };
      for (let step = 1; ; step += 1) {
        const outcome = await this.requestWithRetries(request, step, toolset);
        if (outcome === null || this.ended) return;
        if (outcome.calls.length === 0 || !tools) {
          this.failOpenCalls('No tools were offered to the model, so this call was not run.');
          this.finishStep(outcome);
          return;
        }
        if (step >= tools.stepLimit) {
          this.endAtStepLimit(outcome.calls, tools.stepLimit);
          return;
        }
        for (const call of outcome.calls) {
          const tool = call.serverId === null ? undefined : toolset.resolve(call.name);
          await runToolCall(call, tool, {
            ...tools,
            streamId: this.streamId,
            signal,
            emit: (next) => this.emitCall(next),
          });
          if (this.ended) return;
        }
        // A new request object per step: the one sent before stays as it was (tests read it).
        request = { ...request, messages: [...baseMessages, ...this.stepMessages()] };
        this.earlierUsage = this.usage;
        this.stepUsage = undefined;
      }
    } catch (error) {
      if (this.ended || signal.aborted) return;
      this.options.log?.(`generation ${this.streamId} failed unexpectedly`, error);
      this.finish({ type: 'error', error: unexpectedError, usage: this.partialUsage() });
    } finally {
      this.coalescer.dispose();
      for (const buffer of this.argumentBuffers.values()) buffer.dispose();
    }
  }

  /**
   * One step's request, retried on failures that allow it before anything of the step arrived.
   * Returns how the step ended, or null when the reply ended (failure, Stop).
   */
  private async requestWithRetries(
    request: ProviderRequest,
    step: number,
    toolset: Toolset,
  ): Promise<StepOutcome | null> {
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.attempt(request, step, toolset);
      if (!(result instanceof ProviderError) || this.ended) {
        return result instanceof ProviderError ? null : result;
      }
      // Retry only before the first token: once text is on screen, Regenerate is the answer.
      const delayMs = this.receivedAnything ? null : retryDelay(result, attempt, this.random);
      if (delayMs === null) {
        this.failOpenCalls(result.info.message);
        this.finish({ type: 'error', error: result.info, usage: this.partialUsage() });
        return null;
      }
      const { maxAttempts } = this;
      this.send({
        type: 'retrying',
        attempt: attempt + 1,
        maxAttempts,
        delayMs,
        error: result.info,
      });
      await abortableSleep(delayMs, this.controller.signal);
      if (this.ended) return null;
    }
  }

  /** One request: how the step ended, the provider failure, or null when Stop ended it. */
  private async attempt(
    request: ProviderRequest,
    step: number,
    toolset: Toolset,
  ): Promise<StepOutcome | ProviderError | null> {
    let stopReason: StopReason = 'end';
    let rawReason: string | undefined;
    this.receivedAnything = false;
    this.stepUsage = undefined;
    // index → the call's id, for this request only (indexes restart with every request).
    const byIndex = new Map<number, string>();
    const stepCalls: ToolCall[] = [];
    let thinking: ProviderReplay | undefined;
    try {
      const events = this.options.provider.stream(request, this.controller.signal);
      for await (const event of events) {
        if (this.ended) break;
        switch (event.type) {
          case 'usage':
            this.mergeStepUsage(event.usage);
            break;
          case 'stop':
            stopReason = event.reason;
            rawReason = event.raw;
            break;
          case 'text':
            this.receivedAnything = true;
            this.text += event.text;
            this.coalescer.push(event.text);
            break;
          case 'reasoning':
            this.receivedAnything = true;
            this.coalescer.push('', event.text);
            break;
          case 'replay':
            thinking = event.replay;
            break;
          case 'tool-call-start': {
            this.receivedAnything = true;
            const call = this.startCall(event.id, event.name, step, toolset);
            byIndex.set(event.index, call.id);
            stepCalls.push(call);
            break;
          }
          case 'tool-call-delta': {
            const id = byIndex.get(event.index);
            if (id !== undefined) this.appendArguments(id, event.fragment);
            break;
          }
          case 'tool-call-end': {
            const id = byIndex.get(event.index);
            if (id !== undefined) this.endArguments(id, event.replay);
            break;
          }
        }
      }
      if (this.ended) return null;
      const failure = abnormalStop(rawReason, this.receivedAnything);
      if (failure) return failure;
      // Calls the stream never ended (cut off mid-arguments) are complete as far as they go.
      for (const call of stepCalls) this.endArguments(call.id, undefined);
      const calls = stepCalls.map((call) => this.calls.get(call.id) ?? call);
      const first = calls[0];
      if (first && thinking?.thinking) {
        const withThinking = { ...first, replay: { ...first.replay, ...thinking } };
        this.calls.set(first.id, withThinking);
        calls[0] = withThinking;
      }
      return { stopReason, ...(rawReason !== undefined ? { rawReason } : {}), calls };
    } catch (error) {
      if (this.ended || this.controller.signal.aborted) return null;
      if (error instanceof ProviderError) return error;
      throw error;
    }
  }

  /** Providers report counts in pieces (input at the start, output at the end): merge them. */
  private mergeStepUsage(usage: Usage): void {
    this.stepUsage = { ...this.stepUsage, ...usage };
  }

  /** A call begins: text before it is sent first, so its card sits after that text. */
  private startCall(id: string, name: string, step: number, toolset: Toolset): ToolCall {
    this.coalescer.flush();
    const tool = toolset.resolve(name);
    // Two calls with one id (a server that repeats ids) would overwrite each other's card.
    const uniqueId = this.calls.has(id) ? `${id}_${this.calls.size}` : id;
    const call: ToolCall = {
      id: uniqueId,
      name,
      serverId: tool?.serverId ?? null,
      serverName: tool?.serverName ?? '',
      tool: tool?.name ?? name,
      step,
      textOffset: this.text.length,
      arguments: '',
      status: 'streaming',
      ...(tool ? { destructive: tool.destructive } : {}),
    };
    this.emitCall(call);
    const buffer = new DeltaCoalescer(
      (fragment) => this.send({ type: 'tool-arguments', callId: uniqueId, fragment }),
      this.options.frameMs,
    );
    this.argumentBuffers.set(uniqueId, buffer);
    return call;
  }

  private appendArguments(id: string, fragment: string): void {
    const call = this.calls.get(id);
    if (!call || fragment === '') return;
    this.calls.set(id, { ...call, arguments: call.arguments + fragment });
    this.argumentBuffers.get(id)?.push(fragment);
  }

  private endArguments(id: string, replay: ProviderReplay | undefined): void {
    const buffer = this.argumentBuffers.get(id);
    buffer?.flush();
    buffer?.dispose();
    this.argumentBuffers.delete(id);
    const call = this.calls.get(id);
    if (call && replay) this.calls.set(id, { ...call, replay: { ...call.replay, ...replay } });
  }

  private flushArguments(): void {
    for (const buffer of this.argumentBuffers.values()) buffer.flush();
  }

  /** Send a call's whole state, and remember it (arguments included) as the reply now holds it. */
  private emitCall(call: ToolCall): void {
    this.flushArguments();
    this.calls.set(call.id, call);
    this.send({ type: 'tool-call', call });
  }

  /** The messages of this reply's steps so far, for the next request. */
  private stepMessages(): ProviderMessage[] {
    return replyMessages({
      id: this.streamId,
      streamId: this.streamId,
      model: this.options.request.model,
      text: this.text,
      reasoning: '',
      status: 'streaming',
      seq: this.seq,
      toolCalls: [...this.calls.values()],
    });
  }

  /** The model asked for tools once more than the limit allows: they are not run, and the reply ends. */
  private endAtStepLimit(calls: ToolCall[], stepLimit: number): void {
    for (const call of calls) {
      this.emitCall({
        ...call,
        status: 'failed',
        error: `Not run: this reply reached its limit of ${stepLimit} steps (Settings → Tools).`,
      });
    }
    this.finish({ type: 'done', stopReason: 'step_limit', usage: this.usage });
  }

  /** The reply failed while calls were open: they failed with it. */
  private failOpenCalls(reason: string): void {
    for (const call of this.calls.values()) {
      if (isOpen(call.status)) this.emitCall({ ...call, status: 'failed', error: reason });
    }
  }

  /** The last step ended without tool calls: the reply is done. */
  private finishStep(outcome: StepOutcome): void {
    this.finish({
      type: 'done',
      stopReason: outcome.stopReason,
      ...(outcome.rawReason !== undefined ? { providerStopReason: outcome.rawReason } : {}),
      usage: this.usage,
    });
  }

  /** Flush held text, then send the one terminal event; later calls do nothing. */
  private finish(event: Extract<UnstampedEvent, { type: 'done' | 'error' }>): void {
    if (this.ended) return;
    this.coalescer.flush();
    this.flushArguments();
    this.ended = true;
    this.coalescer.dispose();
    if (event.usage === undefined) delete event.usage;
    this.send(event, true);
  }

  private send(event: UnstampedEvent, terminal = false): void {
    if (this.ended && !terminal) return;
    this.seq += 1;
    this.options.emit({ ...event, streamId: this.streamId, seq: this.seq } as ChatEvent);
  }
}

/** Two counts added field by field; a field missing on both sides stays missing. */
function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  const sum = (x: number | undefined, y: number | undefined) =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  const inputTokens = sum(a.inputTokens, b.inputTokens);
  const outputTokens = sum(a.outputTokens, b.outputTokens);
  return {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
  };
}

/** Wait `ms`, or less if the signal aborts (Stop during "Retrying in 3 s…"). */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
