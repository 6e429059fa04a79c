import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockLlm, tokenize, type MockLlm, type Scenario } from './index';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

/** POSTs with node:http and keeps every body chunk as it arrived (each write is its own chunk). */
function post(
  path: string,
  body: unknown = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
): Promise<{ status: number; headers: Record<string, unknown>; chunks: Buffer[]; error?: Error }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${mock.url}${path}`, { method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      const done = (error?: Error) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks, error });
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done());
      res.on('error', done);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

/** The JSON payloads of every `data:` line in a body. */
function dataOf(body: string): unknown[] {
  return body
    .split(/\r\n|\r|\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.replace(/^data: ?/, ''))
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as unknown);
}

async function replyBody(path: string, scenario: Scenario) {
  mock.enqueue(scenario);
  return text((await post(path)).chunks);
}

describe('mock LLM: wire formats', () => {
  it('speaks Anthropic on /v1/messages, with every event in order', async () => {
    const body = await replyBody('/v1/messages', { type: 'reply', text: 'Hello there!' });
    const names = [...body.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...tokenize('Hello there!').map(() => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const deltas = dataOf(body) as Array<{ delta?: { text?: string } }>;
    expect(deltas.map((event) => event.delta?.text ?? '').join('')).toBe('Hello there!');
  });

  it('puts a thinking block with a signature first when reasoning is set', async () => {
    const body = await replyBody('/v1/messages', { type: 'reply', text: 'A', reasoning: 'Hmm' });
    const types = (dataOf(body) as Array<{ delta?: { type?: string } }>).map(
      (event) => event.delta?.type,
    );
    expect(types.filter(Boolean)).toEqual(['thinking_delta', 'signature_delta', 'text_delta']);
  });

  it('speaks OpenAI on /v1/chat/completions and /chat/completions, usage only when asked', async () => {
    mock.enqueue({ type: 'reply', text: 'Hi you', usage: { input: 3, output: 2 } });
    const asked = text(
      (
        await post('/v1/chat/completions', {
          model: 'm',
          messages: [],
          stream_options: { include_usage: true },
        })
      ).chunks,
    );
    expect(asked.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(asked).not.toMatch(/^event:/m);
    const chunks = dataOf(asked) as Array<{
      choices: Array<{ finish_reason: string | null }>;
      usage?: unknown;
    }>;
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2 },
    });
    const unasked = await replyBody('/chat/completions', { type: 'reply', text: 'Hi' });
    expect(unasked).not.toContain('"usage"');
    expect(unasked).toContain('data: [DONE]');
  });

  it('answers unknown paths with 404 without using up a scenario', async () => {
    mock.enqueue({ type: 'reply', text: 'Kept for later' });
    expect((await post('/v2/nothing')).status).toBe(404);
    expect(await replyBody('/v1/messages', { type: 'reply', text: 'queued second' })).toContain(
      'Kept',
    );
  });
});

/** The parts of the formats' events the tool-call tests read. */
interface AnthropicEvent {
  type: string;
  index?: number;
  content_block?: unknown;
  delta?: { type?: string; partial_json?: string; stop_reason?: string };
}
interface OpenAiChunk {
  choices: Array<{
    delta: { tool_calls?: Array<{ function: { arguments: string } }> };
    finish_reason: string | null;
  }>;
}
interface GeminiChunk {
  candidates: unknown[];
}

describe('mock LLM: tool calls', () => {
  const calls = [
    { id: 'c1', name: 'weather__get', arguments: ['{"ci', 'ty": "\\u00', 'e9"}'] },
    { name: 'files__list', arguments: '{"dir": "/tmp"}', thoughtSignature: 'sig' },
  ];

  it('Anthropic: a tool_use block per call with input_json_delta fragments, stop_reason tool_use', async () => {
    const body = await replyBody('/v1/messages', { type: 'reply', text: '', toolCalls: calls });
    const events = dataOf(body) as AnthropicEvent[];
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => event.content_block)).toEqual([
      { type: 'tool_use', id: 'c1', name: 'weather__get', input: {} },
      { type: 'tool_use', id: 'toolu_mock_0_1', name: 'files__list', input: {} },
    ]);
    const fragments = (index: number) =>
      events
        .filter((event) => event.index === index && event.delta?.type === 'input_json_delta')
        .map((event) => event.delta?.partial_json);
    expect(fragments(0)).toEqual(['', '{"ci', 'ty": "\\u00', 'e9"}']);
    // A string is cut every 5 code points.
    expect(fragments(1)).toEqual(['', '{"dir', '": "/', 'tmp"}']);
    expect(events.find((event) => event.type === 'message_delta')?.delta?.stop_reason).toBe(
      'tool_use',
    );
  });

  it('OpenAI: the first fragment has id, type and name, later ones only arguments', async () => {
    const body = await replyBody('/v1/chat/completions', {
      type: 'reply',
      text: '',
      toolCalls: calls,
    });
    const deltas = (dataOf(body) as OpenAiChunk[]).map((chunk) => chunk.choices[0]);
    const fragments = deltas.flatMap((choice) => choice?.delta.tool_calls ?? []);
    expect(fragments.slice(0, 2)).toEqual([
      { index: 0, id: 'c1', type: 'function', function: { name: 'weather__get', arguments: '' } },
      { index: 0, function: { arguments: '{"ci' } },
    ]);
    expect(fragments).toHaveLength(4 + 4);
    expect(deltas.at(-1)?.finish_reason).toBe('tool_calls');
  });

  it("OpenAI: a compatible server's variants, interleaved parallel calls", async () => {
    const body = await replyBody('/v1/chat/completions', {
      type: 'reply',
      text: '',
      toolCalls: calls,
      toolCallStyle: { noId: true, noIndex: true, repeatName: true, interleaved: true },
    });
    const fragments = (dataOf(body) as OpenAiChunk[]).flatMap(
      (chunk) => chunk.choices[0]?.delta.tool_calls ?? [],
    );
    expect(fragments.slice(0, 3)).toEqual([
      { type: 'function', function: { name: 'weather__get', arguments: '' } },
      { type: 'function', function: { name: 'files__list', arguments: '' } },
      { function: { name: 'weather__get', arguments: '{"ci' } },
    ]);
    const whole = await replyBody('/v1/chat/completions', {
      type: 'reply',
      text: '',
      toolCalls: calls,
      toolCallStyle: { argumentsWhole: true },
    });
    const wholeFragments = (dataOf(whole) as OpenAiChunk[]).flatMap(
      (chunk) => chunk.choices[0]?.delta.tool_calls ?? [],
    );
    expect(wholeFragments.map((fragment) => fragment.function.arguments)).toEqual([
      '{"city": "\\u00e9"}',
      '{"dir": "/tmp"}',
    ]);
  });

  it('Gemini: every call whole as a functionCall part of one response, with finishReason STOP', async () => {
    const body = await replyBody('/v1beta/models/m:streamGenerateContent?alt=sse', {
      type: 'reply',
      text: 'Looking.',
      toolCalls: calls,
    });
    const last = (dataOf(body) as GeminiChunk[]).at(-1);
    expect(last?.candidates[0]).toMatchObject({
      content: {
        parts: [
          { functionCall: { id: 'c1', name: 'weather__get', args: { city: 'é' } } },
          { functionCall: { name: 'files__list', args: { dir: '/tmp' } }, thoughtSignature: 'sig' },
        ],
      },
      finishReason: 'STOP',
    });
  });
});

describe('mock LLM: framing', () => {
  it('uses the requested line ending everywhere', async () => {
    const crlf = await replyBody('/v1/messages', { type: 'reply', text: 'x', lineEnding: '\r\n' });
    expect(crlf).toContain('\r\n\r\n');
    expect(crlf.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const cr = await replyBody('/v1/messages', { type: 'reply', text: 'x', lineEnding: '\r' });
    expect(cr).not.toContain('\n');
    expect(cr).toContain('\r\r');
  });

  it('can leave out the space after the colon and add keep-alive comments', async () => {
    const body = await replyBody('/v1/chat/completions', {
      type: 'reply',
      text: 'x',
      noSpaceAfterColon: true,
      comments: true,
    });
    expect(body).toMatch(/^data:\{/m);
    expect(body).not.toMatch(/^data: /m);
    expect(body).toMatch(/^: keep-alive$/m);
  });

  it('cuts bytewise and randomly, inside UTF-8 characters, without changing the bytes', async () => {
    const scenario = { type: 'reply', text: '日本語 🎉 '.repeat(5), seed: 7 } as const;
    mock.enqueue(
      { ...scenario, split: 'none' },
      { ...scenario, split: 'bytewise' },
      { ...scenario, split: 'random' },
    );
    const whole = await post('/v1/messages');
    const bytewise = await post('/v1/messages');
    const random = await post('/v1/messages');
    const normalize = (body: string) => body.replace(/msg_mock_\d+/g, 'msg');
    expect(normalize(text(bytewise.chunks))).toBe(normalize(text(whole.chunks)));
    expect(normalize(text(random.chunks))).toBe(normalize(text(whole.chunks)));
    expect(whole.chunks.length).toBeLessThan(5);
    expect(bytewise.chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(random.chunks.length).toBeGreaterThan(50);
    // Some cut ends a chunk in the middle of a multi-byte character.
    const cutInside = random.chunks.some(
      (chunk, index) => index > 0 && ((chunk[0] ?? 0) & 0xc0) === 0x80,
    );
    expect(cutInside).toBe(true);
  });

  it('paces tokens and catches up in batches at high rates', async () => {
    const tokens = 600;
    mock.enqueue({ type: 'reply', text: 'abcd'.repeat(tokens), tokensPerSecond: 3_000 });
    const started = performance.now();
    const { chunks } = await post('/v1/messages');
    const elapsed = performance.now() - started;
    // 600 tokens at 3,000/s cannot take less than ~200 ms …
    expect(elapsed).toBeGreaterThan(180);
    // … and a timer tick (≥ 1 ms) carries several tokens, so there are far fewer writes than tokens.
    expect(chunks.length).toBeLessThan(tokens / 2);
    expect(text(chunks)).toContain('message_stop');
  });
});

describe('mock LLM: endings and recording', () => {
  it('records method, path, headers, parsed body and bytes sent', async () => {
    const { chunks } = await post('/v1/messages', { model: 'claude', messages: [] });
    const recorded = await mock.nextRequest();
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      body: { model: 'claude', messages: [] },
    });
    expect(recorded.headers.host).toBe(mock.url.replace('http://', ''));
    await recorded.closed;
    expect(recorded.bytesSent).toBe(Buffer.concat(chunks).length);
    expect(recorded.closedByClient).toBe(false);
    expect(recorded.closedAt).toBeGreaterThanOrEqual(recorded.receivedAt);
  });

  it('nextRequest hands out requests in order, waiting for ones not yet here', async () => {
    await post('/v1/messages');
    const waiting = mock.nextRequest().then(() => mock.nextRequest());
    await post('/chat/completions');
    expect((await waiting).path).toBe('/chat/completions');
  });

  it('drop destroys the socket after afterChars characters', async () => {
    mock.enqueue({ type: 'reply', text: 'abcdefghijkl', afterChars: 6, after: 'drop' });
    const result = await post('/v1/messages');
    const deltas = dataOf(text(result.chunks)) as Array<{ delta?: { text?: string } }>;
    expect(deltas.map((event) => event.delta?.text ?? '').join('')).toBe('abcdef');
    expect(result.error).toBeDefined();
    const recorded = await mock.nextRequest();
    await recorded.closed;
    expect(recorded.closedByClient).toBe(false);
  });

  it('an errorEvent ending sends the error in the format, then ends the response', async () => {
    const error = { type: 'overloaded_error', message: 'Overloaded' };
    const anthropic = await replyBody('/v1/messages', {
      type: 'reply',
      text: 'ab',
      after: { errorEvent: error },
    });
    expect(anthropic).toMatch(
      /event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"Overloaded"\}\}\n\n$/,
    );
    const openai = await replyBody('/v1/chat/completions', {
      type: 'reply',
      text: 'ab',
      after: { errorEvent: error },
    });
    expect(dataOf(openai).at(-1)).toMatchObject({ error });
  });

  it('stall keeps the socket open; the client leaving is recorded promptly', async () => {
    mock.enqueue({ type: 'reply', text: 'abcdefgh', afterChars: 4, after: 'stall' });
    const controller = new AbortController();
    const response = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    let received = '';
    while (reader && !received.includes('"abcd"')) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the stalled stream ended');
      received += new TextDecoder().decode(value);
    }
    const recorded = await mock.nextRequest();
    expect(recorded.closedAt).toBeNull();
    const abortedAt = performance.now();
    controller.abort();
    await recorded.closed;
    expect(recorded.closedByClient).toBe(true);
    expect((recorded.closedAt ?? Infinity) - abortedAt).toBeLessThan(1_000);
  });

  it('close() ends stalled exchanges at once', async () => {
    mock.enqueue({ type: 'raw', chunks: ['data: {}\n\n'], end: false });
    const result = post('/v1/messages');
    const recorded = await mock.nextRequest();
    await mock.close();
    await recorded.closed;
    expect(recorded.closedByClient).toBe(false);
    expect((await result).error).toBeDefined();
    mock = await startMockLlm();
  });

  it('http-error sends the real error shape by default, or the given body and headers', async () => {
    mock.enqueue(
      { type: 'http-error', status: 529 },
      {
        type: 'http-error',
        status: 502,
        body: '<html>bad</html>',
        headers: { 'retry-after': '3' },
      },
    );
    const overloaded = await post('/v1/messages');
    expect(overloaded.status).toBe(529);
    expect(overloaded.headers['request-id']).toMatch(/^req_/);
    expect(JSON.parse(text(overloaded.chunks))).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
    const proxy = await post('/v1/chat/completions');
    expect(proxy).toMatchObject({
      status: 502,
      headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '3' },
    });
    expect(text(proxy.chunks)).toBe('<html>bad</html>');
  });

  it('raw sends exactly the given chunks as separate writes', async () => {
    mock.enqueue({
      type: 'raw',
      status: 201,
      headers: { 'content-type': 'text/plain' },
      chunks: ['one', new Uint8Array([0xe6, 0x97]), new Uint8Array([0xa5])],
      delayMs: 10,
    });
    const result = await post('/v1/messages');
    expect(result.status).toBe(201);
    expect(result.chunks.map((chunk) => [...chunk])).toEqual([
      [111, 110, 101],
      [0xe6, 0x97],
      [0xa5],
    ]);
  });
});
