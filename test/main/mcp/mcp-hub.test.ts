import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerView } from '../../../preload/api';
import { McpHub, type McpHubOptions } from '../../../main/mcp/mcp-hub';
import { SecretStore } from '../../../main/storage/secret-store';
import { SettingsFile } from '../../../main/storage/settings-file';
import { mcpSecretKey } from '../../../main/storage/settings-schema';
import { ToolCallError } from '../../../main/tools/tool-source';
import { createTestCipher } from '../../harness/test-cipher';
import { MemoryStore } from '../storage/memory-store';
import { fixtureScript } from './everything-server';

const hubs: McpHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.shutdown()));
});

function setup(options: Partial<McpHubOptions> = {}) {
  const settingsStore = new MemoryStore();
  const settings = new SettingsFile(settingsStore);
  const secrets = new SecretStore(new MemoryStore(), createTestCipher('/tmp/mcp'));
  let next = 0;
  const hub = new McpHub({
    settings,
    secrets,
    newId: () => `server-${++next}`,
    connection: { closeGraceMs: 300, initializeTimeoutMs: 5_000 },
    restart: { firstDelayMs: 20, maxDelayMs: 80, maxAttempts: 3 },
    ...options,
  });
  hubs.push(hub);
  const events: McpServerView[] = [];
  hub.onChange((view) => events.push(view));
  return { hub, settings, settingsStore, secrets, events };
}

const fixture = (mode = 'normal', extra: Record<string, unknown> = {}) => ({
  name: 'Fixture',
  enabled: true,
  transport: 'stdio' as const,
  command: process.execPath,
  args: [fixtureScript, mode],
  env: {},
  headers: {},
  ...extra,
});

const never = new AbortController().signal;
const text = (result: { content: Array<{ type: string }> }) =>
  result.content.map((b) => ('text' in b ? String(b.text) : '')).join('');

describe('McpHub', () => {
  it('keeps env values in the secret store, passes them to the server, and never shows them', async () => {
    const { hub, settingsStore } = setup();
    const saved = await hub.saveServer(
      fixture('normal', { env: { FIXTURE_SECRET: 'hunter2-very-secret' } }),
    );
    expect(saved.envNames).toEqual(['FIXTURE_SECRET']);
    expect(JSON.stringify(saved)).not.toContain('hunter2');
    expect(settingsStore.dump()).not.toContain('hunter2');
    expect(settingsStore.dump()).toContain('FIXTURE_SECRET');

    const result = await hub.callTool(saved.id, 'env', {}, never);
    expect(text(result)).toBe('hunter2-very-secret');
    expect(JSON.stringify(hub.views())).not.toContain('hunter2');
  });

  it('keeps a stored value when saved with null and removes a name left out', async () => {
    const { hub, secrets } = setup();
    const saved = await hub.saveServer(
      fixture('normal', { env: { FIXTURE_SECRET: 'one', OTHER: 'two' } }),
    );
    const again = await hub.saveServer(
      fixture('normal', { id: saved.id, env: { FIXTURE_SECRET: null } }),
    );
    expect(again.envNames).toEqual(['FIXTURE_SECRET']);
    expect(await secrets.getKey(mcpSecretKey(saved.id, 'env', 'FIXTURE_SECRET'))).toBe('one');
    expect(await secrets.getKey(mcpSecretKey(saved.id, 'env', 'OTHER'))).toBeNull();
    expect(text(await hub.callTool(saved.id, 'env', {}, never))).toBe('one');
  });

  it('drops the environment secrets when a server changes to HTTP', async () => {
    const { hub, secrets } = setup();
    const saved = await hub.saveServer(fixture('normal', { env: { FIXTURE_SECRET: 'old' } }));
    const changed = await hub.saveServer({
      id: saved.id,
      name: 'Fixture',
      enabled: false,
      transport: 'streamable-http',
      url: 'https://example.invalid/mcp',
      args: [],
      env: { FIXTURE_SECRET: null },
      headers: { Authorization: 'Bearer new' },
    });
    expect(changed).toMatchObject({ envNames: [], headerNames: ['Authorization'], args: [] });
    expect(changed.command).toBeUndefined();
    expect(await secrets.getKey(mcpSecretKey(saved.id, 'env', 'FIXTURE_SECRET'))).toBeNull();
    expect(await secrets.getKey(mcpSecretKey(saved.id, 'header', 'Authorization'))).toBe(
      'Bearer new',
    );
  });

  it('starts lazily on listTools, and leaves out disabled tools and disabled servers', async () => {
    const { hub } = setup();
    const saved = await hub.saveServer(fixture('normal', { enabled: false }));
    expect((await hub.listTools(undefined, never)).tools).toEqual([]);
    await hub.saveServer(fixture('normal', { id: saved.id, enabled: true }));
    const { tools, problems } = await hub.listTools(undefined, never);
    expect(problems).toEqual([]);
    expect(tools.map((t) => t.name)).toContain('echo');
    const echo = tools.find((t) => t.name === 'echo');
    expect(echo).toMatchObject({
      serverId: saved.id,
      serverName: 'Fixture',
      readOnly: true,
      destructive: false,
    });
    expect(tools.find((t) => t.name === 'crash')?.destructive).toBe(true);

    const view = hub.setToolEnabled(saved.id, 'echo', false);
    expect(view.tools.find((t) => t.name === 'echo')?.enabled).toBe(false);
    expect((await hub.listTools(undefined, never)).tools.map((t) => t.name)).not.toContain('echo');
    await expect(hub.callTool(saved.id, 'echo', { text: 'x' }, never)).rejects.toThrow(
      ToolCallError,
    );
  });

  it('names a server that cannot start among the problems, with the doctor’s diagnosis', async () => {
    const { hub } = setup();
    const saved = await hub.saveServer(fixture('exit'));
    const { tools, problems } = await hub.listTools([saved.id], never);
    expect(tools).toEqual([]);
    expect(problems).toEqual([
      { serverName: 'Fixture', message: '"Fixture" exited with code 3 before it was ready.' },
    ]);
    const view = hub.view(saved.id);
    expect(view.status.state).toBe('failed');
    if (view.status.state === 'failed') {
      expect(view.status.problem.exitCode).toBe(3);
      expect(view.status.problem.stderrTail).toContain('fixture: giving up');
    }
  });

  it('fails a call when the server crashes mid-call, then restarts it with backoff', async () => {
    const { hub, events } = setup();
    const saved = await hub.saveServer(fixture());
    await hub.connectServer(saved.id);
    const call = hub.callTool(saved.id, 'crash', {}, never);
    await expect(call).rejects.toThrow(new ToolCallError('Fixture stopped while running crash.'));
    await expect.poll(() => hub.view(saved.id).status.state).toBe('connected');
    const restarting = events.find((e) => e.status.state === 'restarting');
    expect(restarting?.status).toMatchObject({ state: 'restarting', attempt: 1, delayMs: 20 });
    expect(text(await hub.callTool(saved.id, 'echo', { text: 'back' }, never))).toBe('back');
  });

  it('gives up after the allowed restarts and shows why', async () => {
    const { hub, events } = setup();
    const marker = join(mkdtempSync(join(tmpdir(), 'parley-once-')), 'started');
    const saved = await hub.saveServer(fixture('normal', { env: { FIXTURE_ONCE_MARKER: marker } }));
    await hub.connectServer(saved.id);
    await expect(hub.callTool(saved.id, 'crash', {}, never)).rejects.toThrow(ToolCallError);
    await expect.poll(() => hub.view(saved.id).status.state, { timeout: 10_000 }).toBe('failed');
    const restarts = events.flatMap((e) =>
      e.status.state === 'restarting' ? [[e.status.attempt, e.status.delayMs]] : [],
    );
    expect(restarts).toEqual([
      [1, 20],
      [2, 40],
      [3, 80],
    ]);
    const status = hub.view(saved.id).status;
    expect(status.state === 'failed' && status.problem.exitCode).toBe(4);
    expect(status.state === 'failed' && status.problem.stderrTail).toContain(
      'fixture: already started once',
    );
    // Retry starts it again (and it fails again, the marker being there).
    const retried = await hub.connectServer(saved.id);
    expect(retried.status.state).toBe('failed');
  });

  it('follows tools/list_changed and tells onChange', async () => {
    const { hub, events } = setup();
    const saved = await hub.saveServer(fixture());
    const before = await hub.connectServer(saved.id);
    const count = before.tools.length;
    await hub.callTool(saved.id, 'add-tool', {}, never);
    await expect
      .poll(() => events.at(-1)?.status)
      .toEqual({ state: 'connected', toolCount: count + 1 });
    const { tools } = await hub.listTools([saved.id], never);
    expect(tools.map((t) => t.name)).toContain('added');
    expect(text(await hub.callTool(saved.id, 'added', {}, never))).toBe('added works');
  });

  it('removes a server with its secrets, and shutdown ends stdio processes', async () => {
    const { hub, secrets, settings } = setup();
    const saved = await hub.saveServer(fixture('normal', { env: { FIXTURE_SECRET: 'gone-soon' } }));
    await hub.connectServer(saved.id);
    await hub.removeServer(saved.id);
    expect(settings.read().tools.servers).toEqual([]);
    expect(await secrets.getKey(mcpSecretKey(saved.id, 'env', 'FIXTURE_SECRET'))).toBeNull();

    const other = await hub.saveServer(fixture());
    const connected = await hub.connectServer(other.id);
    expect(connected.status).toMatchObject({ state: 'connected' });
    const pids = (
      hub as unknown as { runtimes: Map<string, { connection: { pid: number | null } | null }> }
    ).runtimes.get(other.id)?.connection?.pid;
    expect(pids).toBeTypeOf('number');
    await hub.shutdown();
    expect(() => process.kill(pids as number, 0)).toThrow();
  });

  it('imports an mcpServers file, skipping names already set up', async () => {
    const { hub } = setup();
    await hub.saveServer(fixture());
    const result = await hub.importServers(
      JSON.stringify({
        mcpServers: {
          Fixture: { command: 'node', args: ['x.js'] },
          Remote: {
            url: 'https://example.invalid/mcp',
            headers: { Authorization: 'Bearer tok-123' },
          },
        },
      }),
    );
    expect(result.added.map((s) => [s.name, s.transport, s.headerNames])).toEqual([
      ['Remote', 'streamable-http', ['Authorization']],
    ]);
    expect(result.skipped).toEqual([
      { name: 'Fixture', reason: 'Skipped because a server with this name is already set up.' },
    ]);
    expect(JSON.stringify(result)).not.toContain('tok-123');
  });
});
