/**
 * The history a request carries, provider-neutral (`ProviderMessage`s): every turn's prompt and
 * each earlier turn's chosen reply, with the reply's tool calls and results replayed step by step
 * so any provider — also another one than wrote them — sees the whole exchange.
 */
import type { Reply, ToolCall, ToolResultContent, Turn } from '../../preload/api';
import type { ProviderAttachment, ProviderMessage, ProviderToolResult } from '../providers/types';

/**
 * Most characters of one tool result's text a model is sent (~25k tokens). The card keeps all
 * of it; the model gets the start and a note saying how much was left out.
 */
export const maxResultCharsForModel = 100_000;

/**
 * The messages a request carries: every turn's prompt, and each earlier turn's chosen reply.
 * The last turn is the one being answered, so its replies are left out — a new version never
 * sees the other versions. `attachments` holds each turn's files (by turn id) as prepared for
 * the request's provider (main/attachments/): every turn's files go again with the history,
 * as providers keep no state between requests.
 */
export function history(
  turns: readonly Turn[],
  attachments: ReadonlyMap<string, ProviderAttachment[]> = new Map(),
): ProviderMessage[] {
  const messages: ProviderMessage[] = [];
  turns.forEach((turn, index) => {
    const files = attachments.get(turn.id);
    if (files?.length) messages.push({ role: 'user', content: turn.userText, attachments: files });
    else appendText(messages, 'user', turn.userText);
    if (index === turns.length - 1) return;
    const reply = turn.replies[turn.activeReply];
    if (reply) for (const message of replyMessages(reply)) append(messages, message);
  });
  return messages;
}

/**
 * One reply as messages: for each step that called tools, the step's text with its calls, then
 * their results; then the text after the last step. A call that never finished (denied, stopped,
 * interrupted, failed) still gets a result — every provider requires one per call — saying what
 * happened to it.
 */
export function replyMessages(reply: Reply): ProviderMessage[] {
  const messages: ProviderMessage[] = [];
  let from = 0;
  for (const calls of stepsOf(reply.toolCalls ?? [])) {
    const offset = Math.max(from, Math.min(...calls.map((call) => call.textOffset)));
    const replay = calls.find((call) => call.replay?.thinking)?.replay;
    messages.push({
      role: 'assistant',
      content: reply.text.slice(from, offset),
      toolCalls: calls.map((call) => ({
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        ...(call.replay?.thoughtSignature ? { replay: call.replay } : {}),
      })),
      ...(replay ? { replay: { kind: replay.kind, thinking: replay.thinking } } : {}),
    });
    messages.push({ role: 'tool', results: calls.map(resultForModel) });
    from = offset;
  }
  const rest = reply.text.slice(from);
  if (rest.trim() !== '') messages.push({ role: 'assistant', content: rest });
  return messages;
}

/** What the model is told a call came to. */
export function resultForModel(call: ToolCall): ProviderToolResult {
  const base = { callId: call.id, name: call.name };
  if (call.status === 'done' && call.result) {
    return {
      ...base,
      content: call.result.content.map(truncateForModel),
      isError: call.result.isError,
    };
  }
  return { ...base, content: [{ type: 'text', text: failureText(call) }], isError: true };
}

/** The sentence the model gets for a call that produced no result. */
function failureText(call: ToolCall): string {
  switch (call.status) {
    case 'denied':
      return 'The user declined to run this tool call.';
    case 'failed':
      return call.error ?? 'The tool call failed.';
    case 'stopped':
      return 'The user stopped this tool call before it finished; it has no result.';
    default:
      return 'This tool call was interrupted before it finished (the app closed); it has no result.';
  }
}

function truncateForModel(content: ToolResultContent): ToolResultContent {
  if (content.type !== 'text' || content.text.length <= maxResultCharsForModel) return content;
  const left = content.text.length - maxResultCharsForModel;
  return {
    type: 'text',
    text:
      `${content.text.slice(0, maxResultCharsForModel)}\n\n` +
      `[Parley cut this result: ${left.toLocaleString('en-US')} more characters were left out.]`,
  };
}

/** The calls grouped by step, in step order. */
function stepsOf(calls: readonly ToolCall[]): ToolCall[][] {
  const steps = new Map<number, ToolCall[]>();
  for (const call of calls) {
    const step = steps.get(call.step);
    if (step) step.push(call);
    else steps.set(call.step, [call]);
  }
  return [...steps.entries()].sort(([a], [b]) => a - b).map(([, stepCalls]) => stepCalls);
}

// A reply that failed before any text leaves two user messages in a row; providers want
// alternating roles, so plain messages of one role are merged rather than dropped.
function append(messages: ProviderMessage[], message: ProviderMessage): void {
  if (message.role === 'tool') messages.push(message);
  else if (message.role === 'assistant' && message.toolCalls) messages.push(message);
  else if (message.content.trim() !== '') appendText(messages, message.role, message.content);
}

function appendText(messages: ProviderMessage[], role: 'user' | 'assistant', content: string) {
  const last = messages.at(-1);
  if (last && last.role === role && !(last.role === 'assistant' && last.toolCalls)) {
    last.content = `${last.content}\n\n${content}`;
  } else messages.push({ role, content });
}
