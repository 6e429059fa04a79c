// How each wire format writes a user message's prepared files: the exact request bodies the
// mock LLM server records, and that no API key ends up inside the content.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../main/providers/create-provider';
import type {
  ProviderAttachment,
  ProviderConfig,
  ProviderMessage,
} from '../../../main/providers/types';
import type { ProviderKind } from '../../../preload/api';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { collect, request } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

const apiKey = 'sk-secret-key-1234';

function provider(kind: ProviderKind) {
  const config: ProviderConfig = { kind, baseUrl: mock.url, apiKey, fetch };
  return createProvider(config);
}

const image: ProviderAttachment = {
  kind: 'image',
  name: 'cat.png',
  mimeType: 'image/png',
  data: 'iVBORw0KGgo=',
};
const pdf: ProviderAttachment = { kind: 'pdf', name: 'report.pdf', data: 'JVBERi0xLjc=' };
const text: ProviderAttachment = {
  kind: 'text',
  name: 'notes.md',
  text: 'notes.md\n```\n# Notes\n```',
};

const messages: ProviderMessage[] = [
  { role: 'user', content: 'What is in these?', attachments: [image, pdf, text] },
  { role: 'assistant', content: 'A cat, a report and notes.' },
  { role: 'user', content: '', attachments: [image] },
];

async function sentBody(kind: ProviderKind): Promise<Record<string, unknown>> {
  mock.enqueue({ type: 'reply', text: 'Fine.' });
  const result = await collect(provider(kind), request({ model: 'm', messages }));
  expect(result.error).toBeUndefined();
  const recorded = await mock.nextRequest();
  // The key travels in a header only, never in what the model reads.
  expect(JSON.stringify(recorded.body)).not.toContain(apiKey);
  return recorded.body as Record<string, unknown>;
}

describe('attachments on the wire', () => {
  it('Anthropic: image and document blocks with base64 sources, a text block, files before the text', async () => {
    const body = await sentBody('anthropic');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
          },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjc=' },
          },
          { type: 'text', text: 'notes.md\n```\n# Notes\n```' },
          { type: 'text', text: 'What is in these?' },
        ],
      },
      { role: 'assistant', content: 'A cat, a report and notes.' },
      {
        // A blank text is left out: the API refuses empty text blocks.
        role: 'user',
        content: [
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
          },
        ],
      },
    ]);
  });

  it('OpenAI-compatible: image_url data URLs, a file part with its name, text parts', async () => {
    const body = await sentBody('openai-compatible');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          {
            type: 'file',
            file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjc=' },
          },
          { type: 'text', text: 'notes.md\n```\n# Notes\n```' },
          { type: 'text', text: 'What is in these?' },
        ],
      },
      { role: 'assistant', content: 'A cat, a report and notes.' },
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }],
      },
    ]);
  });

  it('Gemini: inlineData parts for the image and the PDF, text parts for the rest', async () => {
    const body = await sentBody('gemini');
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjc=' } },
          { text: 'notes.md\n```\n# Notes\n```' },
          { text: 'What is in these?' },
        ],
      },
      { role: 'model', parts: [{ text: 'A cat, a report and notes.' }] },
      { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
    ]);
  });

  it('a message without files keeps the plain string form', async () => {
    mock.enqueue({ type: 'reply', text: 'Fine.' });
    await collect(provider('openai-compatible'), request({ model: 'm' }));
    const recorded = await mock.nextRequest();
    expect((recorded.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Hello?' },
    ]);
  });
});
