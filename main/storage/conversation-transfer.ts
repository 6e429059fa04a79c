import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ConversationSnapshot } from '../../preload/api';
import type { ConversationStore } from './conversation-store';
import { closeOpenBlocks } from './markdown-closing';

/** What marks a file as a Parley export, and which layout it has. */
export const exportFormat = 'parley.conversation';
export const exportVersion = 1;

const messageSchema = z.object({
  id: z.string().min(1).max(200),
  parentId: z.string().min(1).max(200).nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string().max(10_000_000),
  reasoning: z.string().max(10_000_000).default(''),
  model: z.string().max(200).nullable().default(null),
  stopReason: z.string().max(50).nullable().default(null),
  createdAt: z.number().int().nonnegative(),
});

const exportSchema = z.object({
  format: z.literal(exportFormat),
  version: z.literal(exportVersion),
  conversation: z.object({ title: z.string().max(500), createdAt: z.number().int().nonnegative() }),
  messages: z.array(messageSchema).max(200_000),
});

type ExportedMessage = z.infer<typeof messageSchema>;

/**
 * The conversation's branch on screen as Markdown, for people. Each message's Markdown is closed
 * before the next heading (`closeOpenBlocks`): a reply stopped inside a code fence would
 * otherwise turn every later turn of the file into code.
 */
export function toMarkdown(conversation: ConversationSnapshot): string {
  const lines = [`# ${conversation.title || 'Conversation'}`, ''];
  for (const turn of conversation.turns) {
    lines.push('## You', '', closeOpenBlocks(turn.userText), '');
    const reply = turn.replies[turn.activeReply];
    if (reply) {
      const heading = `## Assistant${reply.model ? ` (${reply.model})` : ''}`;
      lines.push(heading, '', closeOpenBlocks(reply.text), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The conversation as JSON: its branch on screen, or every message of its tree. */
export function toJson(
  store: ConversationStore,
  conversation: ConversationSnapshot,
  scope: 'branch' | 'tree',
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
  const messages: ExportedMessage[] = rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    model: row.model,
    stopReason: row.stop_reason,
    createdAt: row.created_at,
  }));
  const document = {
    format: exportFormat,
    version: exportVersion,
    scope,
    conversation: { title: meta.title, createdAt: meta.createdAt },
    messages,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Why an import was refused, in words for a person. */
export class ImportError extends Error {}

/**
 * Add a conversation from a JSON export, with fresh ids (importing twice gives two copies).
 * Messages whose parent is missing are refused rather than guessed at.
 */
export function importJson(store: ConversationStore, text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ImportError('That file is not JSON. Choose a conversation exported from Parley.');
  }
  const result = exportSchema.safeParse(parsed);
  if (!result.success) {
    throw new ImportError(
      'That file is not a Parley conversation export (or is from a newer Parley).',
    );
  }
  const { conversation, messages } = result.data;
  const ids = new Map(messages.map((message) => [message.id, randomUUID()]));
  for (const message of messages) {
    if (message.parentId !== null && !ids.has(message.parentId)) {
      throw new ImportError('That export is incomplete: a message refers to one that is missing.');
    }
  }
  const conversationId = randomUUID();
  store.transaction(() => {
    store.createConversation(conversationId, conversation.title);
    store.insertImported(
      conversationId,
      messages.map((message) => ({
        ...message,
        id: ids.get(message.id) ?? '',
        parentId: message.parentId === null ? null : (ids.get(message.parentId) ?? null),
      })),
    );
  });
  return conversationId;
}
