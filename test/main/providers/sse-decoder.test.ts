import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSse, type SseEvent } from '../../../main/providers/sse-decoder';
import { startMockLlm, type MockLlm, type RawScenario } from '../../mock-llm';
import { chatError, within } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

/** Fetches a raw scenario and decodes its body; the controller is the one fetch got. */
async function open(
  scenario: Omit<RawScenario, 'type'>,
  signal = new AbortController().signal,
  idleTimeoutMs = 200,
) {
  mock.enqueue({ type: 'raw', ...scenario });
  const controller = new AbortController();
  const response = await fetch(`${mock.url}/v1/messages`, {
    method: 'POST',
    body: '{}',
    signal: controller.signal,
  });
  if (!response.body) throw new Error('no body');
  return { controller, events: decodeSse(response.body, { signal, controller, idleTimeoutMs }) };
}

async function drain(events: AsyncIterable<SseEvent>) {
  const seen: SseEvent[] = [];
  let error: unknown;
  try {
    for await (const event of events) seen.push(event);
  } catch (caught) {
    error = caught;
  }
  return { seen, error };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeSse framing', () => {
  it('yields event names and joins multi-line data', async () => {
    const { events } = await open({
      chunks: ['event: greeting\ndata: one\ndata: two\n\n', 'data: plain\n\n'],
    });
    const { seen, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(seen).toEqual([
      { event: 'greeting', data: 'one\ntwo' },
      { event: undefined, data: 'plain' },
    ]);
  });

  it('accepts CRLF, lone CR, no space after the colon, comments and a BOM', async () => {
    const { events } = await open({
      chunks: ['\uFEFF: hello\r\ndata:a\r\n\r\n', 'data: b\r\rdata: c\n\n'],
    });
    const { seen } = await drain(events);
    expect(seen.map((event) => event.data)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a CRLF split between chunks as one line break', async () => {
    const { events } = await open({ chunks: ['data: a\r', '\ndata: b\r', '\n\r', '\n'] });
    const { seen } = await drain(events);
    expect(seen).toEqual([{ event: undefined, data: 'a\nb' }]);
  });

  it('decodes UTF-8 characters cut across chunks', async () => {
    const all = bytes('data: 日本語 🎉\n\n');
    // Cut after one byte of 日 and after two bytes of 🎉.
    const cutA = bytes('data: ').length + 1;
    const cutB = bytes('data: 日本語 ').length + 2;
    const { events } = await open({
      chunks: [all.slice(0, cutA), all.slice(cutA, cutB), all.slice(cutB)],
    });
    const { seen } = await drain(events);
    expect(seen).toEqual([{ event: undefined, data: '日本語 🎉' }]);
  });

  it('does not send an event whose blank line never came', async () => {
    const { events } = await open({ chunks: ['data: whole\n\n', 'data: unfinished\n'] });
    const { seen, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(seen.map((event) => event.data)).toEqual(['whole']);
  });
});

describe("decodeSse and llama.cpp's error line", () => {
  it('throws a typed error after the events before it, even cut into single bytes', async () => {
    const line = 'error: {"code":500,"message":"slot unavailable","type":"server_error"}\n\n';
    const { events } = await open({
      chunks: ['data: before\n\n', ...Array.from(line), 'data: [DONE]\n\n'],
    });
    const { seen, error } = await drain(events);
    expect(seen.map((event) => event.data)).toEqual(['before']);
    expect(chatError(error)).toMatchObject({ kind: 'server', detail: 'slot unavailable' });
  });

  it('surfaces it at the very end of the body without a line break', async () => {
    const { events } = await open({ chunks: ['error: {"message":"boom"}'] });
    const { error } = await drain(events);
    expect(chatError(error)).toMatchObject({ kind: 'server', detail: 'boom' });
  });

  it('ignores other unknown fields, as the SSE spec says', async () => {
    const { events } = await open({ chunks: ['weird: field\nretry: soon\ndata: fine\n\n'] });
    const { seen, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(seen.map((event) => event.data)).toEqual(['fine']);
  });
});

describe('decodeSse lifetime', () => {
  it('times out when no byte arrives, aborting the fetch', async () => {
    const { events, controller } = await open({ chunks: ['data: first\n\n'], end: false });
    const { seen, error } = await drain(events);
    expect(seen.map((event) => event.data)).toEqual(['first']);
    expect(chatError(error)).toMatchObject({ kind: 'timeout' });
    expect(chatError(error).message).toMatch(/0\.2 s/);
    expect(controller.signal.aborted).toBe(true);
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 1_000, 'closing the connection');
    expect(recorded.closedByClient).toBe(true);
  });

  it('each arriving chunk restarts the idle timer, so a slow but live stream is fine', async () => {
    // 6 chunks 100 ms apart: 500 ms in total, longer than the 400 ms timeout, never that silent.
    const { events } = await open(
      { chunks: ['data: a', 'bc\n', '\n', 'data: d', 'ef\n', '\n'], delayMs: 100 },
      undefined,
      400,
    );
    const { seen, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(seen.map((event) => event.data)).toEqual(['abc', 'def']);
  });

  it("throws the signal's reason and closes the connection when aborted", async () => {
    const caller = new AbortController();
    const { events, controller } = await open(
      { chunks: ['data: first\n\n', 'data: second\n\n'], delayMs: 5_000 },
      caller.signal,
      // Far beyond the test: only the abort itself can end the pending read.
      30_000,
    );
    const iterator = events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ event: undefined, data: 'first' });
    const pending = iterator.next();
    const reason = new Error('user pressed Stop');
    caller.abort(reason);
    await expect(within(pending, 1_000, 'rejecting after abort')).rejects.toBe(reason);
    expect(controller.signal.aborted).toBe(true);
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 1_000, 'closing the connection');
    expect(recorded.closedByClient).toBe(true);
  });

  it('hands out no buffered event after an abort', async () => {
    const caller = new AbortController();
    const { events } = await open({ chunks: ['data: 1\n\ndata: 2\n\ndata: 3\n\n'] }, caller.signal);
    const iterator = events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ data: '1' });
    caller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a connection dropped mid-body is a connection error', async () => {
    mock.enqueue({ type: 'reply', text: 'Some text to cut', afterChars: 4, after: 'drop' });
    const response = await fetch(`${mock.url}/v1/messages`, { method: 'POST', body: '{}' });
    if (!response.body) throw new Error('no body');
    const { seen, error } = await drain(
      decodeSse(response.body, { signal: new AbortController().signal }),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(chatError(error)).toMatchObject({
      kind: 'connection',
      message: 'The connection closed before the reply finished.',
    });
  });

  it('a consumer that stops early still gets the connection closed, after a short linger', async () => {
    const { events } = await open({ chunks: ['data: only\n\n'], end: false });
    for await (const event of events) {
      expect(event.data).toBe('only');
      break;
    }
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 2_000, 'closing the abandoned connection');
    expect(recorded.closedByClient).toBe(true);
  });
});
