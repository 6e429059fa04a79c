import { randomUUID } from 'node:crypto';
import type { ChatEvent, ConversationSnapshot, Reply, Turn } from '../../preload/api';
import type { ProviderMessage } from '../providers/types';
import { IpcFailureError } from './ipc-failure';

/**
 * The conversations main holds in memory: turns, their reply versions, and which version each
 * turn continues from. Main is the source of truth; the renderer gets snapshots and events.
 */
export class Conversations {
  private readonly byId = new Map<string, ConversationSnapshot>();
  private latestId: string | null = null;

  /** Start an empty conversation. */
  create(): ConversationSnapshot {
    const conversation: ConversationSnapshot = { id: randomUUID(), turns: [] };
    this.byId.set(conversation.id, conversation);
    this.latestId = conversation.id;
    return conversation;
  }

  /** A conversation by id; throws a not-found failure for an unknown id. */
  get(id: string): ConversationSnapshot {
    const conversation = this.byId.get(id);
    if (!conversation)
      throw new IpcFailureError('not_found', 'That conversation no longer exists.');
    return conversation;
  }

  /** The conversation the user touched last, if any. */
  latest(): ConversationSnapshot | null {
    return this.latestId === null ? null : (this.byId.get(this.latestId) ?? null);
  }

  /** Mark a conversation as the one most recently used. */
  touch(id: string): void {
    this.latestId = id;
  }

  /** A turn by id within a conversation. */
  turn(conversation: ConversationSnapshot, turnId: string): Turn {
    const turn = conversation.turns.find((candidate) => candidate.id === turnId);
    if (!turn) throw new IpcFailureError('not_found', 'That message no longer exists.');
    return turn;
  }

  /** The messages a request for `turn`'s reply carries: earlier turns' chosen versions, then its prompt. */
  history(conversation: ConversationSnapshot, turn: Turn): ProviderMessage[] {
    const messages: ProviderMessage[] = [];
    for (const earlier of conversation.turns) {
      appendMessage(messages, 'user', earlier.userText);
      if (earlier === turn) break;
      const reply = earlier.replies[earlier.activeReply];
      if (reply && reply.text.trim() !== '') appendMessage(messages, 'assistant', reply.text);
    }
    return messages;
  }
}

/** Create a reply version that is about to stream. */
export function newReply(streamId: string, model: string): Reply {
  return {
    id: randomUUID(),
    streamId,
    model,
    text: '',
    reasoning: '',
    status: 'streaming',
    seq: 0,
  };
}

/** Fold a stream event into the reply it belongs to, so snapshots match what was sent. */
export function applyEvent(reply: Reply, event: ChatEvent): void {
  reply.seq = event.seq;
  if (event.type === 'delta') {
    reply.text += event.text;
    reply.reasoning += event.reasoning;
    return;
  }
  if (event.usage) reply.usage = event.usage;
  if (event.type === 'done') {
    reply.status = 'done';
    reply.stopReason = event.stopReason;
  } else {
    reply.status = 'error';
    reply.error = event.error;
  }
}

// A reply that failed before any text leaves two user messages in a row; providers want
// alternating roles, so they are merged rather than dropped.
function appendMessage(
  messages: ProviderMessage[],
  role: ProviderMessage['role'],
  content: string,
) {
  const last = messages.at(-1);
  if (last && last.role === role) last.content = `${last.content}\n\n${content}`;
  else messages.push({ role, content });
}
