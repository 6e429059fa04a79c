/**
 * Tools end to end, with the official reference MCP server (`@modelcontextprotocol/server-everything`)
 * over stdio and over Streamable HTTP and a fixture server for the failures: the mock model asks
 * for a tool, the user decides on the approval card, the result flows back to the model, and its
 * final text streams; denying, stopping while a tool runs, and a server that dies mid-call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerView, ToolCall } from '../../preload/api';
import {
  everythingScript,
  fixtureScript,
  startEverythingHttp,
  type HttpEverything,
} from '../main/mcp/everything-server';
import { useApp } from './support/app-fixture';

const app = useApp();

let httpServer: HttpEverything | undefined;
afterEach(async () => {
  await httpServer?.stop();
  httpServer = undefined;
});

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });

/** Add a server through main's tools service (as Settings → Tools does) and wait for its tools. */
async function addServer(
  input: Parameters<typeof app.services.tools.saveServer>[0],
): Promise<McpServerView> {
  // MCP servers write to stderr by design (logged, never a failure).
  app.allowErrors({ main: [/^\[mcp /] });
  const saved = await app.services.tools.saveServer(input);
  return app.services.tools.connectServer(saved.id);
}

function stdioEverything() {
  return addServer({
    name: 'everything',
    enabled: true,
    transport: 'stdio',
    command: process.execPath,
    args: [everythingScript, 'stdio'],
    env: {},
    headers: {},
  });
}

function fixture(mode = 'normal') {
  return addServer({
    name: 'fixture',
    enabled: true,
    transport: 'stdio',
    command: process.execPath,
    args: [fixtureScript, mode],
    env: {},
    headers: {},
  });
}

/** The tool calls of the first reply of the open conversation, as main holds them. */
function mainCalls(): ToolCall[] {
  const snapshot = app.services.chat.snapshot({});
  return snapshot?.turns[0]?.replies[0]?.toolCalls ?? [];
}

/** The `tool_result` blocks of the n-th request the mock received. */
function toolResults(
  index: number,
): Array<{ tool_use_id: string; is_error?: boolean; content: unknown }> {
  const body = app.mock.requests[index]?.body as {
    messages: Array<{ role: string; content: unknown }>;
  };
  const blocks = body.messages.flatMap((message) =>
    Array.isArray(message.content) ? (message.content as Array<{ type: string }>) : [],
  );
  return blocks.filter((block) => block.type === 'tool_result') as never;
}

describe('tools from MCP servers', () => {
  it('over stdio: the user approves, the result flows back, and the final text streams', async () => {
    const server = await stdioEverything();
    expect(server.status).toMatchObject({ state: 'connected' });
    app.mock.enqueue(
      {
        type: 'reply',
        text: 'Let me add those. ',
        toolCalls: [{ name: 'everything__get-sum', arguments: '{"a": 2, "b": 3}' }],
      },
      { type: 'reply', text: 'The sum is 5.' },
    );
    await app.send('What is 2 + 3?');

    const card = app.page.getByRole('group', { name: /get-sum/ });
    await expect.poll(() => card.textContent()).toMatch(/waiting for your approval/i);
    expect(await card.textContent()).toContain('"a": 2');
    expect(app.mock.requests).toHaveLength(1);
    expect(
      (app.mock.requests[0]?.body as { tools: Array<{ name: string }> }).tools.map((t) => t.name),
    ).toContain('everything__get-sum');

    await card.getByRole('button', { name: 'Allow once' }).click();
    await expect
      .poll(() => transcript().textContent(), { timeout: 15_000 })
      .toContain('The sum is 5.');
    const [result] = toolResults(1);
    expect(JSON.stringify(result?.content)).toContain('5');
    expect(result?.is_error).toBeFalsy();
    expect(mainCalls()).toEqual([
      expect.objectContaining({ status: 'done', serverName: 'everything' }),
    ]);
    // The card sits between the text before the call and the text after it.
    const text = (await transcript().textContent()) ?? '';
    expect(text.indexOf('Let me add those.')).toBeLessThan(text.indexOf('get-sum'));
    expect(text.indexOf('get-sum')).toBeLessThan(text.indexOf('The sum is 5.'));
  });

  it('over Streamable HTTP: echo runs after approval and its text reaches the model', async () => {
    httpServer = await startEverythingHttp();
    await addServer({
      name: 'remote',
      enabled: true,
      transport: 'streamable-http',
      url: httpServer.url,
      args: [],
      env: {},
      headers: {},
    });
    app.mock.enqueue(
      {
        type: 'reply',
        text: '',
        toolCalls: [{ name: 'remote__echo', arguments: '{"message":"hello over http"}' }],
      },
      { type: 'reply', text: 'It echoed.' },
    );
    await app.send('Echo something');
    const card = app.page.getByRole('group', { name: /echo/ });
    await card.getByRole('button', { name: 'Allow once' }).click();
    await expect
      .poll(() => transcript().textContent(), { timeout: 15_000 })
      .toContain('It echoed.');
    expect(JSON.stringify(toolResults(1)[0]?.content)).toContain('hello over http');
  });

  it('a denied call is told to the model as declined, and nothing runs', async () => {
    await stdioEverything();
    app.mock.enqueue(
      {
        type: 'reply',
        text: '',
        toolCalls: [{ name: 'everything__echo', arguments: '{"message":"x"}' }],
      },
      { type: 'reply', text: 'Understood, I will not.' },
    );
    await app.send('Echo x');
    const card = app.page.getByRole('group', { name: /echo/ });
    await card.getByRole('button', { name: 'Deny' }).click();
    await expect
      .poll(() => transcript().textContent(), { timeout: 15_000 })
      .toContain('Understood, I will not.');
    const [result] = toolResults(1);
    expect(result?.is_error).toBe(true);
    expect(JSON.stringify(result?.content)).toContain('declined');
    expect(mainCalls()[0]?.status).toBe('denied');
  });

  it('Stop while a tool runs cancels it at once; nothing appears after Stop', async () => {
    await fixture();
    app.mock.enqueue({
      type: 'reply',
      text: 'Working on it. ',
      toolCalls: [{ name: 'fixture__slow', arguments: '{}' }],
    });
    await app.send('Run the slow tool');
    const card = app.page.getByRole('group', { name: /slow/ });
    await card.getByRole('button', { name: 'Allow once' }).click();
    await expect.poll(() => mainCalls()[0]?.status).toBe('running');
    await app.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => mainCalls()[0]?.status).toBe('stopped');
    const reply = app.services.chat.snapshot({})?.turns[0]?.replies[0];
    expect(reply).toMatchObject({ status: 'done', stopReason: 'stopped' });
    // The server heard the cancellation (it says so on stderr, which main logs).
    await expect
      .poll(() => app.takeErrors().main.some((line) => /cancelled request/.test(line)), {
        timeout: 5_000,
      })
      .toBe(true);
    await expect.poll(() => card.textContent()).toMatch(/stopped/i);
    const shown = await transcript().textContent();
    // Only the first request: no step after Stop.
    expect(app.mock.requests).toHaveLength(1);
    expect(await transcript().textContent()).toBe(shown);
  });

  it("Stop during the reference server's long-running operation ends it at once, and the server lives on", async () => {
    const server = await stdioEverything();
    app.mock.enqueue({
      type: 'reply',
      text: 'Starting it. ',
      toolCalls: [
        {
          name: 'everything__trigger-long-running-operation',
          arguments: '{"duration": 30, "steps": 30}',
        },
      ],
    });
    await app.send('Run the long operation');
    const card = app.page.getByRole('group', { name: /trigger-long-running-operation/ });
    await card.getByRole('button', { name: 'Allow once' }).click();
    await expect.poll(() => mainCalls()[0]?.status).toBe('running');
    const stoppedAt = Date.now();
    await app.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => mainCalls()[0]?.status).toBe('stopped');
    // At once, not after the operation's 30 s.
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(app.mock.requests).toHaveLength(1);
    expect(app.services.chat.snapshot({})?.turns[0]?.replies[0]?.stopReason).toBe('stopped');
    // Cancelled, not killed: the server is still connected.
    const after = await app.services.tools.connectServer(server.id);
    expect(after.status).toMatchObject({ state: 'connected' });
  });

  it('a server that dies mid-call fails that call with a clear error, and the reply goes on', async () => {
    await fixture();
    app.allowErrors({ main: [/^\[mcp /, /^MCP server stopped .*exited with code 7/] });
    app.mock.enqueue(
      { type: 'reply', text: '', toolCalls: [{ name: 'fixture__crash', arguments: '{}' }] },
      { type: 'reply', text: 'The tool crashed, sorry.' },
    );
    await app.send('Crash it');
    const card = app.page.getByRole('group', { name: /crash/ });
    await card.getByRole('button', { name: 'Allow once' }).click();
    await expect
      .poll(() => transcript().textContent(), { timeout: 15_000 })
      .toContain('The tool crashed, sorry.');
    expect(mainCalls()[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/stopped while running crash/),
    });
    expect(await card.textContent()).toMatch(/stopped while running crash/);
    expect(toolResults(1)[0]?.is_error).toBe(true);
  });
});
