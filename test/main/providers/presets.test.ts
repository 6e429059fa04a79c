import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../../main/providers/create-provider';
import { listModels } from '../../../main/providers/models';
import { presets } from '../../../main/providers/presets';
import { ProviderError, type ProviderEvent } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(() => mock.close());

/** The preset's base URL moved onto the mock server, keeping its path (/v1, /openai/v1, …). */
const onMock = (baseUrl: string) => `${mock.url}${new URL(baseUrl).pathname.replace(/\/+$/, '')}`;

async function collect(events: AsyncIterable<ProviderEvent>): Promise<string> {
  let text = '';
  for await (const event of events) if (event.type === 'text') text += event.text;
  return text;
}

describe.each(presets.map((preset) => [preset.label, preset] as const))(
  'preset %s',
  (_label, preset) => {
    const config = () => ({
      kind: preset.kind,
      baseUrl: onMock(preset.baseUrl),
      apiKey: 'sk-preset-test',
      fetch: (url: string, init: RequestInit) => fetch(url, init),
    });
    const model = preset.models[0] ?? 'some-model';

    it('streams a reply in its wire format', async () => {
      mock.enqueue({ type: 'reply', text: `Hello from ${preset.label}.`, tokensPerSecond: 2_000 });
      const provider = createProvider(config());
      const text = await collect(
        provider.stream(
          { model, messages: [{ role: 'user', content: 'Hi' }] },
          new AbortController().signal,
        ),
      );
      expect(text).toBe(`Hello from ${preset.label}.`);
    });

    it('turns a rejected key into an auth error with a sentence', async () => {
      mock.enqueue({ type: 'http-error', status: 401 });
      const provider = createProvider(config());
      const failure = await collect(
        provider.stream(
          { model, messages: [{ role: 'user', content: 'Hi' }] },
          new AbortController().signal,
        ),
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProviderError);
      expect((failure as ProviderError).info).toMatchObject({ kind: 'auth', status: 401 });
      expect((failure as ProviderError).info.message).toMatch(/key/i);
    });

    it('lists the models the server offers', async () => {
      const result = await listModels(config());
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(result.models.map((entry) => entry.id)).toEqual([...mock.modelIds].sort());
    });
  },
);
