import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { createServices } from '../../../main/services';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { headlessPlatform } from '../../harness/headless-platform';
import { startMockLlm, type MockLlm } from '../../mock-llm';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const text = Array.from({ length: 400 }, (_, i) => `token${i}`).join(' ');

/**
 * The child runs in a process group of its own, and "killing the app" SIGKILLs the whole group.
 * Killing only the spawned `tsx` would not do: tsx runs the script in a second process and can
 * only relay signals that can be caught, so after a SIGKILL of tsx the script itself would go on
 * streaming and saving (and keep its MCP server running) behind the test's back.
 */
let group: number | undefined;

function startChild(args: string[]) {
  const proc = spawn(tsx, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  group = proc.pid;
  return proc;
}

/** SIGKILL the child and everything it started, at once (as the OS kills a crashed app). */
function killChild(): void {
  if (group === undefined) return;
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
  group = undefined;
}

let dir: string;
let mock: MockLlm;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-crash-'));
  mock = await startMockLlm();
});
afterEach(async () => {
  killChild();
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a main process killed mid-reply', () => {
  it('loses at most about a second of text, and the reply comes back marked interrupted', async () => {
    mock.enqueue({ type: 'reply', text, tokensPerSecond: 60 });
    const databasePath = join(dir, 'parley.db');
    const proc = startChild([databasePath, mock.url]);
    const progress: Array<{ at: number; received: number }> = [];
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let buffered = '';
    const killed = new Promise<void>((resolve, reject) => {
      proc.on('exit', () => resolve());
      proc.on('error', reject);
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines)
          progress.push(JSON.parse(line) as { at: number; received: number });
        const first = progress[0];
        // Let it stream for 1.5 s (three save intervals), then pull the plug.
        if (first && Date.now() - first.at > 1_500) killChild();
      });
    });
    await killed;
    expect(stderr).toBe('');
    const killedAt = Date.now();
    const receivedByThen = (ago: number) =>
      progress.filter((entry) => entry.at <= killedAt - ago).at(-1)?.received ?? 0;

    const db = openDatabase(databasePath);
    const store = new ConversationStore(db);
    expect(store.markInterrupted()).toBe(1);
    const conversation = store.load(store.latestConversationId() ?? '');
    const reply = conversation?.turns[0]?.replies[0];
    db.close();

    expect(conversation?.turns[0]?.userText).toBe('Write a long answer');
    expect(reply?.status).toBe('done');
    expect(reply?.stopReason).toBe('interrupted');
    expect(text.startsWith(reply?.text ?? 'x')).toBe(true);
    // Everything the process had a second before it died is on disk.
    expect(reply?.text.length).toBeGreaterThanOrEqual(receivedByThen(1_000));
    expect(reply?.text.length).toBeGreaterThan(0);
    console.log(
      `crash test: ${progress.at(-1)?.received ?? 0} chars received, ${reply?.text.length} saved at SIGKILL`,
    );
  });

  it('while a tool runs: finished steps come back, the running call reads interrupted, and the model is told', async () => {
    mock.enqueue(
      {
        type: 'reply',
        text: 'First I echo. ',
        toolCalls: [{ name: 'fixture__echo', arguments: '{"text":"hello from step one"}' }],
      },
      {
        type: 'reply',
        text: 'Now the slow one. ',
        toolCalls: [{ name: 'fixture__slow', arguments: '{}' }],
      },
    );
    const databasePath = join(dir, 'parley.db');
    const proc = startChild([databasePath, mock.url, 'tools']);
    const states: Array<{ tool: string; status: string }> = [];
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      proc.on('exit', () => resolve());
      proc.on('error', reject);
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) states.push(JSON.parse(line) as { tool: string; status: string });
        // The slow tool is running (and saved so): pull the plug.
        const running = states.some((state) => state.tool === 'slow' && state.status === 'running');
        if (running) killChild();
      });
    });
    // The fixture server writes to stderr by design; nothing else may.
    expect(stderr.split('\n').filter((line) => line && !/\[mcp |fixture:/.test(line))).toEqual([]);
    expect(states).toContainEqual({ tool: 'echo', status: 'done' });
    expect(mock.requests).toHaveLength(2);

    // Reopen: main's services on the same database, as at the next start.
    const services = createServices(
      headlessPlatform({
        env: { ANTHROPIC_API_KEY: 'sk-crash', ANTHROPIC_BASE_URL: mock.url },
        databasePath,
        keyDir: databasePath,
      }),
    );
    try {
      const conversation = services.chat.snapshot({});
      const reply = conversation?.turns[0]?.replies[0];
      expect(reply).toMatchObject({
        status: 'done',
        stopReason: 'interrupted',
        text: 'First I echo. Now the slow one. ',
      });
      expect(reply?.toolCalls).toEqual([
        expect.objectContaining({
          tool: 'echo',
          step: 1,
          textOffset: 'First I echo. '.length,
          status: 'done',
          result: { content: [{ type: 'text', text: 'hello from step one' }], isError: false },
        }),
        expect.objectContaining({
          tool: 'slow',
          step: 2,
          textOffset: 'First I echo. Now the slow one. '.length,
          status: 'interrupted',
        }),
      ]);

      // A follow-up: its history replays both steps, and the interrupted call gets an error result.
      mock.enqueue({ type: 'reply', text: 'Sorry, that was cut off.' });
      let ended: () => void = () => {};
      const done = new Promise<void>((resolve) => (ended = resolve));
      await services.chat.send(
        { conversationId: conversation?.id ?? '', text: 'What happened?' },
        {
          id: 2,
          isDestroyed: () => false,
          send: (_channel, payload) => {
            const event = payload as ChatEvent;
            if (event.type === 'done' || event.type === 'error') ended();
          },
        },
      );
      await done;
      const body = mock.requests[2]?.body as {
        messages: Array<{ role: string; content: string | Array<Record<string, unknown>> }>;
      };
      const blocks = body.messages.flatMap((message) =>
        Array.isArray(message.content) ? message.content : [],
      );
      const uses = blocks.filter((block) => block.type === 'tool_use');
      const results = blocks.filter((block) => block.type === 'tool_result');
      expect(uses.map((block) => block.name)).toEqual(['fixture__echo', 'fixture__slow']);
      expect(results).toEqual([
        expect.objectContaining({ tool_use_id: uses[0]?.id }),
        expect.objectContaining({ tool_use_id: uses[1]?.id, is_error: true }),
      ]);
      expect(JSON.stringify(results[0])).toContain('hello from step one');
      expect(JSON.stringify(results[1])).toMatch(/interrupted before it finished/);
      expect(body.messages.at(-1)).toMatchObject({ role: 'user' });
      expect(JSON.stringify(body.messages.at(-1))).toContain('What happened?');
    } finally {
      await services.shutdown();
    }
  });
});
