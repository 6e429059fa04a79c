import type { ChatError, ModelInfo, ModelListResult, ProviderKind } from '../../preload/api';
import { summarizeBody, readBodyPrefix } from './error-body';
import { geminiRoot } from '../../common/request-url';
import { errorFromFetchFailure, errorFromResponse, providerError } from './http-error';
import { asString, isRecord, tryParseJson, type JsonRecord } from './json-guards';
import { ProviderError, type FetchLike } from './types';
import { formatHeaders } from './wire-formats';

/** Where and how to ask a server for its models. */
export interface ModelsTarget {
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
  headers?: Record<string, string>;
  fetch: FetchLike;
}

// A listing is small; a server that takes longer than this is not going to answer.
const listTimeoutMs = 10_000;
// Pages followed at most (Anthropic and Gemini page their lists).
const maxPages = 10;

/**
 * Sees each listed model's entry as the server wrote it (`id` as listed), so what a list says
 * besides the name (OpenRouter's `architecture.input_modalities`) can be kept without asking
 * the server again (main/attachments/capabilities.ts).
 */
export type ModelEntryObserver = (id: string, entry: JsonRecord) => void;

/**
 * The models a server offers, from its models endpoint: Anthropic `GET /v1/models`, OpenAI-format
 * `GET {base}/models`, Gemini `GET /v1beta/models`. Failures come back as a value with a sentence.
 * `onEntry` sees each model's raw entry.
 */
export async function listModels(
  target: ModelsTarget,
  signal: AbortSignal = new AbortController().signal,
  onEntry?: ModelEntryObserver,
): Promise<ModelListResult> {
  try {
    const models: ModelInfo[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const request = pageRequest(target, cursor);
      const json = await getJson(target.fetch, request.url, request.headers, signal);
      const next = readPage(target.kind, json, models, onEntry);
      if (!next) break;
      cursor = next;
    }
    models.sort((a, b) => a.id.localeCompare(b.id));
    return { ok: true, models };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, error: error.info };
    throw error;
  }
}

function pageRequest(target: ModelsTarget, cursor: string | undefined) {
  const base = target.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    ...target.headers,
    ...formatHeaders(target.kind, target.apiKey),
    accept: 'application/json',
  };
  switch (target.kind) {
    case 'anthropic':
      return {
        url: `${base}/v1/models?limit=1000${cursor ? `&after_id=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      };
    case 'gemini':
      return {
        url: `${geminiRoot(base)}/v1beta/models?pageSize=1000${cursor ? `&pageToken=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      };
    case 'openai-compatible':
      return { url: `${base}/models`, headers };
  }
}

/** Adds one page's models to `models`; returns the cursor of the next page, if there is one. */
function readPage(
  kind: ProviderKind,
  json: unknown,
  models: ModelInfo[],
  onEntry: ModelEntryObserver | undefined,
): string | undefined {
  if (!isRecord(json)) throw notAList();
  if (kind === 'gemini') {
    if (!Array.isArray(json.models)) throw notAList();
    for (const entry of json.models as unknown[]) {
      if (!isRecord(entry)) continue;
      const methods = Array.isArray(entry.supportedGenerationMethods)
        ? (entry.supportedGenerationMethods as unknown[])
        : undefined;
      // Embedding and other models cannot chat.
      if (methods && !methods.includes('generateContent')) continue;
      const id = asString(entry.name)?.replace(/^models\//, '');
      if (!id) continue;
      models.push(withLabel(id, asString(entry.displayName)));
      onEntry?.(id, entry);
    }
    return asString(json.nextPageToken) || undefined;
  }
  if (!Array.isArray(json.data)) throw notAList();
  for (const entry of json.data as unknown[]) {
    const id = isRecord(entry) ? asString(entry.id) : undefined;
    if (id && isRecord(entry)) {
      models.push(withLabel(id, asString(entry.display_name)));
      onEntry?.(id, entry);
    }
  }
  return kind === 'anthropic' && json.has_more === true ? asString(json.last_id) : undefined;
}

function withLabel(id: string, label: string | undefined): ModelInfo {
  return label && label !== id ? { id, label } : { id };
}

/** GET a JSON document; anything else (an HTML page, a status, no answer) is a typed error. */
async function getJson(
  fetchFn: FetchLike,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(listTimeoutMs);
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'GET',
      headers,
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    signal.throwIfAborted();
    if (timeout.aborted) {
      throw providerError({
        kind: 'timeout',
        message: 'The server did not list its models in time. Check the base URL.',
      });
    }
    throw errorFromFetchFailure(error);
  }
  if (!response.ok) throw await errorFromResponse(response, url);
  const text = await readBodyPrefix(response, 8 * 1024 * 1024);
  const summary = summarizeBody(text, response.headers.get('content-type'));
  if (summary.form === 'html') {
    throw providerError({
      kind: 'protocol',
      message:
        'The server answered with an HTML page where the API should answer with JSON: the base URL probably points at a website, not the API. Check it.',
      status: response.status,
    });
  }
  const json = tryParseJson(text);
  if (json === undefined) throw notAList();
  return json;
}

function notAList(): ProviderError {
  const error: ChatError = {
    kind: 'protocol',
    message:
      'The server answered, but not with a list of models. Check the base URL and the provider; you can still type a model name.',
  };
  return providerError(error);
}
