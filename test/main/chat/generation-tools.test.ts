import { describe, expect, it } from 'vitest';
import type { ChatEvent, ToolCall, ToolResult } from '../../../preload/api';
import { Generation, type ToolLoopOptions } from '../../../main/chat/generation';
import { PermissionBroker } from '../../../main/tools/permission-broker';
import type { StoredToolRule } from '../../../main/storage/settings-schema';
import { ToolCallError, type AvailableTool } from '../../../main/tools/tool-source';
import type { Toolset } from '../../../main/tools/toolset';
import type { ProviderEvent } from '../../../main/providers/types';
import { ScriptedProvider, settle } from './scripted-provider';

const addTool: AvailableTool = {
  serverId: 'srv-1',
  serverName: 'everything',
  name: 'add',
  description: 'Adds two numbers',
  inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
  readOnly: false,
  destructive: true,
};

const toolset: Toolset = {
  definitions: [
    { name: 'everything__add', description: addTool.description, inputSchema: addTool.inputSchema },
  ],
  resolve: (name) => (name === 'everything__add' ? addTool : undefined),
  notices: [],
};

/** A tool source whose calls the test answers (or leaves running), recording each call. */
class FakeSource {
  readonly calls: Array<{ tool: string; args: Record<string, unknown>; signal: AbortSignal }> = [];
  private answers: Array<(value: ToolResult | Error) => void> = [];

  callTool(_serverId: string, tool: string, args: Record<string, unknown>, signal: AbortSignal) {
    this.calls.push({ tool, args, signal });
    return new Promise<ToolResult>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.answers.push((value) => (value instanceof Error ? reject(value) : resolve(value)));
    });
  }

  answer(value: ToolResult | Error): void {
    this.answers.shift()?.(value);
  }
}

function start(
  provider: ScriptedProvider,
  options: { stepLimit?: number; autoAllowReadOnly?: boolean; rules?: StoredToolRule[] } = {},
) {
  const events: ChatEvent[] = [];
  let rules = options.rules ?? [];
  const broker = new PermissionBroker({
    rules: () => rules,
    saveRules: (next) => (rules = next),
    autoAllowReadOnly: () => options.autoAllowReadOnly ?? false,
  });
  const source = new FakeSource();
  const tools: ToolLoopOptions = {
    load: async () => toolset,
    source,
    broker,
    conversationId: 'conv-1',
    stepLimit: options.stepLimit ?? 20,
    now: () => 1_000,
  };
  const generation = new Generation({
    streamId: 's1',
    provider,
    request: { model: 'm', messages: [{ role: 'user', content: 'What is 2 + 3?' }] },
    emit: (event) => events.push(event),
    frameMs: 0,
    tools,
  });
  const calls = () => events.flatMap((event) => (event.type === 'tool-call' ? [event.call] : []));
  const lastCall = (): ToolCall | undefined => calls().at(-1);
  const text = () => events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
  return { generation, events, source, broker, calls, lastCall, text, rules: () => rules };
}

/** One step in which the model writes `before` and asks for add(a, b), its JSON split in two. */
function toolStep(id: string, args = '{"a": 2, "b": 3}', before = 'Let me add. '): ProviderEvent[] {
  const cut = Math.floor(args.length / 2);
  return [
    { type: 'text', text: before },
    { type: 'tool-call-start', index: 0, id, name: 'everything__add' },
    { type: 'tool-call-delta', index: 0, fragment: args.slice(0, cut) },
    { type: 'tool-call-delta', index: 0, fragment: args.slice(cut) },
    { type: 'tool-call-end', index: 0 },
    { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
    { type: 'stop', reason: 'tool_use', raw: 'tool_use' },
  ];
}

const five: ToolResult = {
  content: [{ type: 'text', text: 'The sum of 2 and 3 is 5.' }],
  isError: false,
};

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await settle(2);
  expect(check()).toBe(true);
}

describe('Generation with tools', () => {
  it('asks, runs the approved call, sends its result back and streams the final text', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.lastCall()?.status === 'awaiting-approval');
    expect(run.lastCall()).toMatchObject({
      id: 'toolu_1',
      serverName: 'everything',
      tool: 'add',
      step: 1,
      textOffset: 'Let me add. '.length,
      arguments: '{"a": 2, "b": 3}',
      destructive: true,
    });
    expect(run.source.calls).toHaveLength(0);

    run.broker.decide('s1', 'toolu_1', 'allow-once', '{"a": 2, "b": 3}');
    await until(() => run.source.calls.length === 1);
    expect(run.source.calls[0]?.args).toEqual({ a: 2, b: 3 });
    expect(run.lastCall()?.status).toBe('running');
    run.source.answer(five);
    provider.push(
      { type: 'text', text: 'It is 5.' },
      { type: 'usage', usage: { inputTokens: 30, outputTokens: 4 } },
      { type: 'stop', reason: 'end', raw: 'end_turn' },
      'end',
    );
    await run.generation.finished;

    expect(run.lastCall()).toMatchObject({ status: 'done', result: five, durationMs: 0 });
    expect(run.text()).toBe('Let me add. It is 5.');
    expect(provider.requests).toHaveLength(2);
    expect(provider.requests[0]?.tools?.map((tool) => tool.name)).toEqual(['everything__add']);
    expect(provider.requests[1]?.messages).toEqual([
      { role: 'user', content: 'What is 2 + 3?' },
      {
        role: 'assistant',
        content: 'Let me add. ',
        toolCalls: [{ id: 'toolu_1', name: 'everything__add', arguments: '{"a": 2, "b": 3}' }],
      },
      {
        role: 'tool',
        results: [
          { callId: 'toolu_1', name: 'everything__add', content: five.content, isError: false },
        ],
      },
    ]);
    // Both requests are billed: the reply's usage adds them up.
    expect(run.events.at(-1)).toMatchObject({
      type: 'done',
      stopReason: 'end',
      usage: { inputTokens: 40, outputTokens: 9 },
    });
  });

  it('a denied call goes back to the model as a tool error saying the user declined', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.lastCall()?.status === 'awaiting-approval');
    run.broker.decide('s1', 'toolu_1', 'deny', '');
    provider.push(
      { type: 'text', text: 'OK, I will not.' },
      { type: 'stop', reason: 'end' },
      'end',
    );
    await run.generation.finished;
    expect(run.lastCall()?.status).toBe('denied');
    expect(run.source.calls).toHaveLength(0);
    expect(provider.requests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      results: [
        {
          callId: 'toolu_1',
          name: 'everything__add',
          content: [{ type: 'text', text: 'The user declined to run this tool call.' }],
          isError: true,
        },
      ],
    });
  });

  it('approval is bound to the arguments shown: other arguments approve nothing', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.lastCall()?.status === 'awaiting-approval');
    expect(() => run.broker.decide('s1', 'toolu_1', 'allow-once', '{"a": 2, "b": 30}')).toThrow(
      /not the ones the model sent/,
    );
    await settle();
    expect(run.source.calls).toHaveLength(0);
    expect(run.lastCall()?.status).toBe('awaiting-approval');
    run.generation.stop();
    await run.generation.finished;
  });

  it('Stop while a card waits ends the reply at once; the card reads stopped and nothing runs', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.lastCall()?.status === 'awaiting-approval');
    run.generation.stop();
    await run.generation.finished;
    expect(run.lastCall()?.status).toBe('stopped');
    expect(run.events.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
    // The card is gone from the broker: a late click approves nothing.
    expect(() => run.broker.decide('s1', 'toolu_1', 'allow-once', '{"a": 2, "b": 3}')).toThrow(
      /no longer waiting/,
    );
    expect(run.source.calls).toHaveLength(0);
    expect(provider.requests).toHaveLength(1);
  });

  it('Stop while a tool runs cancels its request, discards the late result, and nothing follows', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider, { rules: [{ id: 'r1', serverId: 'srv-1', tool: 'add' }] });
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.source.calls.length === 1);
    const count = run.events.length;
    run.generation.stop();
    expect(run.source.calls[0]?.signal.aborted).toBe(true);
    run.source.answer(five);
    await run.generation.finished;
    await settle();
    expect(run.events.slice(count).map((event) => event.type)).toEqual(['tool-call', 'done']);
    expect(run.lastCall()).toMatchObject({ status: 'stopped' });
    expect(run.lastCall()?.result).toBeUndefined();
    expect(provider.requests).toHaveLength(1);
  });

  it('"Always allow" is saved and later calls of that tool run without asking', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.lastCall()?.status === 'awaiting-approval');
    run.broker.decide('s1', 'toolu_1', 'allow-always', '{"a": 2, "b": 3}');
    expect(run.rules()).toEqual([expect.objectContaining({ serverId: 'srv-1', tool: 'add' })]);
    await until(() => run.source.calls.length === 1);
    run.source.answer(five);
    provider.push(...toolStep('toolu_2', '{"a": 5, "b": 1}', ''), 'end');
    await until(() => run.source.calls.length === 2);
    expect(
      run.calls().some((call) => call.id === 'toolu_2' && call.status === 'awaiting-approval'),
    ).toBe(false);
    run.source.answer(five);
    provider.push({ type: 'text', text: 'Done.' }, { type: 'stop', reason: 'end' }, 'end');
    await run.generation.finished;
    expect(run.events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
  });

  it('read-only tools run without asking only when the user chose so', async () => {
    const readOnly = { ...addTool, readOnly: true, destructive: false };
    const provider = new ScriptedProvider();
    const run = start(provider, { autoAllowReadOnly: true });
    Object.assign(toolset, {
      resolve: (name: string) => (name === 'everything__add' ? readOnly : undefined),
    });
    try {
      provider.push(...toolStep('toolu_1'), 'end');
      await until(() => run.source.calls.length === 1);
      expect(run.calls().map((call) => call.status)).not.toContain('awaiting-approval');
      run.generation.stop();
      await run.generation.finished;
    } finally {
      Object.assign(toolset, {
        resolve: (name: string) => (name === 'everything__add' ? addTool : undefined),
      });
    }
  });

  it('argument JSON cut off mid-stream is told to the model as a tool error, never thrown', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider, { rules: [{ id: 'r1', serverId: 'srv-1', tool: 'add' }] });
    provider.push(
      { type: 'tool-call-start', index: 0, id: 'call_0', name: 'everything__add' },
      { type: 'tool-call-delta', index: 0, fragment: '{"a": 2, "b' },
      { type: 'stop', reason: 'tool_use' },
      'end',
      { type: 'text', text: 'Sorry.' },
      { type: 'stop', reason: 'end' },
      'end',
    );
    await run.generation.finished;
    expect(run.lastCall()).toMatchObject({ status: 'failed', arguments: '{"a": 2, "b' });
    expect(run.lastCall()?.error).toMatch(/not valid JSON/);
    expect(run.source.calls).toHaveLength(0);
    const results = provider.requests[1]?.messages.at(-1);
    expect(results).toMatchObject({ role: 'tool', results: [{ isError: true }] });
    expect(run.events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
  });

  it('a tool that fails (server crashed) fails its call and the reply goes on', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider, { rules: [{ id: 'r1', serverId: 'srv-1', tool: 'add' }] });
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.source.calls.length === 1);
    run.source.answer(new ToolCallError('everything stopped while running add.'));
    provider.push(
      { type: 'text', text: 'The tool failed.' },
      { type: 'stop', reason: 'end' },
      'end',
    );
    await run.generation.finished;
    expect(run.lastCall()).toMatchObject({
      status: 'failed',
      error: 'everything stopped while running add.',
    });
    expect(run.text()).toContain('The tool failed.');
  });

  it('the step limit ends a runaway loop with a clear stop reason, not running the last calls', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider, {
      stepLimit: 2,
      rules: [{ id: 'r1', serverId: 'srv-1', tool: 'add' }],
    });
    provider.push(...toolStep('toolu_1'), 'end');
    await until(() => run.source.calls.length === 1);
    run.source.answer(five);
    provider.push(...toolStep('toolu_2', '{"a": 5, "b": 5}', ''), 'end');
    await run.generation.finished;
    expect(run.source.calls).toHaveLength(1);
    expect(run.lastCall()).toMatchObject({ id: 'toolu_2', status: 'failed' });
    expect(run.lastCall()?.error).toMatch(/limit of 2 steps/);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', stopReason: 'step_limit' });
  });

  it('a name no offered tool has fails that call with the name, and the model hears why', async () => {
    const provider = new ScriptedProvider();
    const run = start(provider);
    provider.push(
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'rm_rf' },
      { type: 'tool-call-delta', index: 0, fragment: '{}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'stop', reason: 'tool_use' },
      'end',
      { type: 'text', text: 'ok' },
      { type: 'stop', reason: 'end' },
      'end',
    );
    await run.generation.finished;
    expect(run.lastCall()).toMatchObject({ status: 'failed', serverId: null });
    expect(run.lastCall()?.error).toMatch(/"rm_rf", which is not available/);
  });
});
