import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isOpen } from '../../common/reply-fold';
import type { AttachmentView, ConversationSnapshot, StopReason, ToolCall } from '../../preload/api';
import { attachmentMarkdown } from './attachment-markdown';
import type { ConversationStore, ImportedAttachment } from './conversation-store';
import { checkImportedToolCalls, ImportError, orderImportedTree } from './import-check';
import { closeOpenBlocks } from './markdown-closing';
import { parseStoredToolCalls, toolCallsSchema } from './stored-tool-calls';
import { replyMarkdown } from './tool-call-markdown';

export { ImportError } from './import-check';

/** What marks a file as a Parley export, and which layout it has. */
export const exportFormat = 'parley.conversation';
export const exportVersion = 1;

const stopReasons = [
  'end',
  'max_tokens',
  'stopped',
  'interrupted',
  'content_filter',
  'tool_use',
  'refusal',
  'other',
] as const satisfies readonly StopReason[];

function asStopReason(reason: string): StopReason {
  return stopReasons.find((known) => known === reason) ?? 'other';
}

const messageSchema = z.object({
  id: z.string().min(1).max(200),
  parentId: z.string().min(1).max(200).nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string().max(10_000_000),
  reasoning: z.string().max(10_000_000).default(''),
  model: z.string().max(200).nullable().default(null),
  // A reason the reply view has no words for (preload/api StopReason) is stored as 'other'.
  stopReason: z
    .string()
    .max(50)
    .nullable()
    .default(null)
    .transform((reason) => (reason === null ? null : asStopReason(reason))),
  /** A reply's tool calls with their results (absent in files from before tools). */
  toolCalls: toolCallsSchema.optional(),
  /** A user message's attachments, in order: ids of the file's `attachments` (absent before them). */
  attachments: z
    .array(z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(255) }))
    .max(50)
    .optional(),
  createdAt: z.number().int().nonnegative(),
});

/**
 * An attachment's bytes in an export, base64 inline in the JSON (the file stays one file a
 * person can move; it grows by 4/3 of the attachments' size). Each file appears once, however
 * many messages carry it.
 */
const attachmentFileSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(255),
  mimeType: z.string().max(100).optional(),
  base64: z
    .string()
    .max(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

const exportSchema = z.object({
  format: z.literal(exportFormat),
  version: z.literal(exportVersion),
  conversation: z.object({ title: z.string().max(500), createdAt: z.number().int().nonnegative() }),
  messages: z.array(messageSchema).max(200_000),
  attachments: z.array(attachmentFileSchema).max(10_000).optional(),
});

/**
 * What export and import need of the attachments (the AttachmentService in the app): the bytes
 * of a stored one, and taking bytes in with intake's checks (type by content, size, text).
 */
export interface TransferAttachments {
  /** The bytes of a stored attachment, or null when they are gone. */
  bytes(id: string): Buffer | null;
  /** Check and store bytes as intake does: the stored id, or why they were refused. */
  add(name: string, bytes: Buffer): Promise<{ id: string } | { problem: string }>;
}

type ExportedMessage = z.input<typeof messageSchema>;

/**
 * The conversation's branch on screen as Markdown, for people. Each message's Markdown is closed
 * before the next heading (`closeOpenBlocks`): a reply stopped inside a code fence would
 * otherwise turn every later turn of the file into code. A reply's tool calls are written where
 * they sit in its text (tool-call-markdown.ts).
 */
export function toMarkdown(conversation: ConversationSnapshot): string {
  const lines = [`# ${conversation.title || 'Conversation'}`, ''];
  for (const turn of conversation.turns) {
    lines.push('## You', '', closeOpenBlocks(turn.userText), '');
    const attached: AttachmentView[] = turn.attachments ?? [];
    if (attached.length > 0) lines.push(...attached.map(attachmentMarkdown), '');
    const reply = turn.replies[turn.activeReply];
    if (reply) {
      const heading = `## Assistant${reply.model ? ` (${reply.model})` : ''}`;
      lines.push(heading, '', replyMarkdown(reply), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The conversation as JSON: its branch on screen, or every message of its tree. With
 * `attachments`, each user message lists its attachments and the file carries their bytes
 * (base64, once per file, in `attachments`); without it, attachments are left out.
 */
export function toJson(
  store: ConversationStore,
  conversation: ConversationSnapshot,
  scope: 'branch' | 'tree',
  attachments?: Pick<TransferAttachments, 'bytes'>,
): string {
  const meta = store.conversations.meta(conversation.id) ?? {
    title: conversation.title,
    createdAt: 0,
  };
  let rows = store.exportRows(conversation.id);
  if (scope === 'branch') {
    const onPath = new Set<string>();
    for (const turn of conversation.turns) {
      onPath.add(turn.id);
      const reply = turn.replies[turn.activeReply];
      if (reply) onPath.add(reply.id);
    }
    rows = rows.filter((row) => onPath.has(row.id));
  }
  const attachedTo = attachments
    ? store.attachments.forConversation(conversation.id)
    : new Map<string, AttachmentView[]>();
  const files = new Map<string, z.input<typeof attachmentFileSchema>>();
  const messages: ExportedMessage[] = rows.map((row) => {
    const message: ExportedMessage = {
      id: row.id,
      parentId: row.parent_id,
      role: row.role,
      content: row.content,
      reasoning: row.reasoning,
      model: row.model,
      stopReason: row.stop_reason,
      createdAt: row.created_at,
    };
    // Only calls that pass their check are exported (a damaged one would make the file refused).
    const toolCalls = parseStoredToolCalls(row.tool_calls, row.content.length, () => {});
    if (toolCalls) message.toolCalls = toolCalls;
    const views = (attachedTo.get(row.id) ?? []).filter((view) => {
      if (files.has(view.id)) return true;
      const bytes = attachments?.bytes(view.id);
      if (!bytes) return false;
      files.set(view.id, {
        id: view.id,
        name: view.name,
        mimeType: view.mimeType,
        base64: bytes.toString('base64'),
      });
      return true;
    });
    if (views.length > 0) {
      message.attachments = views.map((view) => ({ id: view.id, name: view.name }));
    }
    return message;
  });
  const document = {
    format: exportFormat,
    version: exportVersion,
    scope,
    conversation: { title: meta.title, createdAt: meta.createdAt },
    messages,
    ...(files.size > 0 ? { attachments: [...files.values()] } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Add a conversation from a JSON export, with fresh ids (importing twice gives two copies). The
 * whole file is checked before anything is stored (`orderImportedTree`, `checkImportedToolCalls`):
 * a file with a repeated id, a missing parent, a reply under a reply, a loop, or tool calls that
 * are damaged or do not fit their message is refused, naming the first problem, and nothing of
 * it is saved. A call the file has as still open (exported mid-reply) is stored as interrupted:
 * nothing will run it. A file with attachments needs `importJsonWithAttachments`.
 * @throws ImportError with a sentence for a person when the file is refused.
 */
export function importJson(store: ConversationStore, text: string): string {
  const parsed = parseExport(text);
  if (parsed.files.length > 0 || parsed.messages.some((message) => message.attachments?.length)) {
    throw new ImportError('That export has attachments, which this import cannot take.');
  }
  return storeImport(store, parsed, new Map());
}

/**
 * `importJson` for a file that may carry attachments: each attached file is checked as intake
 * checks a file the user attaches (type by content, size, text) and stored before the messages;
 * a file refused, or a message naming an attachment the file does not carry, refuses the whole
 * import (files already stored then carry no message and are swept after a day).
 * @throws ImportError with a sentence for a person when the file is refused.
 */
export async function importJsonWithAttachments(
  store: ConversationStore,
  text: string,
  attachments: TransferAttachments,
): Promise<string> {
  const parsed = parseExport(text);
  const carried = new Set(parsed.files.map((file) => file.id));
  parsed.messages.forEach((message, index) => {
    const missing = message.attachments?.find((item) => !carried.has(item.id));
    if (missing) {
      throw new ImportError(
        `That export cannot be imported: a message names an attachment (${missing.name}) the file does not carry (message ${index + 1}).`,
      );
    }
  });
  const stored = new Map<string, string>();
  for (const file of parsed.files) {
    const result = await attachments.add(file.name, Buffer.from(file.base64, 'base64'));
    if ('problem' in result) {
      throw new ImportError(`That export cannot be imported: ${result.problem}`);
    }
    stored.set(file.id, result.id);
  }
  return storeImport(store, parsed, stored);
}

type ParsedExport = z.output<typeof exportSchema> & {
  files: z.output<typeof attachmentFileSchema>[];
};

/** The checked contents of an export. @throws ImportError when the file is refused. */
function parseExport(text: string): ParsedExport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ImportError('That file is not JSON. Choose a conversation exported from Parley.');
  }
  const result = exportSchema.safeParse(parsed);
  if (!result.success) throw new ImportError(describeSchemaIssue(result.error.issues[0]?.path));
  checkImportedToolCalls(result.data.messages);
  return { ...result.data, files: result.data.attachments ?? [] };
}

/** Store a checked export under fresh ids, its attachments mapped to their stored ids. */
function storeImport(
  store: ConversationStore,
  parsed: ParsedExport,
  storedIds: ReadonlyMap<string, string>,
): string {
  const messages = orderImportedTree(parsed.messages).map((message) => ({
    ...message,
    toolCalls: closedCalls(message.toolCalls),
  }));
  const ids = new Map(messages.map((message) => [message.id, randomUUID()]));
  const conversationId = randomUUID();
  store.transaction(() => {
    store.createConversation(conversationId, parsed.conversation.title);
    store.insertImported(
      conversationId,
      messages.map((message) => {
        const attachments: ImportedAttachment[] = (message.attachments ?? []).map((item) => ({
          id: storedIds.get(item.id) ?? item.id,
          name: item.name,
        }));
        return {
          ...message,
          id: ids.get(message.id) ?? '',
          parentId: message.parentId === null ? null : (ids.get(message.parentId) ?? null),
          attachments,
        };
      }),
    );
  });
  return conversationId;
}

/** Imported calls with any still open marked interrupted (see `importJson`). */
function closedCalls(calls: ToolCall[] | undefined): ToolCall[] | undefined {
  return calls?.map((call) => {
    if (!isOpen(call.status)) return call;
    // As `closeOpenToolCalls` does after a crash: an open call has no result to keep.
    const closed: ToolCall = { ...call, status: 'interrupted' };
    delete closed.result;
    return closed;
  });
}

/**
 * The sentence for a file the export schema refused, from the first issue's path: a message's
 * field (or its tool call's) is named with its place in the file; anything else means the file
 * is not an export.
 */
function describeSchemaIssue(path: readonly PropertyKey[] | undefined): string {
  const [section, index, field, callIndex, callField] = path ?? [];
  if (section === 'messages' && typeof index === 'number' && field === 'toolCalls') {
    const what =
      typeof callIndex !== 'number'
        ? 'its tool calls are not a list of at most 10,000 calls'
        : typeof callField === 'string'
          ? `the "${callField}" of its tool call ${callIndex + 1} is missing or not valid`
          : `its tool call ${callIndex + 1} is not a tool call`;
    return `That export cannot be imported: message ${index + 1} in the file is damaged (${what}).`;
  }
  if (section === 'messages' && typeof index === 'number') {
    const what =
      typeof field === 'string' ? `its "${field}" is missing or not valid` : 'it is not a message';
    return `That export cannot be imported: message ${index + 1} in the file is damaged (${what}).`;
  }
  return 'That file is not a Parley conversation export (or is from a newer Parley).';
}
