import { randomUUID } from 'node:crypto';
import type { Reply, Turn } from '../../preload/api';

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

/** The first words of a prompt: a conversation's title until a better one is generated. */
export function fallbackTitle(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}
