/**
 * What a model can take besides text (images, PDFs), and where Parley knows it from. In order of
 * precedence, field by field:
 * 1. the user's override (Settings → Models; the `models.capabilities` section of settings.json);
 * 2. what the server's model list said, where it says so and Parley already fetched it
 *    (OpenRouter's `architecture.input_modalities`; no request is made for this);
 * 3. Parley's built-in table, by wire format and model name;
 * 4. a default: Anthropic and Gemini models take both (every current model of theirs does), an
 *    unknown model behind an OpenAI-compatible server takes neither.
 *
 * Why "neither" for an unknown OpenAI-compatible model: most of those are local text models;
 * sending one an image either fails with a 400 or, worse, the server drops the image and the
 * model answers about a picture it never saw. Refusing up front with "you can change that in
 * Settings → Models" is a mistake the user sees and can undo in one click.
 */
import type { ModelCapabilities, ProviderKind } from '../../preload/api';
import type { SettingsFile } from '../storage/settings-file';
import type { StoredCapabilityOverride } from '../storage/settings-schema';

/** The server and model a question is about. */
export interface ModelTarget {
  kind: ProviderKind;
  /** The profile's base URL as saved. */
  baseUrl: string;
  model: string;
}

/** What one source says; a field it does not know is left out. */
export interface CapabilityHints {
  images?: boolean;
  pdfs?: boolean;
}

/**
 * True when the base URL is OpenAI's own API (`api.openai.com`): the only OpenAI-compatible
 * server that takes PDFs as `file` parts (docs/wire-formats.md, "Attachments"); other compatible
 * servers mostly refuse them, so PDFs go to them as their text.
 */
export function isOpenAiItself(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname.toLowerCase() === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * A model name as the table matches it: lower case, without a router's vendor prefix
 * (`openai/gpt-4o` → `gpt-4o`) or a Gemini `models/` prefix.
 */
function bareModel(model: string): string {
  const lower = model
    .trim()
    .toLowerCase()
    .replace(/^models\//, '');
  return lower.slice(lower.lastIndexOf('/') + 1);
}

// Local and open-weight vision models, as Ollama, LM Studio, vLLM and routers name them
// (`llava:13b`, `qwen2.5-vl-7b-instruct`, `llama3.2-vision`, `gemma-3-27b-it`, …).
const localVision =
  /^(llava|bakllava|llama3\.2-vision|llama-3\.2-\d+b-vision|llama-?4|qwen2(\.5)?-?vl|qwen3-vl|minicpm-?v|moondream|pixtral|mistral-small-?3\.[12]|mistral-medium|granite3\.2-vision|internvl|phi-3\.5-vision|phi-4-multimodal|cogvlm|molmo|smolvlm|idefics|llava-phi|glm-4\.?5?v|kimi-vl)/;
// Gemma 3 takes images except the 1B size (and 3n takes them too).
const gemmaVision = /^gemma-?3(n)?(?![-:]?1b)/;
// OpenAI's vision models; `o1-mini` and `o3-mini` take no images.
const openAiVision =
  /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-5|o1(?!-mini)|o3(?!-mini)|o4)/;

/**
 * What Parley's table says of a model, or nothing when the table does not know it. Sources: each
 * provider's model pages (Anthropic: Claude 3 and later take images and PDFs; OpenAI: the
 * GPT-4o/4.1/5 and o-series vision models; Gemini 1.5 and later take images and PDFs).
 */
export function tableCapabilities(target: ModelTarget): CapabilityHints | undefined {
  const model = bareModel(target.model);
  const openAiPdfs = target.kind === 'openai-compatible' ? isOpenAiItself(target.baseUrl) : true;
  if (/^claude-(2|instant)/.test(model)) return { images: false, pdfs: false };
  if (/^claude/.test(model)) return { images: true, pdfs: target.kind === 'anthropic' };
  if (/^gemini-(1\.0|pro$|pro-vision)/.test(model)) {
    return { images: model.includes('vision'), pdfs: false };
  }
  if (/^gemini/.test(model)) return { images: true, pdfs: target.kind === 'gemini' };
  if (openAiVision.test(model)) return { images: true, pdfs: openAiPdfs };
  if (/^(gpt-3\.5|gpt-4($|-\d)|o1-mini|o3-mini)/.test(model)) return { images: false, pdfs: false };
  if (localVision.test(model) || gemmaVision.test(model)) return { images: true, pdfs: false };
  return undefined;
}

/** The guess for a model nothing else knows (see the module comment). */
function defaultCapabilities(kind: ProviderKind): { images: boolean; pdfs: boolean } {
  return kind === 'openai-compatible'
    ? { images: false, pdfs: false }
    : { images: true, pdfs: true };
}

/**
 * What a server's model-list entry says a model takes, where it says so: OpenRouter's
 * `architecture.input_modalities` (`["text", "image", "file"]`), Ollama's `/api/show`
 * `capabilities` (`"vision"`) and LM Studio's `/api/v0/models` `type` (`"vlm"`). A `file`
 * modality counts as PDFs only on a server that takes `file` parts (OpenAI itself; see
 * `isOpenAiItself`), since preparation sends PDFs to every other compatible server as text.
 */
export function listedCapabilities(target: ModelTarget, entry: unknown): CapabilityHints {
  if (typeof entry !== 'object' || entry === null) return {};
  const record = entry as Record<string, unknown>;
  const architecture = record.architecture;
  if (typeof architecture === 'object' && architecture !== null) {
    const modalities = (architecture as Record<string, unknown>).input_modalities;
    if (Array.isArray(modalities)) {
      const pdfWire = target.kind !== 'openai-compatible' || isOpenAiItself(target.baseUrl);
      return {
        images: modalities.includes('image'),
        ...(pdfWire ? { pdfs: modalities.includes('file') } : {}),
      };
    }
  }
  if (Array.isArray(record.capabilities)) return { images: record.capabilities.includes('vision') };
  if (record.type === 'vlm') return { images: true };
  if (record.type === 'llm') return { images: false };
  return {};
}

/** Where listed hints come from: a cache the model listing fills; nothing when not fetched. */
export type ListedLookup = (target: ModelTarget) => CapabilityHints | undefined;

/**
 * What model lists said, kept for the session: `observer(server)` is given to `listModels` as
 * its `onEntry`, and `lookup` is the registry's `ListedLookup`. Only entries that say something
 * are kept.
 */
export class ListedCapabilities {
  private readonly hints = new Map<string, CapabilityHints>();

  /** The `onEntry` for a listing of `server`'s models. */
  observer(server: Omit<ModelTarget, 'model'>): (id: string, entry: unknown) => void {
    return (id, entry) => {
      const target = { ...server, model: id };
      const hints = listedCapabilities(target, entry);
      if (Object.keys(hints).length > 0) this.hints.set(listedKey(target), hints);
    };
  }

  /** What the last listing said of `target`'s model, if anything. */
  readonly lookup: ListedLookup = (target) => this.hints.get(listedKey(target));
}

function listedKey(target: ModelTarget): string {
  return `${target.kind}\u0000${target.baseUrl.replace(/\/+$/, '')}\u0000${target.model.trim()}`;
}

/** Two base URLs name the same server when they differ only by trailing slashes. */
function sameServer(a: StoredCapabilityOverride, target: ModelTarget): boolean {
  return (
    a.kind === target.kind &&
    a.baseUrl.replace(/\/+$/, '') === target.baseUrl.replace(/\/+$/, '') &&
    a.model === target.model.trim()
  );
}

/**
 * The capabilities of a model from the sources in precedence order (see the module comment).
 * `source` names the strongest source that decided a field.
 */
export function resolveCapabilities(
  target: ModelTarget,
  override: CapabilityHints | undefined,
  listed: CapabilityHints | undefined,
): ModelCapabilities {
  const layers: [ModelCapabilities['source'], CapabilityHints | undefined][] = [
    ['user', override],
    ['provider', listed],
    ['table', tableCapabilities(target)],
    ['default', defaultCapabilities(target.kind)],
  ];
  const pick = (field: 'images' | 'pdfs') => {
    const index = layers.findIndex(([, hints]) => hints?.[field] !== undefined);
    return { value: layers[index]?.[1]?.[field] ?? false, index };
  };
  const images = pick('images');
  const pdfs = pick('pdfs');
  const source = layers[Math.min(images.index, pdfs.index)]?.[0] ?? 'default';
  return { images: images.value, pdfs: pdfs.value, source };
}

/**
 * The logic behind `attachments:capabilities` and `attachments:set-capabilities`: what a model
 * takes, and the user's overrides kept in settings.json (one atomic write per change). The
 * caller turns a `profileId` into the profile's server and model (`ModelTarget`).
 */
export class ModelCapabilityRegistry {
  constructor(
    private readonly file: SettingsFile,
    private readonly listed: ListedLookup = () => undefined,
  ) {}

  /** What `target`'s model takes, and where that came from. */
  get(target: ModelTarget): ModelCapabilities {
    return resolveCapabilities(target, this.override(target), this.listed(target));
  }

  /**
   * Override what the model takes; a null field forgets that field's override (both null: the
   * override is removed). Returns the capabilities as they now are.
   */
  set(target: ModelTarget, images: boolean | null, pdfs: boolean | null): ModelCapabilities {
    this.file.update((draft) => {
      const rest = draft.models.capabilities.filter((entry) => !sameServer(entry, target));
      if (images !== null || pdfs !== null) {
        rest.push({
          kind: target.kind,
          baseUrl: target.baseUrl,
          model: target.model.trim(),
          ...(images !== null ? { images } : {}),
          ...(pdfs !== null ? { pdfs } : {}),
        });
      }
      draft.models.capabilities = rest;
    });
    return this.get(target);
  }

  private override(target: ModelTarget): CapabilityHints | undefined {
    const found = this.file.read().models.capabilities.find((entry) => sameServer(entry, target));
    if (!found) return undefined;
    return {
      ...(found.images !== undefined ? { images: found.images } : {}),
      ...(found.pdfs !== undefined ? { pdfs: found.pdfs } : {}),
    };
  }
}
