/**
 * One tool call's life after the model finished writing it: its arguments are checked, the
 * permission broker decides (asking the user on an approval card where needed), the tool runs
 * on its MCP server, and the result or the reason there is none is recorded on the call. Every
 * change goes out as the call's whole state (`emit`), so the card, the saved reply and the next
 * request all see the same thing. Nothing here throws: every failure becomes the call's status.
 */
import type { ToolCall, ToolResult } from '../../preload/api';
import type { PermissionBroker } from '../tools/permission-broker';
import { ToolCallError, type AvailableTool, type ToolSource } from '../tools/tool-source';
import { maxResultCharsForModel } from './history';

/** What running a call needs. */
export interface ToolCallContext {
  source: Pick<ToolSource, 'callTool'>;
  broker: Pick<PermissionBroker, 'allowsWithoutAsking' | 'ask'>;
  conversationId: string;
  streamId: string;
  /** The generation's signal: Stop aborts the approval wait and the running tool. */
  signal: AbortSignal;
  /** Receives the call's state after every change. */
  emit: (call: ToolCall) => void;
  /** Epoch ms (a fixed clock in tests). */
  now?: () => number;
}

/**
 * Decide and run `call` (whose arguments are complete). `tool` is what its name resolved to;
 * undefined when the model named a tool that was not offered. Resolves once the call reached a
 * final status, or as soon as the signal aborts (the generation marks it `stopped` then).
 */
export async function runToolCall(
  call: ToolCall,
  tool: AvailableTool | undefined,
  context: ToolCallContext,
): Promise<void> {
  const { emit, signal } = context;
  if (!tool) {
    emit({
      ...call,
      status: 'failed',
      error: `The model asked for a tool named "${call.name}", which is not available here.`,
    });
    return;
  }
  const args = parseArguments(call.arguments);
  if (typeof args === 'string') {
    emit({ ...call, status: 'failed', error: args });
    return;
  }
  const decision = {
    streamId: context.streamId,
    callId: call.id,
    conversationId: context.conversationId,
    serverId: tool.serverId,
    tool: tool.name,
    arguments: call.arguments,
    readOnly: tool.readOnly,
  };
  if (!context.broker.allowsWithoutAsking(decision)) {
    emit({ ...call, status: 'awaiting-approval' });
    const answer = await context.broker.ask(decision, signal);
    if (signal.aborted) return;
    if (answer === 'deny') {
      emit({ ...call, status: 'denied' });
      return;
    }
  }
  const now = context.now ?? Date.now;
  const startedAt = now();
  const running: ToolCall = { ...call, status: 'running', startedAt };
  emit(running);
  try {
    const result = await context.source.callTool(tool.serverId, tool.name, args, signal);
    if (signal.aborted) return;
    emit({ ...running, status: 'done', result: marked(result), durationMs: now() - startedAt });
  } catch (error) {
    if (signal.aborted) return;
    const message =
      error instanceof ToolCallError
        ? error.message
        : `${tool.serverName} could not run ${tool.name}: something unexpected went wrong.`;
    emit({ ...running, status: 'failed', error: message, durationMs: now() - startedAt });
  }
}

/**
 * The argument object, or the sentence the model gets when there is none: JSON that does not
 * parse (a stream cut off mid-arguments) or that is not an object is the model's mistake, told
 * back to it as a tool error rather than thrown. An empty string means no arguments (`{}`).
 */
export function parseArguments(text: string): Record<string, unknown> | string {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'it does not parse';
    return `The arguments were not valid JSON (${reason}), so the tool was not run. Send the call again with a complete JSON object.`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'The arguments must be a JSON object, so the tool was not run.';
  }
  return value as Record<string, unknown>;
}

/** The result, marked `truncated` when its text is longer than a model is sent (history.ts cuts it). */
function marked(result: ToolResult): ToolResult {
  const totalChars = result.content.reduce(
    (sum, block) => sum + (block.type === 'text' ? block.text.length : 0),
    0,
  );
  const longest = Math.max(
    0,
    ...result.content.map((block) => (block.type === 'text' ? block.text.length : 0)),
  );
  if (longest <= maxResultCharsForModel) return result;
  const keptChars = result.content.reduce(
    (sum, block) =>
      sum + (block.type === 'text' ? Math.min(block.text.length, maxResultCharsForModel) : 0),
    0,
  );
  return { ...result, truncated: { keptChars, totalChars } };
}
