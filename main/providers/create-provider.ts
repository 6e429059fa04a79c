import { createAnthropicProvider } from './anthropic';
import { createGeminiProvider } from './gemini';
import { createOpenAiCompatibleProvider } from './openai-compatible';
import type { Provider, ProviderConfig } from './types';

/** The adapter for a profile's wire format. */
export function createProvider(config: ProviderConfig): Provider {
  switch (config.kind) {
    case 'anthropic':
      return createAnthropicProvider(config);
    case 'openai-compatible':
      return createOpenAiCompatibleProvider(config);
    case 'gemini':
      return createGeminiProvider(config);
    default: {
      // A new ProviderKind must be handled here; the compiler points at this line.
      const unknownKind: never = config.kind;
      throw new Error(`Unknown provider kind: ${String(unknownKind)}`);
    }
  }
}
