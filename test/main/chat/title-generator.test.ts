import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatService } from '../../../main/chat/chat-service';
import { ConversationService } from '../../../main/chat/conversation-service';
import { newReply, newTurn } from '../../../main/chat/conversations';
import { cleanTitle, generateTitle, titleInstruction } from '../../../main/chat/title-generator';
import { createProvider } from '../../../main/providers/create-provider';
import type { FetchLike } from '../../../main/providers/types';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { ScriptedProvider } from './scripted-provider';
import { conversationServiceOptions } from './conversation-service-kit';

describe('titles', () => {
  it('asks the model with a short instruction and the first exchange', async () => {
    const provider = new ScriptedProvider();
    provider.push(
      { type: 'text', text: '"Growing Tomatoes' },
      { type: 'text', text: ' on Balconies."' },
      'end',
    );
    const title = await generateTitle(
      provider,
      'm',
      'How do I grow tomatoes?',
      'Sun and a deep pot.',
    );
    expect(title).toBe('Growing Tomatoes on Balconies');
    expect(provider.requests[0]).toMatchObject({
      model: 'm',
      system: titleInstruction,
      maxTokens: 24,
    });
    expect(provider.requests[0]?.messages[0]).toMatchObject({
      content: expect.stringContaining('How do I grow tomatoes?'),
    });
  });

  it('cleans what models tend to add, and gives up on nothing', () => {
    expect(cleanTitle('Title: **Rust lifetimes**\nMore text')).toBe('Rust lifetimes');
    expect(cleanTitle('   ')).toBeNull();
    expect(cleanTitle('x'.repeat(100))?.length).toBe(60);
  });
});

describe('titles through the conversation service', () => {
  let mock: MockLlm;

  beforeEach(async () => {
    mock = await startMockLlm();
  });

  afterEach(async () => {
    await mock.close();
  });

  const key = 'sk-title-secret-0123456789';

  /** A service with one conversation whose first reply just finished, titled by the mock. */
  function setup(active: Partial<ActiveProfile> = {}) {
    const store = new ConversationStore(openDatabase(':memory:'));
    const profile: ActiveProfile = {
      kind: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      model: 'mock-model',
      apiKey: key,
      source: 'saved',
      ...active,
    };
    const activeProfile = async () => profile;
    const logged: Array<{ message: string; error: unknown }> = [];
    const realFetch: FetchLike = (url, init) => fetch(url, init);
    const chat = new ChatService({
      activeProfile,
      store,
      createProvider: () => new ScriptedProvider(),
      fetch: realFetch,
    });
    const conversations = new ConversationService(
      conversationServiceOptions(store, chat, activeProfile, {
        generateTitles: true,
        createProvider,
        fetch: realFetch,
        log: (message, error) => logged.push({ message, error }),
      }),
    );
    store.createConversation('conv-1', 'How do I grow');
    const turn = newTurn('How do I grow tomatoes?');
    const reply = { ...newReply('stream-1', profile.model), text: 'Sun and a deep pot.' };
    const sink = { id: 1, send: () => {}, isDestroyed: () => false };
    const title = () => conversations.list({}).items.find((item) => item.id === 'conv-1')?.title;
    const start = () => conversations.titleAfterFirstReply('conv-1', turn, reply, sink);
    return { start, title, logged };
  }

  it("a title request carries the profile's extra headers, like a chat request", async () => {
    mock.enqueue({ type: 'reply', text: 'Balcony Tomatoes' });
    const { start, title } = setup({ headers: { 'x-gateway-token': 'gw-123' } });
    start();
    const recorded = await mock.nextRequest();
    expect(recorded.headers['x-gateway-token']).toBe('gw-123');
    expect(recorded.headers.authorization).toBe(`Bearer ${key}`);
    await vi.waitFor(() => expect(title()).toBe('Balcony Tomatoes'));
  });

  it('a failed title request is logged without the API key the server echoed', async () => {
    mock.enqueue({
      type: 'http-error',
      status: 401,
      body: {
        error: { message: `Incorrect API key provided: ${key}.`, type: 'invalid_request_error' },
      },
    });
    const { start, title, logged } = setup();
    start();
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    const line = `${logged[0]?.message} ${String(logged[0]?.error)}`;
    expect(line).toContain('could not generate a title');
    expect(line).toContain('Incorrect API key provided');
    expect(line).not.toContain(key);
    expect(line).toContain('[key …6789]');
    expect(title()).toBe('How do I grow');
  });
});
