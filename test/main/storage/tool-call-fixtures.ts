/**
 * Tool calls for the storage tests: one of every status, and results with text, an image and
 * resources, as a reply with tools would hold them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { onTestFinished } from 'vitest';
import type { Reply, ToolCall, ToolCallStatus, Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';

/** A 1×1 PNG, base64, as an MCP image result carries it. */
export const pixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

/** A call of the "Files" server's `read_file` tool, `status` as asked, at `textOffset`. */
export function toolCall(
  id: string,
  status: ToolCallStatus,
  extra: Partial<ToolCall> = {},
): ToolCall {
  return {
    id,
    name: 'files__read_file',
    serverId: 'srv-files',
    serverName: 'Files',
    tool: 'read_file',
    step: 1,
    textOffset: 0,
    arguments: '{"path":"notes/garden.md"}',
    status,
    ...extra,
  };
}

/** The reply's text: the calls sit after "Let me look." and after "Found it." */
export const replyText = 'Let me look.\n\nFound it.\n\nThe pot should be deep.';

/** One call of every status; the finished ones with results of every kind. */
export function everyKindOfCall(): ToolCall[] {
  const first = replyText.indexOf('\n\nFound');
  const second = replyText.indexOf('\n\nThe pot');
  return [
    toolCall('call-done', 'done', {
      textOffset: first,
      arguments: '{"path":"notes/数据库迁移方案.md"}',
      result: {
        content: [{ type: 'text', text: 'Tomatoes like a pot forty centimetres deep.' }],
        isError: false,
        truncated: { keptChars: 20, totalChars: 43 },
      },
      startedAt: 1_700_000_000_000,
      durationMs: 120,
      destructive: false,
      replay: {
        kind: 'anthropic',
        thinking: [{ type: 'thinking', thinking: 'Look it up', signature: 'sig' }],
      },
    }),
    toolCall('call-image', 'done', {
      textOffset: first,
      serverId: 'srv-camera',
      serverName: 'Camera',
      tool: 'snapshot',
      name: 'camera__snapshot',
      arguments: '{}',
      result: {
        content: [
          { type: 'image', mimeType: 'image/png', data: pixelPng },
          {
            type: 'resource',
            uri: 'file:///garden/plan.txt',
            mimeType: 'text/plain',
            text: 'Row 1: basil',
          },
          { type: 'resource', uri: 'https://example.com/seeds', name: 'Seed catalogue' },
        ],
        isError: false,
      },
    }),
    toolCall('call-tool-error', 'done', {
      textOffset: second,
      step: 2,
      result: { content: [{ type: 'text', text: 'ENOENT: no such file' }], isError: true },
    }),
    toolCall('call-failed', 'failed', {
      textOffset: second,
      step: 2,
      error: 'The server "Files" stopped.',
    }),
    toolCall('call-denied', 'denied', { textOffset: second, step: 2 }),
    toolCall('call-stopped', 'stopped', { textOffset: second, step: 2 }),
    toolCall('call-interrupted', 'interrupted', { textOffset: second, step: 2 }),
  ];
}

/** Calls still open, as a crash would leave them. */
export function openCalls(): ToolCall[] {
  return [
    toolCall('call-streaming', 'streaming', { arguments: '{"path":"no' }),
    toolCall('call-waiting', 'awaiting-approval', { destructive: true }),
    toolCall('call-running', 'running', { startedAt: 1_700_000_000_000 }),
  ];
}

/** A user turn with this text. */
export const turn = (id: string, userText: string): Turn => ({
  id,
  userText,
  replies: [],
  activeReply: 0,
  userVersion: 0,
  userVersionCount: 1,
});

/** A reply version, streaming and empty unless told otherwise. */
export const reply = (id: string, overrides: Partial<Reply> = {}): Reply => ({
  id,
  streamId: `s-${id}`,
  model: 'claude-x',
  text: '',
  reasoning: '',
  status: 'streaming',
  seq: 0,
  ...overrides,
});

/** A folder for this test's database files, removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-tools-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A database on disk holding conversation `c` with one turn `t1` whose reply `r1` is saved as
 * `saved`; `log` hears what loading could not read.
 */
export function storeWithReply(saved: Partial<Reply>, path = join(tempDir(), 'parley.db')) {
  const logged: string[] = [];
  const db: DatabaseSync = openDatabase(path);
  onTestFinished(() => {
    if (db.isOpen) db.close();
  });
  const store = new ConversationStore(db, Date.now, undefined, (message) => logged.push(message));
  store.createConversation('c', 'Garden');
  const t1 = turn('t1', 'How deep a pot for tomatoes?');
  store.addTurn('c', t1, null);
  const r1 = reply('r1');
  store.addReply('c', t1, r1, 'anthropic');
  store.saveReply({ ...r1, ...saved });
  return { db, store, logged, path };
}
