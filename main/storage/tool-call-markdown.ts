/**
 * A reply with tool calls as Markdown, for an export people read: the reply's text with each
 * call written where it sits (its `textOffset`), as a "Tool call: server › tool" line, its
 * arguments in a ```json fence, its result's text in a fence, and its status when it did not
 * finish normally. The text before each call is closed (`closeOpenBlocks`) so a call made inside
 * an open code fence does not end up as part of it.
 */
import type { Reply, ToolCall, ToolCallStatus, ToolResultContent } from '../../preload/api';
import { closeOpenBlocks } from './markdown-closing';

/** How each status that is not a plain `done` is named after the call's line. */
const statusWords: Record<Exclude<ToolCallStatus, 'done'>, string> = {
  streaming: 'still being written',
  'awaiting-approval': 'waiting for approval',
  running: 'running',
  failed: 'failed',
  denied: 'denied',
  stopped: 'stopped',
  interrupted: 'interrupted',
};

/**
 * The reply's text with its calls written in, each at its offset (calls at the same offset keep
 * their order). Every piece of the reply's own text is closed before the call after it.
 */
export function replyMarkdown(reply: Reply): string {
  const calls = [...(reply.toolCalls ?? [])]
    .map((call, order) => ({ call, order }))
    .sort((a, b) => a.call.textOffset - b.call.textOffset || a.order - b.order)
    .map(({ call }) => call);
  if (calls.length === 0) return closeOpenBlocks(reply.text);
  const parts: string[] = [];
  let from = 0;
  for (const call of calls) {
    const to = Math.min(Math.max(call.textOffset, from), reply.text.length);
    const before = reply.text.slice(from, to);
    if (before.trim() !== '') parts.push(tidy(closeOpenBlocks(before)));
    parts.push(toolCallMarkdown(call));
    from = to;
  }
  const rest = reply.text.slice(from);
  if (rest.trim() !== '') parts.push(tidy(closeOpenBlocks(rest)));
  return parts.join('\n\n');
}

/** A piece of text without the blank lines around it (its first line keeps its indentation). */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/** One call as Markdown: its line, arguments, and result or error. */
export function toolCallMarkdown(call: ToolCall): string {
  const status = call.status === 'done' ? '' : ` (${statusWords[call.status]})`;
  const lines = [`**Tool call: ${call.serverName} › ${call.tool}**${status}`];
  if (call.arguments.trim() !== '') lines.push('', fenced(prettyJson(call.arguments), 'json'));
  if (call.error) lines.push('', `Error: ${call.error}`);
  if (call.result) {
    lines.push('', call.result.isError ? 'Result (the tool reported an error):' : 'Result:');
    for (const block of call.result.content) lines.push('', resultBlockMarkdown(block));
    const truncated = call.result.truncated;
    if (truncated) {
      lines.push(
        '',
        `(The model was sent the first ${truncated.keptChars} of ${truncated.totalChars} characters.)`,
      );
    }
  }
  return lines.join('\n');
}

function resultBlockMarkdown(block: ToolResultContent): string {
  switch (block.type) {
    case 'text':
      return fenced(block.text, '');
    case 'image':
      return `[Image: ${block.mimeType}]`;
    case 'resource': {
      const label = `[Resource: ${block.name ?? block.uri}${block.name ? ` (${block.uri})` : ''}]`;
      return block.text === undefined ? label : `${label}\n\n${fenced(block.text, '')}`;
    }
  }
}

/** Arguments indented when they are JSON; as the model wrote them when they are not (yet). */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * `text` in a backtick fence longer than any run of backticks inside it (CommonMark §4.5: the
 * closing fence must be at least as long as the opening one), so no content can close it early.
 */
export function fenced(text: string, info: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}`;
}
