/**
 * Regenerate and Edit-and-resend on a reply that used tools: each starts the tool loop afresh,
 * and a call that needs approval is asked about again — an "Allow once" given to the first run
 * approved that one call, nothing after it.
 */
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ToolCall, ToolResult } from '../../../preload/api';
import { ChatService, type EventSink } from '../../../main/chat/chat-service';
import type { ToolLoopOptions } from '../../../main/tools/tool-loop';
import { PermissionBroker } from '../../../main/tools/permission-broker';
import type { AvailableTool } from '../../../main/tools/tool-source';
import type { Toolset } from '../../../main/tools/toolset';
import type { ProviderEvent } from '../../../main/providers/types';
import type { StoredToolRule } from '../../../main/storage/settings-schema';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { ScriptedProvider, settle } from './scripted-provider';

const profile: ActiveProfile = {
  kind: 'anthropic',
  baseUrl: 'http://127.0.0.1:9',
  model: 'claude-test',
  apiKey: 'sk-test',
  source: 'saved',
};

const deleteTool: AvailableTool = {
  serverId: 'srv-files',
  serverName: 'files',
  name: 'delete',
  description: 'Deletes a file',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
  readOnly: false,
  destructive: true,
};

const toolset: Toolset = {
  definitions: [
    {
      name: 'files__delete',
      description: deleteTool.description,
      inputSchema: deleteTool.inputSchema,
    },
  ],
  resolve: (name) => (name === 'files__delete' ? deleteTool : undefined),
  notices: [],
};

const deleted: ToolResult = { content: [{ type: 'text', text: 'Deleted.' }], isError: false };

/** A chat service whose replies may call `files__delete`, decided by a real broker. */
function setup() {
  const providers: ScriptedProvider[] = [];
  let rules: StoredToolRule[] = [];
  const broker = new PermissionBroker({
    rules: () => rules,
    saveRules: (next) => (rules = next),
    autoAllowReadOnly: () => false,
  });
  const ran: Array<Record<string, unknown>> = [];
  const tools = (conversationId: string): ToolLoopOptions => ({
    load: async () => toolset,
    source: {
      callTool: async (_serverId, _tool, args) => {
        ran.push(args);
        return deleted;
      },
    },
    broker,
    conversationId,
    stepLimit: 20,
  });
  const chat = new ChatService({
    activeProfile: async () => profile,
    store: new ConversationStore(openDatabase(':memory:')),
    createProvider: () => {
      const provider = new ScriptedProvider();
      providers.push(provider);
      return provider;
    },
    fetch: () => Promise.reject(new Error('unused')),
    tools,
  });
  const events: ChatEvent[] = [];
  const sink: EventSink = {
    id: 7,
    send: (_channel, payload) => events.push(payload as ChatEvent),
    isDestroyed: () => false,
  };
  /** The latest state of each call of the reply streaming as `streamId`. */
  const callsOf = (streamId: string): ToolCall[] => {
    const calls = new Map<string, ToolCall>();
    for (const event of events) {
      if (event.type === 'tool-call' && event.streamId === streamId)
        calls.set(event.call.id, event.call);
    }
    return [...calls.values()];
  };
  const endOf = (streamId: string) =>
    events.find(
      (event) => event.streamId === streamId && (event.type === 'done' || event.type === 'error'),
    );
  return { chat, providers, broker, ran, events, sink, callsOf, endOf };
}

/** One step: the model says a sentence and asks to delete `path`. */
function deleteStep(id: string, path: string): ProviderEvent[] {
  return [
    { type: 'text', text: 'I will delete it. ' },
    { type: 'tool-call-start', index: 0, id, name: 'files__delete' },
    { type: 'tool-call-delta', index: 0, fragment: JSON.stringify({ path }) },
    { type: 'tool-call-end', index: 0 },
    { type: 'stop', reason: 'tool_use', raw: 'tool_use' },
  ];
}

const finalStep: ProviderEvent[] = [
  { type: 'text', text: 'Done.' },
  { type: 'stop', reason: 'end', raw: 'end_turn' },
];

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await settle(2);
  expect(check()).toBe(true);
}

type Run = ReturnType<typeof setup>;

/**
 * Play one reply that deletes `path` after the user's "Allow once" on its card, then ends; the
 * reply's provider is `providers[index]`. Returns the call as it ended.
 */
async function approveAndFinish(run: Run, index: number, streamId: string, path: string) {
  const provider = run.providers[index];
  provider?.push(...deleteStep(`toolu_${index}`, path), 'end');
  await until(() => run.callsOf(streamId)[0]?.status === 'awaiting-approval');
  const call = run.callsOf(streamId)[0];
  run.broker.decide(streamId, call?.id ?? '', 'allow-once', call?.arguments ?? '');
  await until(() => run.callsOf(streamId)[0]?.status === 'done');
  provider?.push(...finalStep, 'end');
  await until(() => run.endOf(streamId) !== undefined);
  return run.callsOf(streamId)[0];
}

describe('ChatService: a reply that used tools, again', () => {
  it('Regenerate runs the loop afresh and asks again; the first run’s "Allow once" does not carry over', async () => {
    const run = setup();
    const sent = await run.chat.send({ text: 'Delete notes.txt' }, run.sink);
    const firstStream = sent.turn.replies[0]?.streamId ?? '';
    const first = await approveAndFinish(run, 0, firstStream, 'notes.txt');
    expect(first).toMatchObject({ status: 'done', result: deleted });
    expect(run.ran).toEqual([{ path: 'notes.txt' }]);

    const again = await run.chat.regenerate(
      { conversationId: sent.conversationId, turnId: sent.turn.id },
      run.sink,
    );
    const secondStream = again.reply.streamId;
    const provider = run.providers[1];
    // A new version is built without the other versions: no earlier call or result in it.
    await until(() => (provider?.requests.length ?? 0) === 1);
    expect(provider?.requests[0]?.messages).toEqual([
      { role: 'user', content: 'Delete notes.txt' },
    ]);
    expect(provider?.requests[0]?.tools?.map((tool) => tool.name)).toEqual(['files__delete']);
    provider?.push(...deleteStep('toolu_again', 'notes.txt'), 'end');
    // Same tool, same arguments: still a card waiting for the user, and nothing ran.
    await until(() => run.callsOf(secondStream)[0]?.status === 'awaiting-approval');
    expect(run.ran).toHaveLength(1);

    const call = run.callsOf(secondStream)[0];
    run.broker.decide(secondStream, call?.id ?? '', 'allow-once', call?.arguments ?? '');
    await until(() => run.callsOf(secondStream)[0]?.status === 'done');
    provider?.push(...finalStep, 'end');
    await until(() => run.endOf(secondStream) !== undefined);
    expect(run.endOf(secondStream)).toMatchObject({ type: 'done', stopReason: 'end' });
    expect(run.ran).toHaveLength(2);
    // The loop ran afresh: two steps, the second carrying this version's own call and result.
    expect(provider?.requests).toHaveLength(2);
    expect(JSON.stringify(provider?.requests[1]?.messages)).toContain('toolu_again');
    expect(JSON.stringify(provider?.requests[1]?.messages)).not.toContain('toolu_0');

    const turn = run.chat.snapshot({})?.turns[0];
    expect(turn?.activeReply).toBe(1);
    expect(turn?.replies.map((reply) => reply.toolCalls?.map((c) => c.status))).toEqual([
      ['done'],
      ['done'],
    ]);
  });

  it('Edit and resend runs the loop afresh on the new branch and asks again', async () => {
    const run = setup();
    const sent = await run.chat.send({ text: 'Delete notes.txt' }, run.sink);
    await approveAndFinish(run, 0, sent.turn.replies[0]?.streamId ?? '', 'notes.txt');
    expect(run.ran).toEqual([{ path: 'notes.txt' }]);

    const branch = await run.chat.edit(
      { conversationId: sent.conversationId, turnId: sent.turn.id, text: 'Delete todo.txt' },
      run.sink,
    );
    const edited = branch.turns[0];
    expect(edited?.userText).toBe('Delete todo.txt');
    const streamId = edited?.replies[0]?.streamId ?? '';
    const provider = run.providers[1];
    await until(() => (provider?.requests.length ?? 0) === 1);
    expect(provider?.requests[0]?.messages).toEqual([{ role: 'user', content: 'Delete todo.txt' }]);
    provider?.push(...deleteStep('toolu_edit', 'todo.txt'), 'end');
    await until(() => run.callsOf(streamId)[0]?.status === 'awaiting-approval');
    expect(run.ran).toHaveLength(1);

    // And answered once more: it runs with the new branch's arguments, and the reply ends.
    const call = run.callsOf(streamId)[0];
    run.broker.decide(streamId, call?.id ?? '', 'allow-once', call?.arguments ?? '');
    await until(() => run.callsOf(streamId)[0]?.status === 'done');
    provider?.push(...finalStep, 'end');
    await until(() => run.endOf(streamId) !== undefined);
    expect(run.ran).toEqual([{ path: 'notes.txt' }, { path: 'todo.txt' }]);
    expect(run.endOf(streamId)).toMatchObject({ type: 'done', stopReason: 'end' });
  });
});
