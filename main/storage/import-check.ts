/**
 * Checking an imported conversation's message tree before any of it is stored. A file is a
 * stranger's: it may repeat an id, point at a parent it does not hold, put a reply under a reply,
 * or loop. Each of those would either fail half-way through the database write or store messages
 * that the conversation view (`buildPath` in conversation-path.ts) never reaches, so the whole
 * file is checked first and the first problem is named in words a person can act on.
 */

/** The part of an imported message the tool-call check reads. */
export interface ToolCallMessage {
  role: 'user' | 'assistant';
  content: string;
  toolCalls?: ReadonlyArray<{ id: string; textOffset: number }>;
}

/** Why an import was refused, in words for a person. */
export class ImportError extends Error {}

/** The part of an imported message the tree check reads. */
export interface TreeMessage {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
}

/**
 * The messages in an order that stores parents before their children (siblings keep the file's
 * order, which is the order of their versions), after checking that the file is a tree the
 * conversation view can show in full:
 * - there is at least one message, and no two share an id;
 * - every parent is in the file;
 * - a reply follows a prompt; a prompt starts the conversation, follows a reply, or follows a
 *   prompt that has no reply (how Parley stores a prompt whose reply was never written);
 * - every message is reached from a first prompt (no loops).
 * @throws ImportError naming the first problem found, with the message's place in the file.
 */
export function orderImportedTree<T extends TreeMessage>(messages: readonly T[]): T[] {
  if (messages.length === 0) {
    throw new ImportError('That export holds no messages, so there is nothing to import.');
  }
  const indexById = new Map<string, number>();
  messages.forEach((message, index) => {
    const first = indexById.get(message.id);
    if (first !== undefined) {
      throw new ImportError(
        `That export cannot be imported: message ${index + 1} in the file has the same id ` +
          `("${message.id}") as message ${first + 1}. Each message needs its own id.`,
      );
    }
    indexById.set(message.id, index);
  });
  const repliedTo = new Set(
    messages.flatMap((message) =>
      message.role === 'assistant' && message.parentId !== null ? [message.parentId] : [],
    ),
  );
  messages.forEach((message, index) => {
    const place = `message ${index + 1} in the file`;
    if (message.parentId === null) {
      if (message.role === 'assistant') {
        throw new ImportError(
          `That export cannot be imported: ${place} is a reply with no prompt before it.`,
        );
      }
      return;
    }
    const parentIndex = indexById.get(message.parentId);
    const parent = parentIndex === undefined ? undefined : messages[parentIndex];
    if (parentIndex === undefined || parent === undefined) {
      throw new ImportError(
        `That export is incomplete: ${place} follows a message ("${message.parentId}") ` +
          'that is not in the file.',
      );
    }
    if (message.role === 'assistant' && parent.role === 'assistant') {
      throw new ImportError(
        `That export cannot be imported: ${place} is a reply to a reply ` +
          `(message ${parentIndex + 1}); a reply must follow a prompt.`,
      );
    }
    if (message.role === 'user' && parent.role === 'user' && repliedTo.has(parent.id)) {
      throw new ImportError(
        `That export cannot be imported: ${place} is a prompt that follows another prompt ` +
          `(message ${parentIndex + 1}) which already has a reply; a prompt must follow the reply.`,
      );
    }
  });
  return parentsFirst(messages, indexById);
}

/** Breadth-first from the first prompts, so a parent is always stored before its children. */
function parentsFirst<T extends TreeMessage>(
  messages: readonly T[],
  indexById: ReadonlyMap<string, number>,
): T[] {
  const children = new Map<string | null, T[]>();
  for (const message of messages) {
    const siblings = children.get(message.parentId) ?? [];
    siblings.push(message);
    children.set(message.parentId, siblings);
  }
  const ordered: T[] = [...(children.get(null) ?? [])];
  for (let at = 0; at < ordered.length; at += 1) {
    const message = ordered[at];
    if (message) ordered.push(...(children.get(message.id) ?? []));
  }
  if (ordered.length < messages.length) {
    const reached = new Set(ordered.map((message) => message.id));
    const lost = messages.find((message) => !reached.has(message.id));
    const place = lost ? (indexById.get(lost.id) ?? 0) + 1 : 0;
    throw new ImportError(
      `That export cannot be imported: message ${place} in the file is in a loop of messages ` +
        'that follow each other, with no first prompt leading to it.',
    );
  }
  return ordered;
}

/**
 * Check that each message's tool calls fit it: only replies make calls, no two calls of a reply
 * share an id (the model is sent each result by its call's id), and each call sits inside the
 * reply's text (`textOffset` at most its length). The calls' own shape is checked by the export
 * schema (stored-tool-calls.ts).
 * @throws ImportError naming the first problem found, with the message's place in the file.
 */
export function checkImportedToolCalls(messages: readonly ToolCallMessage[]): void {
  messages.forEach((message, index) => {
    const calls = message.toolCalls ?? [];
    const place = `message ${index + 1} in the file`;
    if (calls.length > 0 && message.role === 'user') {
      throw new ImportError(
        `That export cannot be imported: ${place} is a prompt with tool calls; only replies make them.`,
      );
    }
    const seen = new Set<string>();
    calls.forEach((call, callIndex) => {
      if (seen.has(call.id)) {
        throw new ImportError(
          `That export cannot be imported: tool call ${callIndex + 1} of ${place} has the same ` +
            `id ("${call.id}") as an earlier call of that reply.`,
        );
      }
      seen.add(call.id);
      if (call.textOffset > message.content.length) {
        throw new ImportError(
          `That export cannot be imported: tool call ${callIndex + 1} of ${place} is placed ` +
            "after the end of the reply's text.",
        );
      }
    });
  });
}
