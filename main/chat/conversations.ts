import { randomUUID } from 'node:crypto';
import type { Reply, Turn } from '../../preload/api';
import type { ProviderMessage } from '../providers/types';

/** A new, empty user turn. */
export function newTurn(userText: string): Turn {
  return {
    id: randomUUID(),
    userText,
    replies: [],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
  };
}

/**
 * Create a reply version that is about to stream. A reply and the generation that fills it are
 * one to one, so the reply's id is also its stream id: the page can mint it before asking, and
 * the reply exists there before its first event.
 */
export function newReply(id: string, model: string): Reply {
  return {
    id,
    streamId: id,
    model,
    text: '',
    reasoning: '',
    status: 'streaming',
    seq: 0,
  };
}

/**
 * The messages a request carries: every turn's prompt, and each earlier turn's chosen reply.
 * The last turn is the one being answered, so its replies are left out — a new version never
 * sees the other versions.
 */
export function history(turns: readonly Turn[]): ProviderMessage[] {
  const messages: ProviderMessage[] = [];
  turns.forEach((turn, index) => {
    appendMessage(messages, 'user', turn.userText);
    if (index === turns.length - 1) return;
    const reply = turn.replies[turn.activeReply];
    if (reply && reply.text.trim() !== '') appendMessage(messages, 'assistant', reply.text);
  });
  return messages;
}

/** The first words of a prompt: a conversation's title until a better one is generated. */
export function fallbackTitle(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
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
