import { describe, expect, it, vi } from 'vitest';
import { presetById, presets } from '../../../main/providers/presets';
import {
  missingConfiguration,
  providerConfigFor,
  providerFor,
} from '../../../main/providers/provider-for';
import type {
  FetchLike,
  Provider,
  ProviderConfig,
  ProviderEvent,
} from '../../../main/providers/types';
import { defaultModels, formatHeaders, kindNeedsKey } from '../../../main/providers/wire-formats';

const plainFetch: FetchLike = () => Promise.reject(new Error('unused'));

describe('providerConfigFor', () => {
  it("carries the profile's kind, URL, key, headers and the deps' idle timeout", () => {
    const config = providerConfigFor(
      {
        kind: 'gemini',
        baseUrl: 'https://gw.example',
        apiKey: 'k-1',
        headers: { 'x-gateway': 'yes' },
      },
      { fetch: plainFetch, idleTimeoutMs: 5_000 },
    );
    expect(config).toEqual({
      kind: 'gemini',
      baseUrl: 'https://gw.example',
      apiKey: 'k-1',
      headers: { 'x-gateway': 'yes' },
      fetch: plainFetch,
      idleTimeoutMs: 5_000,
      refusedFields: new Set(),
    });
  });

  it('shares the optional fields a server refused between every config for that server', () => {
    const registry = new Map<string, Set<string>>();
    const route = { kind: 'openai-compatible' as const, baseUrl: 'http://gw/v1', apiKey: null };
    const first = providerConfigFor(route, { fetch: plainFetch, refusedFields: registry });
    first.refusedFields?.add('stream_options');
    const again = providerConfigFor(
      { ...route, baseUrl: 'http://gw/v1/' },
      { fetch: plainFetch, refusedFields: registry },
    );
    expect([...(again.refusedFields ?? [])]).toEqual(['stream_options']);
    const other = providerConfigFor(
      { ...route, baseUrl: 'http://other/v1' },
      { fetch: plainFetch, refusedFields: registry },
    );
    expect(other.refusedFields?.size).toBe(0);
  });

  it("fetches through the profile's proxy when the platform can, else plainly", () => {
    const proxied: FetchLike = () => Promise.reject(new Error('unused'));
    const fetchVia = vi.fn(() => proxied);
    const route = { kind: 'anthropic' as const, baseUrl: 'https://a', apiKey: null };
    const withProxy = { ...route, proxyUrl: 'http://proxy:3128' };
    expect(providerConfigFor(withProxy, { fetch: plainFetch, fetchVia }).fetch).toBe(proxied);
    expect(fetchVia).toHaveBeenCalledWith('http://proxy:3128');
    expect(providerConfigFor(route, { fetch: plainFetch, fetchVia }).fetch).toBe(plainFetch);
    expect(providerConfigFor(withProxy, { fetch: plainFetch }).fetch).toBe(plainFetch);
  });
});

describe('providerFor', () => {
  it('hands the built config to the injected adapter factory', () => {
    const seen: ProviderConfig[] = [];
    const adapter = { stream: () => (async function* () {})() };
    providerFor(
      { kind: 'openai-compatible', baseUrl: 'http://x/v1', apiKey: null, headers: { a: 'b' } },
      { fetch: plainFetch, createProvider: (config) => (seen.push(config), adapter) },
    );
    expect(seen[0]).toMatchObject({ kind: 'openai-compatible', headers: { a: 'b' } });
  });

  it('turns inline <think> text into reasoning for every caller (chat, titles)', async () => {
    const adapter: Provider = {
      async *stream() {
        yield { type: 'text', text: '<think>Short title.</th' };
        yield { type: 'text', text: 'ink>Adding numbers' };
        yield { type: 'stop', reason: 'end' };
      },
    };
    const provider = providerFor(
      { kind: 'openai-compatible', baseUrl: 'http://x/v1', apiKey: null },
      { fetch: plainFetch, createProvider: () => adapter },
    );
    const events: ProviderEvent[] = [];
    const request = { model: 'm', messages: [] };
    for await (const event of provider.stream(request, new AbortController().signal)) {
      events.push(event);
    }
    expect(events).toEqual([
      { type: 'reasoning', text: 'Short title.' },
      { type: 'text', text: 'Adding numbers' },
      { type: 'stop', reason: 'end' },
    ]);
  });
});

describe('keys and defaults', () => {
  it('Anthropic and Gemini refuse to start without a key; the OpenAI format does not', () => {
    expect(missingConfiguration({ kind: 'anthropic', apiKey: null })).toEqual({
      kind: 'config',
      message: 'Add your Anthropic API key in Settings to start chatting.',
    });
    expect(missingConfiguration({ kind: 'gemini', apiKey: '' })?.message).toBe(
      'Add your Google Gemini API key in Settings to start chatting.',
    );
    expect(missingConfiguration({ kind: 'openai-compatible', apiKey: null })).toBeNull();
    expect(missingConfiguration({ kind: 'anthropic', apiKey: 'sk-1' })).toBeNull();
  });

  it('every preset of a kind that needs a key asks for one in the form', () => {
    for (const preset of presets) {
      if (kindNeedsKey(preset.kind)) expect(preset.keyRequired, preset.id).toBe(true);
    }
  });

  it("each official API's preset offers its kind's default model first", () => {
    expect(presetById('anthropic').models[0]).toBe(defaultModels.anthropic);
    expect(presetById('openai').models[0]).toBe(defaultModels['openai-compatible']);
    expect(presetById('gemini').models[0]).toBe(defaultModels.gemini);
  });

  it('sends each format its own key header, and none without a key', () => {
    expect(formatHeaders('anthropic', 'k')).toEqual({
      'anthropic-version': '2023-06-01',
      'x-api-key': 'k',
    });
    expect(formatHeaders('anthropic', null)).toEqual({ 'anthropic-version': '2023-06-01' });
    expect(formatHeaders('openai-compatible', 'k')).toEqual({ authorization: 'Bearer k' });
    expect(formatHeaders('openai-compatible', null)).toEqual({});
    expect(formatHeaders('gemini', 'k')).toEqual({ 'x-goog-api-key': 'k' });
    expect(formatHeaders('gemini', null)).toEqual({});
  });
});
