import { describe, expect, it } from 'vitest';
import { listModels } from '../../../main/providers/models';
import {
  ListedCapabilities,
  ModelCapabilityRegistry,
  isOpenAiItself,
  listedCapabilities,
  tableCapabilities,
  type ModelTarget,
} from '../../../main/attachments/capabilities';
import { SettingsFile } from '../../../main/storage/settings-file';
import { defaultSettings } from '../../../main/storage/settings-schema';
import { MemoryStore } from '../storage/memory-store';

const openAi = (model: string): ModelTarget => ({
  kind: 'openai-compatible',
  baseUrl: 'https://api.openai.com/v1',
  model,
});
const local = (model: string): ModelTarget => ({
  kind: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:11434/v1',
  model,
});

describe('the built-in capability table', () => {
  it('knows Claude 3+, OpenAI vision models, Gemini and common local vision models', () => {
    expect(
      tableCapabilities({ kind: 'anthropic', baseUrl: 'x', model: 'claude-sonnet-4-5' }),
    ).toEqual({ images: true, pdfs: true });
    expect(tableCapabilities({ kind: 'anthropic', baseUrl: 'x', model: 'claude-2.1' })).toEqual({
      images: false,
      pdfs: false,
    });
    expect(tableCapabilities(openAi('gpt-4o-mini'))).toEqual({ images: true, pdfs: true });
    expect(tableCapabilities(openAi('o3-mini'))).toEqual({ images: false, pdfs: false });
    expect(tableCapabilities(openAi('gpt-5'))).toEqual({ images: true, pdfs: true });
    expect(tableCapabilities({ kind: 'gemini', baseUrl: 'x', model: 'gemini-2.5-flash' })).toEqual({
      images: true,
      pdfs: true,
    });
    for (const model of [
      'llava:13b',
      'llama3.2-vision',
      'qwen2.5-vl-7b-instruct',
      'gemma3:27b',
      'minicpm-v',
    ]) {
      expect(tableCapabilities(local(model)), model).toEqual({ images: true, pdfs: false });
    }
    expect(tableCapabilities(local('gemma3:1b'))).toBeUndefined();
    expect(tableCapabilities(local('llama3.1:8b'))).toBeUndefined();
  });

  it('gives OpenAI models PDFs only on api.openai.com', () => {
    expect(isOpenAiItself('https://api.openai.com/v1')).toBe(true);
    expect(isOpenAiItself('https://openrouter.ai/api/v1')).toBe(false);
    expect(
      tableCapabilities({ ...openAi('openai/gpt-4o'), baseUrl: 'https://openrouter.ai/api/v1' }),
    ).toEqual({ images: true, pdfs: false });
  });
});

describe('what a model list says', () => {
  it("reads OpenRouter's input modalities, Ollama's capabilities and LM Studio's type", () => {
    const router: ModelTarget = {
      kind: 'openai-compatible',
      baseUrl: 'https://openrouter.ai/api/v1',
      model: 'x/y',
    };
    expect(
      listedCapabilities(router, { architecture: { input_modalities: ['text', 'image', 'file'] } }),
    ).toEqual({ images: true });
    expect(
      listedCapabilities(openAi('gpt-4o'), {
        architecture: { input_modalities: ['text', 'file'] },
      }),
    ).toEqual({ images: false, pdfs: true });
    expect(listedCapabilities(local('m'), { capabilities: ['completion', 'vision'] })).toEqual({
      images: true,
    });
    expect(listedCapabilities(local('m'), { type: 'vlm' })).toEqual({ images: true });
    expect(listedCapabilities(local('m'), { id: 'm' })).toEqual({});
  });
});

describe('capability precedence', () => {
  function registry(listed?: { images?: boolean; pdfs?: boolean }) {
    const file = new SettingsFile(new MemoryStore());
    return { file, registry: new ModelCapabilityRegistry(file, () => listed) };
  }

  it('an unknown model on a compatible server takes nothing, by default', () => {
    expect(registry().registry.get(local('my-finetune'))).toEqual({
      images: false,
      pdfs: false,
      source: 'default',
    });
    expect(
      registry().registry.get({ kind: 'anthropic', baseUrl: 'x', model: 'future-model' }),
    ).toEqual({ images: true, pdfs: true, source: 'default' });
  });

  it('the table beats the default, the model list beats the table, the user beats both', () => {
    expect(registry().registry.get(local('llava'))).toEqual({
      images: true,
      pdfs: false,
      source: 'table',
    });
    expect(registry({ images: false }).registry.get(local('llava'))).toEqual({
      images: false,
      pdfs: false,
      source: 'provider',
    });
    const { registry: withUser, file } = registry({ images: false });
    expect(withUser.set(local('llava'), true, null)).toEqual({
      images: true,
      pdfs: false,
      source: 'user',
    });
    expect(file.read().models.capabilities).toEqual([
      {
        kind: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llava',
        images: true,
      },
    ]);
    // The same server written with a trailing slash shares the override.
    expect(withUser.get({ ...local('llava'), baseUrl: 'http://127.0.0.1:11434/v1/' }).images).toBe(
      true,
    );
    // Another server with a model of the same name does not.
    expect(withUser.get({ ...local('llava'), baseUrl: 'http://10.0.0.2:1234/v1' }).source).toBe(
      'provider',
    );
  });

  it('setting both fields to null forgets the override', () => {
    const { registry: r, file } = registry();
    r.set(local('my-finetune'), true, true);
    expect(r.get(local('my-finetune'))).toEqual({ images: true, pdfs: true, source: 'user' });
    expect(r.set(local('my-finetune'), null, null)).toEqual({
      images: false,
      pdfs: false,
      source: 'default',
    });
    expect(file.read().models.capabilities).toEqual([]);
  });

  it('a settings file from before the models section loads with no overrides', () => {
    const store = new MemoryStore();
    const { models: _models, ...old } = defaultSettings();
    for (const [key, value] of Object.entries(old)) store.set(key, value);
    expect(new SettingsFile(store).read().models).toEqual({ capabilities: [] });
  });
});

describe('capabilities from a model list already fetched', () => {
  it("keeps what OpenRouter's listing says and the registry uses it", async () => {
    const server = { kind: 'openai-compatible' as const, baseUrl: 'https://openrouter.ai/api/v1' };
    const body = {
      data: [
        { id: 'acme/seer-1', architecture: { input_modalities: ['text', 'image'] } },
        { id: 'acme/scribe-1', architecture: { input_modalities: ['text'] } },
        { id: 'acme/plain' },
      ],
    };
    const fetchList = () =>
      Promise.resolve(
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
      );
    const listed = new ListedCapabilities();
    const result = await listModels(
      { ...server, apiKey: null, fetch: fetchList },
      undefined,
      listed.observer(server),
    );
    expect(result.ok).toBe(true);
    const registry = new ModelCapabilityRegistry(
      new SettingsFile(new MemoryStore()),
      listed.lookup,
    );
    expect(registry.get({ ...server, model: 'acme/seer-1' })).toEqual({
      images: true,
      pdfs: false,
      source: 'provider',
    });
    expect(registry.get({ ...server, model: 'acme/scribe-1' }).source).toBe('provider');
    expect(registry.get({ ...server, model: 'acme/plain' }).source).toBe('default');
  });
});
