import type { ChatError, ProviderKind } from '../../preload/api';
import { createProvider } from './create-provider';
import { withInlineReasoning } from './inline-reasoning';
import { presetForKind } from './presets';
import {
  fetchFor,
  type FetchLike,
  type FetchVia,
  type Provider,
  type ProviderConfig,
} from './types';
import { kindNeedsKey } from './wire-formats';

/**
 * Where and how a profile connects: the part of a saved, environment or Settings-form profile a
 * provider is built from. `ActiveProfile` has this shape, and so does a connection target once its
 * key is resolved.
 */
export interface ProviderRoute {
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
  /** Extra headers the profile adds to every request (a gateway's own auth, an org id, …). */
  headers?: Record<string, string>;
  /** The profile's explicit proxy; absent: the system proxy (plain `fetch`). */
  proxyUrl?: string;
}

/** What main supplies to every provider it builds, whichever feature asks. */
export interface ProviderDeps {
  /** Electron's `net.fetch` in the app, Node's in tests. */
  fetch: FetchLike;
  /** A fetch through a profile's explicit proxy; absent: such profiles use `fetch`. */
  fetchVia?: FetchVia;
  /** Abort a stream after this long without a byte (ms); absent: the adapters' 60 s default. */
  idleTimeoutMs?: number;
  /** The adapter for a config; absent: the real one for its wire format (tests pass a script). */
  createProvider?: (config: ProviderConfig) => Provider;
  /**
   * Where the optional request fields each server refused are remembered (see
   * optional-fields.ts); absent: one registry for the whole process.
   */
  refusedFields?: Map<string, Set<string>>;
}

// Kept in memory only: a server that is upgraded gets the full request again after a restart.
const refusedBySession = new Map<string, Set<string>>();

/**
 * The set of optional fields a server refused, shared by every request to it: per wire format
 * and base URL (the server, whichever profile points at it), created on first use.
 */
function refusedFieldsFor(route: ProviderRoute, registry: Map<string, Set<string>>): Set<string> {
  const key = `${route.kind} ${route.baseUrl.trim().replace(/\/+$/, '')}`;
  let fields = registry.get(key);
  if (!fields) {
    fields = new Set();
    registry.set(key, fields);
  }
  return fields;
}

/**
 * The connection settings for a profile: its kind, base URL, key, extra headers, and the fetch
 * for its proxy. Chat, titles, Test connection and the models listing all build theirs here, so
 * a profile's headers or proxy cannot be honoured by one and forgotten by another.
 */
export function providerConfigFor(route: ProviderRoute, deps: ProviderDeps): ProviderConfig {
  return {
    kind: route.kind,
    baseUrl: route.baseUrl,
    apiKey: route.apiKey,
    ...(route.headers ? { headers: route.headers } : {}),
    fetch: fetchFor(route.proxyUrl, deps.fetch, deps.fetchVia),
    ...(deps.idleTimeoutMs !== undefined ? { idleTimeoutMs: deps.idleTimeoutMs } : {}),
    refusedFields: refusedFieldsFor(route, deps.refusedFields ?? refusedBySession),
  };
}

/**
 * The adapter that talks to a profile's server (see `providerConfigFor` for what it carries).
 * Its text never carries inline `<think>` reasoning: that comes out as reasoning events, so chat,
 * titles, saved text, history, export and copy all see the answer alone.
 */
export function providerFor(route: ProviderRoute, deps: ProviderDeps): Provider {
  return withInlineReasoning(
    (deps.createProvider ?? createProvider)(providerConfigFor(route, deps)),
  );
}

/**
 * Why a profile cannot be sent a request yet, as the error the chat shows; null when it can.
 * Only a kind that always needs a key (see `kindNeedsKey`) is refused for lacking one.
 */
export function missingConfiguration(
  route: Pick<ProviderRoute, 'kind' | 'apiKey'>,
): ChatError | null {
  if (kindNeedsKey(route.kind) && !route.apiKey) {
    const name = presetForKind(route.kind).label;
    return { kind: 'config', message: `Add your ${name} API key in Settings to start chatting.` };
  }
  return null;
}
