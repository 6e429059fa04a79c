import type { LocalServer } from '../../preload/api';
import { listModels } from './models';
import type { FetchLike } from './types';

/** A local server Parley looks for. */
export interface LocalServerTarget {
  preset: LocalServer['preset'];
  name: string;
  /** The OpenAI-format base URL, ending in /v1. */
  baseUrl: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Ollama (127.0.0.1:11434) and LM Studio (127.0.0.1:1234). `OLLAMA_HOST` (Ollama's own variable)
 * and `LM_STUDIO_HOST` move them, as a user with a non-default port expects (and tests need).
 */
export function localServerTargets(env: Environment = {}): LocalServerTarget[] {
  return [
    { preset: 'ollama', name: 'Ollama', baseUrl: `${hostUrl(env.OLLAMA_HOST, 11434)}/v1` },
    { preset: 'lmstudio', name: 'LM Studio', baseUrl: `${hostUrl(env.LM_STUDIO_HOST, 1234)}/v1` },
  ];
}

/** `host`, `host:port` or a URL, as OLLAMA_HOST allows; a bind-all address means this machine. */
function hostUrl(value: string | undefined, defaultPort: number): string {
  const text = value?.trim();
  if (!text) return `http://127.0.0.1:${defaultPort}`;
  const withScheme = /^https?:\/\//i.test(text) ? text : `http://${text}`;
  if (!URL.canParse(withScheme)) return `http://127.0.0.1:${defaultPort}`;
  const url = new URL(withScheme);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  if (!url.port && !/:\d+$/.test(text)) url.port = String(defaultPort);
  return url.origin;
}

// Local servers answer in milliseconds; a closed port refuses at once. Keep first run snappy.
const probeTimeoutMs = 1_500;

/** The targets that answer a models listing, with their installed models; silent on failure. */
export async function probeLocalServers(
  fetchFn: FetchLike,
  targets: readonly LocalServerTarget[],
  timeoutMs: number = probeTimeoutMs,
): Promise<LocalServer[]> {
  const results = await Promise.all(
    targets.map(async (target): Promise<LocalServer | null> => {
      const listing = await listModels(
        { kind: 'openai-compatible', baseUrl: target.baseUrl, apiKey: null, fetch: fetchFn },
        AbortSignal.timeout(timeoutMs),
      ).catch(() => null);
      if (!listing?.ok) return null;
      return { ...target, models: listing.models.map((model) => model.id) };
    }),
  );
  return results.filter((server): server is LocalServer => server !== null);
}
