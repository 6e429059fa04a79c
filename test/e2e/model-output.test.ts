/**
 * What a model's stream really looks like, through the whole app: an OpenAI-format server (the
 * mock, replaying exact bytes) into the real main services and the production renderer. Each
 * test checks what the user sees on the reply and what Parley saved and sends back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSnapshot, Reply } from '../../preload/api';
import { launchApp, type LaunchedApp } from '../harness';
import { startMockLlm, type MockLlm } from '../mock-llm';

let mock: MockLlm;
let app: LaunchedApp;

beforeAll(async () => {
  mock = await startMockLlm();
  app = await launchApp({
    env: { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: `${mock.url}/v1` },
  });
});

afterAll(async () => {
  await app?.close();
  await mock?.close();
});

const lastReply = () => app.page.locator('article.reply').last();

/** One OpenAI chat-completions chunk as the exact SSE bytes a server sends. */
function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const data = { id: 'chatcmpl-1', choices: [{ index: 0, delta, finish_reason: finish }] };
  return `data: ${JSON.stringify(data)}\n\n`;
}

async function send(text: string) {
  const composer = app.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** Starts a new conversation, sends `text`, waits for the reply to end; returns its id. */
async function ask(text: string): Promise<string> {
  await app.page.getByRole('button', { name: 'New conversation' }).click();
  await expect.poll(() => app.page.locator('article.reply').count()).toBe(0);
  const logStart = app.ipcLog.length;
  await send(text);
  await expect.poll(() => app.services.chat.activeCount, { timeout: 30_000 }).toBe(0);
  await expect.poll(() => lastReply().getAttribute('aria-busy')).toBe('false');
  const result = app.ipcLog
    .slice(logStart)
    .find((entry) => entry.direction === 'result' && entry.channel === 'chat:send');
  return (result?.payload as { value: { conversationId: string } }).value.conversationId;
}

function savedReply(conversationId: string): Reply {
  const snapshot: ConversationSnapshot | null = app.services.chat.snapshot({ conversationId });
  const turn = snapshot?.turns.at(-1);
  const reply = turn?.replies[turn.activeReply];
  if (!reply) throw new Error('no saved reply');
  return reply;
}

describe('reasoning written inline as <think> tags', () => {
  it('shows the reasoning as reasoning and only the answer as text, saved and sent back that way', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: '<think>\nAdd 2 and 2.\n</think>\n\nThe answer is 4.' }),
        chunk({}, 'stop'),
        'data: [DONE]\n\n',
      ],
    });
    const conversationId = await ask('What is 2 + 2?');
    await expect
      .poll(() => lastReply().getByTestId('reply-text').textContent())
      .toBe('The answer is 4.');
    await lastReply().locator('.reply-reasoning summary').click();
    await expect
      .poll(() => lastReply().locator('.reply-reasoning-text').textContent())
      .toBe('Add 2 and 2.');
    expect(await lastReply().textContent()).not.toContain('<think>');
    const saved = savedReply(conversationId);
    expect({ text: saved.text, reasoning: saved.reasoning }).toEqual({
      text: 'The answer is 4.',
      reasoning: 'Add 2 and 2.',
    });

    // The next request carries the answer alone as the assistant's turn.
    mock.enqueue({ type: 'reply', text: 'Yes.' });
    await send('Sure?');
    await expect.poll(() => app.services.chat.activeCount, { timeout: 30_000 }).toBe(0);
    const body = mock.requests.at(-1)?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(body.messages.find((message) => message.role === 'assistant')?.content).toBe(
      'The answer is 4.',
    );
  });

  it('splits tags cut across deltas at any byte, and a first render never shows a partial tag', async () => {
    const whole = 'Let me check. <thinking>2 + 2 is 4.</thinking>\n\nIt is **4**.';
    const chunks = [chunk({ role: 'assistant', content: '' })];
    for (const piece of whole.match(/[\s\S]{1,3}/g) ?? []) chunks.push(chunk({ content: piece }));
    chunks.push(chunk({}, 'stop'), 'data: [DONE]\n\n');
    mock.enqueue({ type: 'raw', chunks, delayMs: 5 });
    const logStart = app.ipcLog.length;
    const conversationId = await ask('Tags split across deltas');
    const deltas = app.ipcLog
      .slice(logStart)
      .filter((entry) => entry.direction === 'event' && entry.channel === 'chat:event')
      .map((entry) => entry.payload as { type: string; text?: string });
    for (const delta of deltas) expect(delta.text ?? '').not.toMatch(/<|>/);
    const saved = savedReply(conversationId);
    expect({ text: saved.text, reasoning: saved.reasoning }).toEqual({
      text: 'Let me check. It is **4**.',
      reasoning: '2 + 2 is 4.',
    });
    await expect
      .poll(() => lastReply().getByTestId('reply-text').textContent())
      .toBe('Let me check. It is 4.');
  });

  it('keeps a reply that ends inside the reasoning as reasoning, and leaves tags in code alone', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk({ content: '<think>Still weighing it' }),
        chunk({}, 'length'),
        'data: [DONE]\n\n',
      ],
    });
    const cut = await ask('Reasoning that never closes');
    expect(savedReply(cut)).toMatchObject({ text: '', reasoning: 'Still weighing it' });

    const code = 'Like this:\n\n```xml\n<think>plan</think>\n```\n';
    mock.enqueue({
      type: 'raw',
      chunks: [chunk({ content: code }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
    });
    const fenced = await ask('Tags in a code block');
    expect(savedReply(fenced)).toMatchObject({ text: code, reasoning: '' });
    await expect
      .poll(() => lastReply().locator('pre').textContent())
      .toContain('<think>plan</think>');
  });
});

describe('stop reasons Parley does not know, or that name a failure', () => {
  it('names an unknown stop reason on the reply and keeps it', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk({ role: 'assistant', content: 'Here is part of it.' }),
        chunk({}, 'some_new_reason'),
        'data: [DONE]\n\n',
      ],
    });
    const conversationId = await ask('Unknown stop reason');
    await lastReply()
      .getByText('The reply ended for a reason Parley does not know: "some_new_reason"')
      .waitFor();
    expect(savedReply(conversationId)).toMatchObject({
      status: 'done',
      stopReason: 'other',
      providerStopReason: 'some_new_reason',
      text: 'Here is part of it.',
    });
  });

  it('an "error" stop value is shown as an error, the text kept', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [chunk({ content: 'Half an' }), chunk({}, 'error'), 'data: [DONE]\n\n'],
    });
    const conversationId = await ask('Error stop reason');
    await lastReply()
      .getByRole('alert')
      .getByText(/ended the reply with an error \(its reason: "error"\)/)
      .waitFor();
    expect(await lastReply().getByTestId('reply-text').textContent()).toBe('Half an');
    expect(savedReply(conversationId)).toMatchObject({
      status: 'error',
      text: 'Half an',
      error: { code: 'error' },
    });
  });

  it('an empty reply with no stop reason at all is an error, not an empty success', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [chunk({ role: 'assistant', content: '' }), 'data: [DONE]\n\n'],
    });
    const conversationId = await ask('Empty reply');
    await lastReply()
      .getByRole('alert')
      .getByText(/ended the reply without any text and without saying why/)
      .waitFor();
    expect(savedReply(conversationId).status).toBe('error');
  });
});

describe('errors keep their codes and say the right thing', () => {
  it('a 400 from the content filter says so, with the provider code', async () => {
    mock.enqueue({
      type: 'http-error',
      status: 400,
      body: {
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
          type: null,
          param: 'prompt',
          code: 'content_filter',
        },
      },
    });
    const conversationId = await ask('Filtered request');
    const alert = lastReply().getByRole('alert');
    await alert
      .getByText("The provider's content filter blocked this request.", { exact: false })
      .waitFor();
    expect(await alert.textContent()).not.toMatch(/invalid/);
    expect(await alert.textContent()).toContain('Provider code: content_filter (HTTP 400)');
    expect(savedReply(conversationId).error).toMatchObject({ code: 'content_filter', status: 400 });
  });

  it('an error event before any text is not called an error in the middle of the reply', async () => {
    const failing = {
      type: 'raw' as const,
      chunks: [
        chunk({ role: 'assistant', content: '' }),
        `data: ${JSON.stringify({ error: { message: 'Worker crashed', type: 'server_error' } })}\n\n`,
      ],
    };
    // Failures before the first token are retried twice; all three fail the same way.
    mock.enqueue(failing, failing, failing);
    const conversationId = await ask('Error before text');
    const alert = lastReply().getByRole('alert');
    await alert.getByText('Worker crashed').waitFor();
    expect(await alert.textContent()).not.toMatch(/middle of the reply/);
    expect(savedReply(conversationId).error).toMatchObject({
      kind: 'server',
      code: 'server_error',
    });
  });
});

describe('where a request went', () => {
  it('a 404 on a chat names the full URL it called', async () => {
    mock.enqueue({ type: 'http-error', status: 404, body: '404 page not found' });
    await ask('Wrong address');
    await lastReply()
      .getByRole('alert')
      .getByText(`The request went to ${mock.url}/v1/chat/completions.`, { exact: false })
      .waitFor();
  });

  it('Settings shows where requests go, and Test connection names the URL it called', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const baseUrl = page.getByLabel('Base URL');
    await baseUrl.fill(mock.url);
    await page.getByText(`Requests go to ${mock.url}/chat/completions`).waitFor();
    mock.enqueue({ type: 'http-error', status: 404, body: '404 page not found' });
    mock.enqueueModels({ type: 'http-error', status: 404, body: '404 page not found' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page
      .getByText(`The request went to ${mock.url}/chat/completions.`, { exact: false })
      .waitFor();
    expect(await page.getByRole('dialog').textContent()).not.toContain('sk-test-key');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('usage that is not final is not shown as final (Anthropic format)', () => {
  let anthropic: LaunchedApp;

  beforeAll(async () => {
    anthropic = await launchApp({
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: mock.url },
    });
  });

  afterAll(async () => {
    await anthropic?.close();
  });

  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const textDelta = (text: string) =>
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });

  /** Streams `start` usage and some text, leaves the stream open, presses Stop; the footer text. */
  async function stopAfter(startUsage: Record<string, number>): Promise<string> {
    const { page } = anthropic;
    mock.enqueue({
      type: 'raw',
      end: false,
      chunks: [
        event('message_start', { message: { id: 'msg_1', usage: startUsage } }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        textDelta('The first half of an answer'),
      ],
    });
    await page.getByRole('button', { name: 'New conversation' }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Start, then stop');
    await composer.press('Enter');
    const reply = page.locator('article.reply').last();
    await reply.getByText('The first half of an answer').waitFor();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => anthropic.services.chat.activeCount).toBe(0);
    await reply.getByText('Stopped').waitFor();
    return (await reply.locator('footer').textContent()) ?? '';
  }

  it('a stopped reply shows no provisional count, never the placeholder output count', async () => {
    const footer = await stopAfter({ input_tokens: 25, output_tokens: 1 });
    expect(footer).toContain('Stopped');
    expect(footer).not.toMatch(/\d tokens?\b/);
  });

  it("a proxy's zero counts leave no token count at all on a stopped reply", async () => {
    const footer = await stopAfter({ input_tokens: 0, output_tokens: 0 });
    expect(footer).not.toMatch(/\d tokens?\b/);
  });
});

describe('optional request fields a server refuses', () => {
  it('a 400 naming stream_options is retried once without it, and later requests leave it out', async () => {
    const before = mock.requests.length;
    mock.enqueue(
      {
        type: 'http-error',
        status: 400,
        body: {
          error: {
            message: 'Unrecognized request argument supplied: stream_options',
            type: 'invalid_request_error',
          },
        },
      },
      { type: 'reply', text: 'Answered without stream_options.' },
    );
    const conversationId = await ask('A gateway that refuses stream_options');
    expect(savedReply(conversationId)).toMatchObject({
      status: 'done',
      text: 'Answered without stream_options.',
    });
    expect(await lastReply().getByRole('alert').count()).toBe(0);
    mock.enqueue({ type: 'reply', text: 'Second answer.' });
    await ask('And again');
    const bodies = mock.requests
      .slice(before)
      .map((recorded) => recorded.body as Record<string, unknown>);
    expect(bodies.map((body) => 'stream_options' in body)).toEqual([true, false, false]);
  });
});
