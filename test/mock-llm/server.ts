import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type {
  HttpErrorScenario,
  MockLlm,
  RawScenario,
  RecordedRequest,
  ReplyScenario,
  Scenario,
} from './types';
import {
  defaultErrorBody,
  errorEventFrame,
  replyFrames,
  type Frame,
  type ReplyContext,
  type WireFormat,
} from './wire';
import { ResponseWriter } from './writer';
import { modelsBody, modelsFormatOf } from './models';

/** What a scenario player gets: the exchange, its writer, and how to cut the socket. */
interface Exchange {
  response: ServerResponse;
  writer: ResponseWriter;
  format: WireFormat;
  index: number;
  path: string;
  body: unknown;
  /** Destroys the socket from the mock's side (so it does not count as the client leaving). */
  drop(): void;
}

/**
 * Starts a mock LLM server on 127.0.0.1 that speaks Anthropic (`POST /v1/messages`) and OpenAI
 * (`POST …/chat/completions`) over real HTTP, playing scripted scenarios and recording requests.
 */
export async function startMockLlm(options: { port?: number } = {}): Promise<MockLlm> {
  const requests: RecordedRequest[] = [];
  const queue: Scenario[] = [];
  const modelsQueue: Array<HttpErrorScenario | RawScenario> = [];
  const bodyRead = new WeakMap<RecordedRequest, Promise<void>>();
  const arrivalWaiters: Array<{ index: number; resolve: (request: RecordedRequest) => void }> = [];
  const sockets = new Set<Socket>();
  const lives = new Set<AbortController>();
  let handedOut = 0;
  let closing = false;

  const server = createServer({ noDelay: true }, (request, response) => {
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: { ...request.headers },
      body: null,
      receivedAt: performance.now(),
      closedAt: null,
      closedByClient: false,
      closed: Promise.resolve(),
      bytesSent: 0,
    };
    const index = requests.push(record) - 1;
    const life = new AbortController();
    lives.add(life);
    let droppedByMock = false;
    record.closed = new Promise((resolve) => {
      response.on('close', () => {
        record.closedAt = performance.now();
        record.closedByClient = !response.writableFinished && !droppedByMock && !closing;
        lives.delete(life);
        life.abort();
        resolve();
      });
    });
    const read = readBody(request).then((body) => {
      record.body = body;
    });
    bodyRead.set(record, read);
    while (arrivalWaiters[0]?.index === index) arrivalWaiters.shift()?.resolve(record);

    void read
      .then(async () => {
        if (life.signal.aborted) return;
        const listing = modelsFormatOf(record.method, record.path, record.headers);
        if (listing) {
          const scenario = modelsQueue.shift();
          if (!scenario) return sendJson(response, record, 200, modelsBody(listing, mock.modelIds));
          const writer = new ResponseWriter(response, life.signal, 'none', index + 1, (count) => {
            record.bytesSent += count;
          });
          const exchange = { response, writer, format: listing, index, path: record.path };
          return play(scenario, { ...exchange, body: null, drop: () => response.destroy() });
        }
        const format = formatOf(record.method, record.path);
        if (!format) return notFound(response, record);
        const scenario = queue.shift() ?? mock.defaultScenario;
        const reply = scenario.type === 'reply' ? scenario : undefined;
        const writer = new ResponseWriter(
          response,
          life.signal,
          reply?.split ?? 'none',
          reply?.seed ?? index + 1,
          (count) => void (record.bytesSent += count),
        );
        const drop = () => {
          droppedByMock = true;
          response.socket?.destroy();
        };
        const exchange = { response, writer, format, index, path: record.path, drop };
        await play(scenario, { ...exchange, body: record.body });
      })
      .catch(() => {
        // The client left while we were reading its body; `closed` has recorded it.
        response.socket?.destroy();
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const mock: MockLlm = {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...scenarios) => void queue.push(...scenarios),
    defaultScenario: { type: 'reply', text: 'Hello from the mock.' },
    modelIds: ['mock-model', 'mock-model-large'],
    enqueueModels: (...scenarios) => void modelsQueue.push(...scenarios),
    requests,
    async nextRequest() {
      const index = handedOut++;
      const record =
        requests[index] ??
        (await new Promise<RecordedRequest>((resolve) => arrivalWaiters.push({ index, resolve })));
      await bodyRead.get(record);
      return record;
    },
    async close() {
      closing = true;
      for (const life of lives) life.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return mock;
}

function formatOf(method: string, path: string): WireFormat | undefined {
  if (method !== 'POST') return undefined;
  const pathname = new URL(path, 'http://mock').pathname.replace(/\/+$/, '');
  if (pathname === '/v1/messages') return 'anthropic';
  if (/^\/v1beta\/models\/[^/]+:streamGenerateContent$/.test(pathname)) return 'gemini';
  if (pathname.endsWith('/chat/completions')) return 'openai';
  return undefined;
}

async function play(scenario: Scenario, exchange: Exchange): Promise<void> {
  switch (scenario.type) {
    case 'reply':
      return playReply(scenario, exchange);
    case 'http-error':
      return playHttpError(scenario, exchange);
    case 'raw':
      return playRaw(scenario, exchange);
  }
}

async function playReply(scenario: ReplyScenario, exchange: Exchange): Promise<void> {
  const { response, writer, format } = exchange;
  await writer.sleep(scenario.firstByteDelayMs ?? 0);
  if (writer.gone) return;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  response.flushHeaders();
  await pace(replyFrames(scenario, replyContext(exchange)), scenario.tokensPerSecond, writer);
  if (writer.gone) return;
  const after = scenario.after ?? 'finish';
  if (after === 'drop') return exchange.drop();
  // A stall sends nothing more and never ends; the client or close() ends it.
  if (after === 'stall') return;
  if (after !== 'finish') await writer.write(errorEventFrame(format, after.errorEvent, scenario));
  response.end();
}

/** Sends frames with token frames at `tokensPerSecond`, batching every token that is due. */
async function pace(frames: Frame[], tokensPerSecond: number | undefined, writer: ResponseWriter) {
  const start = performance.now();
  let tokens = 0;
  let next = 0;
  while (next < frames.length && !writer.gone) {
    const due = tokensPerSecond
      ? Math.floor(((performance.now() - start) * tokensPerSecond) / 1000) + 1
      : Infinity;
    let batch = '';
    for (let frame = frames[next]; frame && (!frame.token || tokens < due); frame = frames[next]) {
      if (frame.token) tokens += 1;
      batch += frame.text;
      next += 1;
    }
    if (batch) await writer.write(batch);
    if (next < frames.length && tokensPerSecond) {
      await writer.sleep(start + (tokens * 1000) / tokensPerSecond - performance.now());
    }
  }
}

async function playHttpError(scenario: HttpErrorScenario, exchange: Exchange): Promise<void> {
  const { response, writer, format, index } = exchange;
  const body = scenario.body ?? defaultErrorBody(format, scenario.status, index);
  const isText = typeof body === 'string';
  const contentType = !isText
    ? 'application/json'
    : body.trimStart().startsWith('<')
      ? 'text/html; charset=utf-8'
      : 'text/plain; charset=utf-8';
  response.writeHead(scenario.status, {
    'content-type': contentType,
    ...(format === 'anthropic' ? { 'request-id': `req_mock_${index}` } : {}),
    ...scenario.headers,
  });
  await writer.write(isText ? body : JSON.stringify(body));
  response.end();
}

async function playRaw(scenario: RawScenario, exchange: Exchange): Promise<void> {
  const { response, writer } = exchange;
  response.writeHead(
    scenario.status ?? 200,
    scenario.headers ?? { 'content-type': 'text/event-stream' },
  );
  response.flushHeaders();
  for (const [position, chunk] of scenario.chunks.entries()) {
    if (position > 0) await writer.sleep(scenario.delayMs ?? 0);
    if (writer.gone) return;
    await writer.write(chunk);
  }
  if (scenario.end !== false && !writer.gone) response.end();
}

function replyContext(exchange: Exchange): ReplyContext {
  const body = isObject(exchange.body) ? exchange.body : {};
  const messages = Array.isArray(body.messages) ? body.messages : [];
  let promptChars = typeof body.system === 'string' ? body.system.length : 0;
  for (const message of messages) {
    if (isObject(message) && typeof message.content === 'string')
      promptChars += message.content.length;
  }
  // Gemini names the model in the path and the text in contents[].parts[].text.
  const geminiModel = /\/models\/([^/:]+):/.exec(exchange.path)?.[1];
  if (exchange.format === 'gemini') promptChars = JSON.stringify(body.contents ?? '').length;
  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  return {
    format: exchange.format,
    model: typeof body.model === 'string' ? body.model : (geminiModel ?? 'mock-model'),
    promptChars,
    requestIndex: exchange.index,
    includeUsage: streamOptions.include_usage === true,
  };
}

function notFound(response: ServerResponse, record: RecordedRequest): void {
  const message = `The mock has no route for ${record.method} ${record.path}`;
  sendJson(response, record, 404, { error: { type: 'not_found_error', message } });
}

function sendJson(response: ServerResponse, record: RecordedRequest, status: number, body: object) {
  const text = JSON.stringify(body);
  record.bytesSent += Buffer.byteLength(text);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
