import type { Provider, ProviderRequest } from '../providers/types';

/** The instruction for a title request: short, so it is cheap and quick. */
export const titleInstruction =
  'You name conversations. Reply with a title of at most six words for the conversation below: no quotes, no full stop, nothing else.';

// A title is a nicety: it must never hang on a slow provider.
const titleTimeoutMs = 20_000;

/**
 * Ask the conversation's own model for a short title, from the first prompt and reply.
 * Resolves to null when the model fails or says nothing usable; the caller keeps its fallback.
 */
export async function generateTitle(
  provider: Provider,
  model: string,
  prompt: string,
  reply: string,
): Promise<string | null> {
  const request: ProviderRequest = {
    model,
    system: titleInstruction,
    maxTokens: 24,
    messages: [
      { role: 'user', content: `${prompt.slice(0, 2_000)}\n\n---\n\n${reply.slice(0, 2_000)}` },
    ],
  };
  const signal = AbortSignal.timeout(titleTimeoutMs);
  let text = '';
  for await (const event of provider.stream(request, signal)) {
    if (event.type === 'text') text += event.text;
    if (text.length > 400) break;
  }
  return cleanTitle(text);
}

/** First line, no surrounding quotes or markdown, no trailing full stop, at most 60 characters. */
export function cleanTitle(raw: string): string | null {
  const line = raw.trim().split('\n')[0] ?? '';
  const title = line
    .replace(/^(title:\s*)/i, '')
    .replace(/^[#*_"'“”‘’`\s]+|[*_"'“”‘’`\s]+$/g, '')
    .replace(/\.$/, '')
    .trim();
  if (title === '') return null;
  return title.length > 60 ? `${title.slice(0, 59).trimEnd()}…` : title;
}
