import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { startMockLlm, type MockLlm } from '../../mock-llm';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const text = Array.from({ length: 400 }, (_, i) => `token${i}`).join(' ');

let dir: string;
let mock: MockLlm;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-crash-'));
  mock = await startMockLlm();
});
afterEach(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a main process killed mid-reply', () => {
  it('loses at most about a second of text, and the reply comes back marked interrupted', async () => {
    mock.enqueue({ type: 'reply', text, tokensPerSecond: 60 });
    const databasePath = join(dir, 'parley.db');
    const proc = spawn(tsx, [child, databasePath, mock.url], { stdio: ['ignore', 'pipe', 'pipe'] });
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
        if (first && Date.now() - first.at > 1_500 && !proc.killed) proc.kill('SIGKILL');
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
});
