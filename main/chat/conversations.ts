import { randomUUID } from 'node:crypto';
import type { ChatEvent, ConversationSnapshot, Reply, Turn } from '../../preload/api';
import type { ProviderMessage } from '../providers/types';
import type { ConversationStore } from '../storage/conversation-store';
import { IpcFailureError } from './ipc-failure';

/**
 * The conversations main works on: loaded from the store on first use and kept in memory, with
 * every change written through. Main is the source of truth; the renderer gets snapshots and
 * events.
 */
export class Conversations {
  private readonly byId = new Map<string, ConversationSnapshot>();

  constructor(private readonly store: ConversationStore) {}

  /** Start an empty conversation. */
  create(): ConversationSnapshot {
    const conversation: ConversationSnapshot = { id: randomUUID(), turns: [] };
    this.store.createConversation(conversation.id);
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  /** A conversation by id; throws a not-found failure for an unknown id. */
  get(id: string): ConversationSnapshot {
    const conversation = this.byId.get(id) ?? this.load(id);
    if (!conversation) {
      throw new IpcFailureError('not_found', 'That conversation no longer exists.');
    }
    return conversation;
  }

  /** The conversation written to last, if any. */
  latest(): ConversationSnapshot | null {
    const id = this.store.latestConversationId();
    return id === null ? null : (this.byId.get(id) ?? this.load(id));
  }

  /** Add a user message at the end; it continues from the previous turn's chosen version. */
  addTurn(conversation: ConversationSnapshot, userText: string): Turn {
    const previous = conversation.turns.at(-1);
    const parentId = previous ? (previous.replies[previous.activeReply]?.id ?? previous.id) : null;
    const turn: Turn = { id: randomUUID(), userText, replies: [], activeReply: 0 };
    this.store.addTurn(conversation.id, turn, parentId);
    conversation.turns.push(turn);
    return turn;
  }

  /** Add a reply version to a turn and make it the one shown. */
  addReply(conversation: ConversationSnapshot, turn: Turn, reply: Reply, providerKind: string) {
    turn.replies.push(reply);
    turn.activeReply = turn.replies.length - 1;
    this.store.addReply(conversation.id, turn, reply, providerKind);
  }

  /** Choose the version a turn continues from. */
  selectReply(turn: Turn, index: number): void {
    this.store.setActiveReply(turn.id, index);
    turn.activeReply = index;
  }

  private load(id: string): ConversationSnapshot | null {
    const conversation = this.store.load(id);
    if (conversation) this.byId.set(id, conversation);
    return conversation;
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
