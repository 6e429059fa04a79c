/**
 * IPC fuzzing: every invoke channel of the contract, through the real handlers and real services,
 * receives thousands of random and malformed payloads. Each answer must be a result object (never
 * a throw, never an unhandled rejection), a refusal must be one a person can be told about, and
 * nothing may change: the conversations, the settings, the keys and Object.prototype are the same
 * after as before. A seeded PRNG makes every failure reproducible (FUZZ_SEED=… to replay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRequestSchemas,
  invokeChannelNames,
  type ChatEvent,
  type InvokeChannel,
  type IpcResult,
} from '../../../preload/api';
import type { EventSink } from '../../../main/chat/chat-service';
import { registerHandlers, type InvokeEvent } from '../../../main/ipc/register-handlers';
import { createSenderCheck } from '../../../main/security';
import { createServices, type Services } from '../../../main/services';
import { createTestCipher } from '../../harness/test-cipher';
import { MemoryStore } from '../storage/memory-store';

const payloadsPerChannel = Number(process.env.FUZZ_PAYLOADS ?? 1_000);
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed_f00d);
const trustedUrl = 'app://parley/index.html';
const allChannels = invokeChannelNames;
const schemas = createRequestSchemas();

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

// ───────────── the app under test: real services, in memory, with a fetch that never connects ─────────────

let services: Services;
let settingsStore: MemoryStore;
let secretsStore: MemoryStore;
const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
const mainLog: string[] = [];
const opened: string[] = [];
const copied: string[] = [];
const received: ChatEvent[] = [];
const sink: EventSink = {
  id: 1,
  isDestroyed: () => false,
  send: (_channel, payload) => void received.push(payload as ChatEvent),
};
/** Ids that exist: fuzzed payloads name them as often as ids that do not. */
const knownIds: string[] = [];
let hangingStreamId = '';
let busyConversationId = '';
let fetchMode: 'serve' | 'hang' | 'reject' = 'serve';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

function sseResponse(text: string): Response {
  const events = [
    ['message_start', { type: 'message_start', message: { id: 'm', usage: { input_tokens: 3 } } }],
    [
      'content_block_start',
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ],
    [
      'content_block_delta',
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
    ],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    [
      'message_delta',
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
    ],
    ['message_stop', { type: 'message_stop' }],
  ] as const;
  const body = events
    .map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
    .join('');
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function fakeFetch(_url: string | URL | Request, init?: RequestInit): Promise<Response> {
  if (fetchMode === 'serve') return sseResponse('Seeded answer about zebras.');
  if (fetchMode === 'hang') {
    // A provider that has not answered yet: only Stop (abort) ends it.
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  }
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
  });
}

/** Call a channel as IPC would; `payload` must already be what crossed (a structured clone). */
async function invokeCloned(channel: string, payload: unknown, url: string | null = trustedUrl) {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event: InvokeEvent = { sender: sink, senderFrame: url === null ? null : { url } };
  return handler(event, payload);
}

// Payloads cross IPC by structured clone: the handler never sees getters, functions or prototypes.
async function invoke(channel: string, payload: unknown, url: string | null = trustedUrl) {
  return invokeCloned(channel, structuredClone(payload), url);
}

async function invokeOk<T>(channel: InvokeChannel, payload: unknown): Promise<T> {
  const result = (await invoke(channel, payload)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Everything a payload could have changed, as plain data. */
async function state() {
  const list = await invokeOk<{ items: Array<{ id: string }> }>('conversations:list', {
    limit: 200,
  });
  const conversations = [];
  for (const { id } of list.items) {
    conversations.push({
      snapshot: await invokeOk('chat:snapshot', { conversationId: id }),
      settings: await invokeOk('conversation-settings:get', { conversationId: id }),
    });
  }
  return {
    list,
    conversations,
    latest: await invokeOk('chat:snapshot', {}),
    search: await invokeOk('conversations:search', { query: 'zebras' }),
    profiles: await invokeOk('profiles:list', null),
    settings: await invokeOk('settings:get', null),
    settingsFile: settingsStore.dump(),
    secretsFile: secretsStore.dump(),
    running: services.chat.activeCount,
  };
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  settingsStore = new MemoryStore();
  secretsStore = new MemoryStore();
  services = createServices({
    env: { ANTHROPIC_API_KEY: 'sk-ant-fuzz-key', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
    fetch: fakeFetch,
    databasePath: ':memory:',
    settingsStore,
    secretsStore,
    cipher: createTestCipher('/tmp/parley-fuzz'),
    openExternal: async (url) => void opened.push(url),
    writeClipboard: (text) => void copied.push(text),
    dialogs: {
      saveFile: async (fileName) => ({ saved: false, fileName }),
      openJsonFile: async () => null,
      openFiles: async () => null,
      saveBytes: async () => ({ saved: false }),
    },
    generateTitles: false,
    // Long enough that the hanging reply outlives the run; Stop ends it.
    idleTimeoutMs: 600_000,
    log: (message, error) =>
      void mainLog.push(error instanceof Error ? `${message}: ${error.message}` : message),
  });
  registerHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    services,
    createSenderCheck(['app://parley']),
    (message, error) =>
      void mainLog.push(error instanceof Error ? `${message}: ${error.message}` : message),
  );

  // Two finished conversations (one with two turns and two reply versions), one saved profile.
  const first = await invokeOk<{ conversationId: string; turn: { id: string } }>('chat:send', {
    text: 'Tell me about zebras',
  });
  await waitIdle();
  const second = await invokeOk<{ turn: { id: string } }>('chat:send', {
    conversationId: first.conversationId,
    text: 'And their stripes?',
  });
  await waitIdle();
  await invokeOk('chat:regenerate', {
    conversationId: first.conversationId,
    turnId: second.turn.id,
  });
  await waitIdle();
  const other = await invokeOk<{ conversationId: string; turn: { id: string } }>('chat:send', {
    text: 'A second conversation',
  });
  await waitIdle();
  const saved = await invokeOk<{ profile: { id: string } }>('profiles:save', {
    name: 'Fuzz profile',
    preset: 'anthropic',
    kind: 'anthropic',
    baseUrl: 'http://127.0.0.1:9',
    model: 'claude-fuzz',
    apiKey: 'sk-ant-saved-fuzz-key',
  });
  // A third conversation whose reply is still waiting for the provider: sends to it are busy.
  fetchMode = 'hang';
  const busy = await invokeOk<{ conversationId: string; turn: { id: string } }>('chat:send', {
    text: 'Still thinking',
  });
  const streaming = await invokeOk<{
    turns: Array<{ replies: Array<{ streamId: string; id: string }> }>;
  }>('chat:snapshot', { conversationId: busy.conversationId });
  hangingStreamId = streaming.turns[0]?.replies[0]?.streamId ?? '';
  busyConversationId = busy.conversationId;
  if (services.chat.activeCount !== 1) throw new Error('the hanging reply is not running');
  fetchMode = 'reject';

  for (const conversationId of [first.conversationId, other.conversationId, busy.conversationId]) {
    knownIds.push(conversationId);
    const snapshot = await invokeOk<{
      turns: Array<{ id: string; replies: Array<{ id: string }> }>;
    }>('chat:snapshot', { conversationId });
    for (const turn of snapshot.turns) {
      knownIds.push(turn.id, ...turn.replies.map((reply) => reply.id));
    }
  }
  knownIds.push(saved.profile.id, first.turn.id, other.turn.id);
});

afterAll(async () => {
  await services?.shutdown();
  process.off('unhandledRejection', onUnhandled);
});

/** Wait until at most `running` generations are left (5 s, then fail). */
async function waitIdle(running = 0) {
  for (const deadline = Date.now() + 5_000; services.chat.activeCount > running;) {
    if (Date.now() > deadline) throw new Error('a seeded reply never finished');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ───────────── payload generators ─────────────

const pollutionKeys = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
];
const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\u202e\u200b\ufeff',
  '\ud800',
  '😀'.repeat(50),
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  "'; DROP TABLE conversations; --",
  '" OR 1=1 --',
  'NEAR(',
  '*',
  '"unterminated',
  '%',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://',
  'https://evil.example/',
  'app://parley/index.html',
  'null',
  'undefined',
  'NaN',
  '{"__proto__":{"polluted":true}}',
  '$where',
  'a\r\nInjected: header',
];

function unknownId(rng: Rng): string {
  return rng.pick([
    'nope',
    '00000000-0000-0000-0000-000000000000',
    `${rng.int(1e9)}`,
    'x'.repeat(100),
    '%',
    '*',
    "' OR '1'='1",
    '../conversations',
    '__proto__',
    'constructor',
  ]);
}

function anyId(rng: Rng): string {
  return rng.chance(0.5) && knownIds.length > 0 ? rng.pick(knownIds) : unknownId(rng);
}

function hugeString(rng: Rng): string {
  return rng
    .pick(['a', '\u0000', '😀', 'é', '<'])
    .repeat(rng.pick([101, 201, 2_001, 10_001, 100_001, 1_000_001]));
}

function randomNumber(rng: Rng): number {
  return rng.pick([
    NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    0.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    10_001,
    1_000_001,
    3,
  ]);
}

function deep(rng: Rng, depth: number): unknown {
  let value: unknown = rng.pick(['leaf', 1, null]);
  for (let i = 0; i < depth; i += 1) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

/** With own keys named __proto__ etc., the way JSON.parse (and so a hostile page) makes them. */
function polluted(rng: Rng, base: Record<string, unknown> = {}): Record<string, unknown> {
  const key = rng.pick(pollutionKeys);
  const payload = rng.pick<unknown>([
    { polluted: true },
    { prototype: { polluted: true } },
    { toString: 'not a function', valueOf: 1 },
    'polluted',
  ]);
  // A computed key is an own property even when it is "__proto__"; JSON.parse keeps it so.
  return JSON.parse(JSON.stringify({ ...base, [key]: payload })) as Record<string, unknown>;
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 9 : 13)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rng.chance(0.5);
    case 3:
      return randomNumber(rng);
    case 4:
      return rng.pick(hostileStrings);
    case 5:
      return rng.chance(0.05) ? hugeString(rng) : anyId(rng);
    case 6:
      return BigInt(rng.int(1e6));
    case 7:
      return rng.pick([
        new Date(NaN),
        new Date(0),
        /.*/g,
        new Uint8Array(rng.int(64)),
        new Map([['text', 'x']]),
        new Set(['x']),
      ]);
    case 8:
      // Deeper than ~1,000 levels cannot cross IPC at all: the sender's structured clone overflows.
      return deep(rng, rng.pick([10, 100, 500, 1_000]));
    case 9:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    case 10:
      return polluted(rng);
    case 11:
      return new Error(rng.pick(hostileStrings));
    default: {
      const keys = [
        'text',
        'conversationId',
        'turnId',
        'streamId',
        'index',
        'url',
        'id',
        'query',
        'title',
        'kind',
        'baseUrl',
        'model',
        'apiKey',
        ...pollutionKeys,
      ];
      const object: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i -= 1) object[rng.pick(keys)] = randomValue(rng, depth + 1);
      return object;
    }
  }
}

/** A payload the channel would accept, to be broken one way at a time. */
function template(channel: InvokeChannel, rng: Rng): Record<string, unknown> {
  const id = () => anyId(rng);
  const target = { kind: 'anthropic', baseUrl: 'http://127.0.0.1:9' };
  const templates: Partial<Record<InvokeChannel, Record<string, unknown>>> = {
    'chat:send': { conversationId: id(), text: 'hello' },
    'chat:regenerate': { conversationId: id(), turnId: id() },
    'chat:stop': { streamId: id(), shownSeq: 1 },
    'chat:select-version': { conversationId: id(), turnId: id(), index: rng.int(3) },
    'chat:snapshot': { conversationId: id(), revealMessageId: id() },
    'chat:edit': { conversationId: id(), turnId: id(), text: 'edited' },
    'chat:select-user-version': { conversationId: id(), turnId: id(), index: rng.int(3) },
    'conversations:list': { cursor: id(), limit: 10 },
    'conversations:rename': { conversationId: id(), title: 'Renamed' },
    'conversations:set-pinned': { conversationId: id(), pinned: true },
    'conversations:delete': { conversationId: id() },
    'conversations:restore': { conversationId: id() },
    'conversations:search': { query: rng.pick(hostileStrings) || 'zebras', limit: 5 },
    'conversations:export': { conversationId: id(), format: 'json', scope: 'tree' },
    'profiles:save': { name: 'n', preset: 'anthropic', ...target, model: 'm' },
    'profiles:delete': { id: id() },
    'profiles:set-active': { id: id() },
    'models:list': { profileId: id(), ...target },
    'connection:test': { profileId: id(), ...target, model: 'm' },
    'settings:set': { theme: 'dark' },
    'conversation-settings:get': { conversationId: id() },
    'conversation-settings:set': {
      conversationId: id(),
      profileId: id(),
      model: 'm',
      systemPrompt: 'x',
    },
    'links:open': {
      url: rng.pick(['javascript:alert(1)', 'file:///etc/passwd', 'smb://x/y', 'ms-msdt:/id x']),
    },
    'clipboard:write-text': { text: 'copied' },
    'tools:decide': { streamId: id(), callId: 'call_1', decision: 'allow-once', arguments: '{}' },
    'tools:save-server': { name: 'srv', transport: 'stdio', command: 'node', args: ['x.js'] },
    'tools:remove-server': { id: id() },
    'tools:connect-server': { id: id() },
    'tools:set-tool-enabled': { serverId: id(), tool: 'echo', enabled: false },
    'tools:import-servers': { json: '{"mcpServers":{"a":{"command":"node"}}}' },
    'tools:remove-rule': { id: id() },
    'tools:set-preferences': { stepLimit: 5 },
    'attachments:add-paths': { paths: [rng.pick(['/etc/passwd', 'C:\\Windows\\win.ini', '../x'])] },
    'attachments:add-data': { name: 'pasted.png', base64: 'iVBORw0KGgo=' },
    'attachments:plan': { attachmentIds: ['a'.repeat(64)] },
    'attachments:image': { id: 'b'.repeat(64) },
    'attachments:open': { id: 'c'.repeat(64) },
    'attachments:save': { id: 'd'.repeat(64) },
    'attachments:capabilities': { model: 'm' },
    'attachments:set-capabilities': { model: 'm', images: true, pdfs: null },
  };
  return templates[channel] ?? {};
}

/** One payload: a random value, or a well-formed one broken in one hostile way. */
function payloadFor(channel: InvokeChannel, rng: Rng): unknown {
  if (rng.chance(0.3)) return randomValue(rng);
  const base = template(channel, rng);
  const keys = Object.keys(base);
  switch (rng.int(7)) {
    case 0: {
      // One field of the wrong type (or a hostile value of the right one).
      const key = keys.length > 0 ? rng.pick(keys) : 'text';
      return { ...base, [key]: randomValue(rng) };
    }
    case 1:
      return polluted(rng, base);
    case 2:
      return {
        ...base,
        [rng.pick(['extra', 'isAdmin', 'apiKey', 'streamId', 'then'])]: randomValue(rng),
      };
    case 3: {
      const key = keys.length > 0 ? rng.pick(keys) : 'text';
      return { ...base, [key]: hugeString(rng) };
    }
    case 4:
      // An array where an object belongs, or the object wrapped one level too deep.
      return rng.chance(0.5) ? Object.values(base) : [base];
    case 5: {
      const key = keys.length > 0 ? rng.pick(keys) : 'text';
      return { ...base, [key]: randomNumber(rng) };
    }
    default: {
      // A field missing.
      const missing = keys.length > 0 ? rng.pick(keys) : '';
      return Object.fromEntries(Object.entries(base).filter(([key]) => key !== missing));
    }
  }
}

// ───────────── what an answer may be ─────────────

/** Channels that may answer ok to a well-formed payload without changing anything. */
const harmlessWhenValid = new Set<InvokeChannel>([
  'chat:stop',
  'chat:snapshot',
  'conversations:list',
  'conversations:search',
  'conversations:export',
  'conversations:import',
  'settings:get',
  'settings:open-data-folder',
  'profiles:list',
  'models:list',
  'connection:test',
  'local-servers:probe',
  'conversation-settings:get',
  'links:open',
  'clipboard:write-text',
  'tools:state',
  // The fuzz's dialogs answer "cancelled", and asking what a model takes changes nothing.
  'attachments:pick',
  'attachments:capabilities',
  // Removing a rule that does not exist is not an error (it is already gone).
  'tools:remove-rule',
]);
const refusals = new Set(['invalid_payload', 'not_found', 'forbidden', 'busy']);

/** A well-formed payload that would change state on purpose (and so is not a fuzz case). */
function wouldChangeState(channel: InvokeChannel, payload: unknown): boolean {
  // A reply's id is also its stream id: a stop that names the hanging reply really stops it.
  if (channel === 'chat:stop' && (payload as { streamId?: string }).streamId === hangingStreamId)
    return true;
  if (harmlessWhenValid.has(channel)) return false;
  if (channel === 'chat:send' && !(payload as { conversationId?: string }).conversationId)
    return true;
  const writes = ['profiles:save', 'settings:set', 'tools:save-server', 'tools:set-preferences'];
  if (writes.includes(channel)) return true;
  if (channel === 'tools:import-servers') return true;
  // Attaching files (the page reaches add-paths only through the preload, with Electron's paths
  // of dropped files) and overriding a model's capabilities change state on purpose.
  const attaching = [
    'attachments:add-paths',
    'attachments:add-data',
    'attachments:set-capabilities',
  ];
  if (attaching.includes(channel)) return true;
  // Sending to (or editing in) the conversation that is still streaming must be refused as busy.
  const { conversationId } = (payload ?? {}) as { conversationId?: string };
  if (
    (channel === 'chat:send' || channel === 'chat:edit') &&
    conversationId === busyConversationId
  ) {
    return false;
  }
  // A well-formed call that names only unknown ids must be refused, and is a fair case.
  const named = JSON.stringify(payload) ?? '';
  return knownIds.some((id) => named.includes(`"${id}"`));
}

describe('IPC fuzzing', () => {
  it(`every channel answers ${payloadsPerChannel} hostile payloads with a result and changes nothing`, async () => {
    const before = await state();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const counts = { tried: 0, refused: 0, ok: 0, skipped: 0 };
    const kinds = new Map<string, number>();
    const rng = prng(seed);
    for (const channel of allChannels) {
      const schema = schemas[channel];
      for (let i = 0; i < payloadsPerChannel; i += 1) {
        const payload = payloadFor(channel, rng);
        const wire = structuredClone(payload);
        const valid = schema.safeParse(wire).success;
        if (valid && wouldChangeState(channel, payload)) {
          counts.skipped += 1;
          continue;
        }
        counts.tried += 1;
        let result: IpcResult<unknown>;
        try {
          result = (await invokeCloned(channel, wire)) as IpcResult<unknown>;
        } catch (error) {
          throw new Error(`${channel} threw on payload #${i} (seed ${seed})`, { cause: error });
        }
        // Built only on failure: previewing a 1 MB payload thousands of times costs seconds.
        const fail = (why: string) => {
          throw new Error(`${channel} payload #${i} (seed ${seed}) ${why}: ${preview(payload)}`);
        };
        if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
          fail(`answered ${String(result)}, not a result`);
        }
        if (result.ok) {
          counts.ok += 1;
          if (!valid) fail('was accepted though the schema refuses it');
          if (wouldChangeState(channel, payload)) fail('changed state');
        } else {
          counts.refused += 1;
          const { kind } = result.error;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          if (!refusals.has(kind)) fail(`was refused as ${JSON.stringify(result.error)}`);
          if (!valid && kind !== 'invalid_payload') fail(`is invalid but was refused as ${kind}`);
          if (typeof result.error.message !== 'string' || result.error.message === '') {
            fail('was refused without a message');
          }
        }
      }
    }
    // A generation a fuzz case started by mistake would still be running: only the hanging
    // reply may be. Wait for the others to unwind (or time out loudly), then compare.
    await waitIdle(1);
    const after = await state();
    expect(after).toEqual(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(opened.filter((url) => !/^(https?|mailto):/i.test(url))).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(mainLog).toEqual([]);
    // The reply that was streaming all along is still the one running.
    expect(services.chat.activeCount).toBe(1);
    expect(received.filter((event) => event.streamId === hangingStreamId)).toEqual([]);
    console.log(
      `ipc fuzz: ${counts.tried} payloads tried on ${allChannels.length} channels (seed ${seed}); ` +
        `${counts.refused} refused (${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}), ` +
        `${counts.ok} harmless calls answered, ${counts.skipped} well-formed state-changing payloads skipped`,
    );
  }, 90_000);

  it('refuses every channel to a frame of another origin, even with a well-formed payload', async () => {
    const before = await state();
    const origins = [
      'https://evil.example/index.html',
      'http://127.0.0.1:5173/',
      'app://evil/index.html',
      'app://parley.evil/index.html',
      'app://parley:1/index.html',
      'file:///index.html',
      'about:blank',
      'data:text/html,<script></script>',
      '',
      null,
    ];
    const rng = prng(seed + 1);
    let refused = 0;
    const copiedBefore = copied.length;
    const openedBefore = opened.length;
    for (const channel of allChannels) {
      const wellFormed = {
        ...template(channel, rng),
        ...(channel === 'links:open' ? { url: 'https://example.com/' } : {}),
      };
      for (const url of origins) {
        for (const payload of [wellFormed, randomValue(rng)]) {
          const result = (await invoke(channel, payload, url)) as IpcResult<unknown>;
          expect(result, `${channel} from ${String(url)}`).toEqual({
            ok: false,
            error: { kind: 'forbidden', message: expect.any(String) },
          });
          refused += 1;
        }
      }
    }
    expect(copied.length).toBe(copiedBefore);
    expect(opened.length).toBe(openedBefore);
    expect(await state()).toEqual(before);
    console.log(
      `ipc fuzz: ${refused} calls from ${origins.length} foreign frames refused on ${allChannels.length} channels`,
    );
    mainLog.length = 0;
  });
});

function preview(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_key, value: unknown) =>
      typeof value === 'bigint' ? `${value}n` : value,
    );
    return text === undefined
      ? String(payload)
      : text.length > 200
        ? `${text.slice(0, 200)}…`
        : text;
  } catch {
    return Object.prototype.toString.call(payload);
  }
}
