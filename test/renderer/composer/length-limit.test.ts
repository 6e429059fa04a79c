import { describe, expect, it } from 'vitest';
import { createRequestSchemas } from '../../../preload/api/request-schemas';
import { lengthLimits } from '../../../renderer/src/composer/length-limit';

/** The limits the fields say in words are the ones main enforces, to the character. */
describe('the size limits the page tells the user', () => {
  const schemas = createRequestSchemas();
  const accepts = (channel: keyof typeof schemas, payload: unknown) =>
    schemas[channel].safeParse(payload).success;

  it('a message: as long as chat:send and chat:edit take', () => {
    const at = 'x'.repeat(lengthLimits.message);
    expect(accepts('chat:send', { text: at })).toBe(true);
    expect(accepts('chat:send', { text: `${at}x` })).toBe(false);
    const edit = { conversationId: 'c', turnId: 't' };
    expect(accepts('chat:edit', { ...edit, text: at })).toBe(true);
    expect(accepts('chat:edit', { ...edit, text: `${at}x` })).toBe(false);
  });

  it('a system prompt and a typed model name: as long as conversation-settings:set takes', () => {
    const set = (extra: object) =>
      accepts('conversation-settings:set', { conversationId: 'c', ...extra });
    expect(set({ systemPrompt: 'x'.repeat(lengthLimits.systemPrompt) })).toBe(true);
    expect(set({ systemPrompt: 'x'.repeat(lengthLimits.systemPrompt + 1) })).toBe(false);
    expect(set({ model: 'x'.repeat(lengthLimits.modelName) })).toBe(true);
    expect(set({ model: 'x'.repeat(lengthLimits.modelName + 1) })).toBe(false);
  });
});
