import type { ChatError, ConnectionProblem, ConnectionTestResult } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { createProvider } from './create-provider';
import { requestWentTo } from './http-error';
import { listModels } from './models';
import { ProviderError, type Provider, type ProviderConfig } from './types';

// Enough for a local server loading a model into memory; still bounded.
const testTimeoutMs = 30_000;

/**
 * "Test connection": the cheapest real request (one short generation, closed at its first
 * event), so key, base URL and model are all proved at once. A failure names what to fix; an
 * unknown-model answer is told apart from a wrong base URL by asking for the models list.
 */
export async function testConnection(
  config: ProviderConfig,
  model: string,
  provider: Provider = createProvider(config),
  now: () => number = performance.now.bind(performance),
): Promise<ConnectionTestResult> {
  const started = now();
  // Every failure says where the request went: a wrong base URL is the usual cause.
  const where = requestWentTo(chatRequestUrl(config.kind, config.baseUrl, model));
  const failed = (problem: ConnectionProblem, error: ChatError): ConnectionTestResult => ({
    ok: false,
    problem,
    error: error.message.includes(where)
      ? error
      : { ...error, message: `${error.message} ${where}` },
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), testTimeoutMs);
  try {
    // OpenAI's reasoning models reject max_tokens, so only the formats that allow it get a cap.
    const maxTokens = config.kind === 'openai-compatible' ? undefined : 1;
    const request = { model, maxTokens, messages: [{ role: 'user' as const, content: 'Hi' }] };
    for await (const event of provider.stream(request, controller.signal)) {
      // Any event means the server took key, URL and model; no need to pay for more.
      void event;
      break;
    }
    const latencyMs = Math.round(now() - started);
    return { ok: true, latencyMs, message: `Connected: ${model} answered in ${latencyMs} ms.` };
  } catch (error) {
    if (controller.signal.aborted) {
      return failed('unreachable', {
        kind: 'timeout',
        message: `The server did not answer within ${testTimeoutMs / 1000} s. Check that it is running and the base URL.`,
      });
    }
    if (!(error instanceof ProviderError)) throw error;
    return diagnose(config, model, error, failed);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

type Fail = (problem: ConnectionProblem, error: ChatError) => ConnectionTestResult;

async function diagnose(
  config: ProviderConfig,
  model: string,
  error: ProviderError,
  failed: Fail,
): Promise<ConnectionTestResult> {
  const { info } = error;
  switch (info.kind) {
    case 'auth':
    case 'permission':
      return failed('wrong_key', info);
    case 'connection':
      return /CERT|SSL|TLS/i.test(error.networkCode ?? '')
        ? failed('tls', info)
        : failed('unreachable', info);
    case 'protocol':
      return failed('wrong_base_url', info);
    case 'not_found':
    case 'bad_request': {
      // A 404 means a wrong model or a wrong URL; a working models list says which.
      const listing = await listModels(config).catch(() => null);
      if (listing?.ok) {
        if (listing.models.some((entry) => entry.id === model)) return failed('other', info);
        const some = listing.models.slice(0, 5).map((entry) => entry.id);
        return failed('unknown_model', {
          ...info,
          kind: 'not_found',
          message: `The server does not offer the model "${model}".${some.length ? ` It has, for example: ${some.join(', ')}.` : ''}`,
        });
      }
      if (info.kind === 'bad_request') return failed('other', info);
      return failed('wrong_base_url', {
        ...info,
        message: 'Nothing at this base URL answers like the API. Check the base URL.',
      });
    }
    default:
      return failed('other', info);
  }
}
