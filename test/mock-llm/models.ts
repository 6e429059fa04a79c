import type { IncomingHttpHeaders } from 'node:http';
import type { WireFormat } from './wire';

/**
 * Which models listing a GET asks for: Gemini `GET /v1beta/models`; `GET /v1/models` (or any
 * `…/models`) in Anthropic's shape when the request carries `anthropic-version`, else OpenAI's.
 */
export function modelsFormatOf(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
): WireFormat | undefined {
  if (method !== 'GET') return undefined;
  const pathname = new URL(path, 'http://mock').pathname.replace(/\/+$/, '');
  if (pathname === '/v1beta/models') return 'gemini';
  if (!pathname.endsWith('/models')) return undefined;
  return headers['anthropic-version'] ? 'anthropic' : 'openai';
}

/** A models listing in the provider's own shape. */
export function modelsBody(format: WireFormat, ids: readonly string[]): object {
  switch (format) {
    case 'anthropic':
      return {
        data: ids.map((id) => ({
          type: 'model',
          id,
          display_name: id.replace(/-/g, ' '),
          created_at: '2025-01-01T00:00:00Z',
        })),
        has_more: false,
        first_id: ids[0] ?? null,
        last_id: ids[ids.length - 1] ?? null,
      };
    case 'gemini':
      return {
        models: [
          ...ids.map((id) => ({
            name: `models/${id}`,
            displayName: id,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
          })),
          // Real listings include models that cannot chat; clients should skip them.
          { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
        ],
      };
    case 'openai':
      return {
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: 1_727_346_168, owned_by: 'mock' })),
      };
  }
}
