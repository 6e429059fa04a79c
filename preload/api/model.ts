/**
 * The data model of the contract: what the renderer sees of conversations, replies, profiles and
 * settings. Plain types (and the few value lists their schemas reuse); no channel lives here.
 * The tools part (calls, results, MCP servers) is in tool-model.ts.
 */
import type { ToolCall } from './tool-model';
import type { AttachmentView } from './attachment-model';

/** The wire formats Parley speaks. */
export type ProviderKind = 'anthropic' | 'openai-compatible' | 'gemini';
export const providerKinds = ['anthropic', 'openai-compatible', 'gemini'] as const;

/**
 * Why a reply ended. `stopped`: the user pressed Stop (or regenerated over it); `interrupted`:
 * Parley quit or crashed while it streamed, and the text saved up to then is all there is.
 */
export type StopReason =
  | 'end'
  | 'max_tokens'
  | 'stopped'
  | 'interrupted'
  | 'content_filter'
  | 'tool_use'
  | 'refusal'
  /** The reply used as many tool steps as Settings → Tools allows, and Parley ended it. */
  | 'step_limit'
  | 'other';

/** What a failure was, so the renderer can pick wording and actions without parsing text. */
export type ChatErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'quota'
  | 'overloaded'
  | 'server'
  | 'bad_request'
  | 'connection'
  | 'timeout'
  | 'protocol'
  | 'config';

/** A failure as a value: `message` is the sentence for a person, `detail` is the provider's own words. */
export interface ChatError {
  kind: ChatErrorKind;
  message: string;
  detail?: string;
  status?: number;
  retryAfterMs?: number;
  /**
   * The attachment the provider refused (its id), when the failure names one: the reply offers
   * "Send again without it".
   */
  attachmentId?: string;
  /**
   * The provider's own code for the failure, as sent (`content_filter`, `insufficient_quota`,
   * `overloaded_error`, a stop value like `error`), so it is never lost behind the wording.
   */
  code?: string;
}

/** Token counts reported by the provider; either may be missing if the stream was cut short. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  /**
   * True when these are not the provider's final counts: the reply was stopped or failed before
   * the provider reported its totals, so they are what had been reported so far.
   */
  partial?: boolean;
}

/** One version of an assistant reply. */
export interface Reply {
  id: string;
  /** The generation that produces this reply; events carry it. */
  streamId: string;
  model: string;
  text: string;
  reasoning: string;
  status: 'streaming' | 'done' | 'error';
  stopReason?: StopReason;
  /**
   * The provider's own word for why the reply ended (`finish_reason`, `stop_reason`,
   * `finishReason`), exactly as sent; absent when it gave none. Kept so a reason Parley does not
   * know (`other`) can still be named.
   */
  providerStopReason?: string;
  usage?: Usage;
  error?: ChatError;
  /** The sequence number of the last stream event folded into this snapshot. */
  seq: number;
  /** Set while Parley waits to retry a request that failed before its first token. */
  retry?: RetryState;
  /** Set when the reply could not be saved (full disk, read-only folder): what happened. */
  saveError?: string;
  /**
   * The tool calls the reply made, in the order they began. Each sits in the text at its
   * `textOffset`: text before it, its card, then the text the model wrote after the results.
   */
  toolCalls?: ToolCall[];
  /** Things to know about the reply besides its text (tools left out, a server that failed). */
  notices?: string[];
}

/** A retry Parley is waiting to make. */
export interface RetryState {
  /** The retry this will be (1 = the first retry) and how many are allowed. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  /** Why: the failure that will be retried. */
  error: ChatError;
}

/** A user message and the versions of the reply to it. */
export interface Turn {
  id: string;
  userText: string;
  /** Files attached to the user's message, in order. */
  attachments?: AttachmentView[];
  replies: Reply[];
  /** Index into `replies` of the version the user is looking at (and the next request builds on). */
  activeReply: number;
  /** Editing a message makes a sibling version of it (a branch): which one this is, of how many. */
  userVersion: number;
  userVersionCount: number;
}

/** A conversation as main holds it: the branch the user is on, from the first message down. */
export interface ConversationSnapshot {
  id: string;
  title: string;
  /**
   * The branch's turns, oldest first: all of them, or (when the request set `turnLimit`) a
   * window of them; `chat:turns` pages in the rest.
   */
  turns: Turn[];
  /** Turns of the branch before `turns[0]` that are not in this snapshot (absent: none). */
  earlierTurns?: number;
  /** Turns after the last one here that are not in this snapshot (absent: none). */
  laterTurns?: number;
}

/** One page of a branch's turns, oldest first, and how many remain beyond it that way. */
export interface TurnPage {
  turns: Turn[];
  /** Turns still not loaded in the page's direction (0: the page reached the branch's end). */
  remaining: number;
}

/** A conversation as the sidebar lists it. */
export interface ConversationSummary {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  /**
   * A reply is being written in this conversation right now (it goes on while the user looks
   * elsewhere): the sidebar shows it as replying. Main announces both edges on
   * `conversations:changed`.
   */
  streaming: boolean;
}

/** One run of a search snippet; `match` runs are the words that matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A message that matched a search. */
export interface SearchHit {
  conversationId: string;
  conversationTitle: string;
  messageId: string;
  role: 'user' | 'assistant';
  snippet: SnippetPart[];
  updatedAt: number;
}

/** Where the active provider profile came from. */
export type ProfileSource = 'saved' | 'environment' | 'default';

/** The providers Parley knows by name; `openai-compatible` is "any other OpenAI-format server". */
export const presetIds = [
  'anthropic',
  'openai',
  'gemini',
  'openrouter',
  'groq',
  'deepseek',
  'mistral',
  'xai',
  'ollama',
  'lmstudio',
  'llamacpp',
  'openai-compatible',
] as const;
export type PresetId = (typeof presetIds)[number];

/** Which reasoning control a provider understands. */
export type ReasoningStyle = 'thinking-budget' | 'effort' | 'none';
export const reasoningEfforts = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof reasoningEfforts)[number];

/** A provider preset as the settings form offers it. */
export interface PresetView {
  id: PresetId;
  label: string;
  kind: ProviderKind;
  baseUrl: string;
  keyRequired: boolean;
  /** A server on this machine (no key, probed on first run). */
  local: boolean;
  models: string[];
  reasoning: ReasoningStyle;
}

/** Per-profile request defaults; absent fields use the provider's own defaults. */
export interface GenerationDefaults {
  temperature?: number;
  maxOutputTokens?: number;
  /** Anthropic extended thinking / Gemini thinking budget, in tokens. */
  thinkingBudget?: number;
  /** OpenAI-style reasoning effort. */
  reasoningEffort?: ReasoningEffort;
}

/** A saved provider profile as the renderer may see it: never the key, only its last four. */
export interface ProviderProfileView {
  id: string;
  name: string;
  preset: PresetId;
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  headers: Record<string, string>;
  defaults: GenerationDefaults;
  /** An explicit proxy (http://, https:// or socks5://); absent: the system proxy. */
  proxyUrl?: string;
  hasKey: boolean;
  /** The key's last four characters (null when none is set, or the key is too short to hint). */
  keyHint: string | null;
  /** The key is held in memory for this session only. */
  keySessionOnly: boolean;
}

/** How keys are protected here: OS keychain, obfuscation only (Linux basic_text), or not at all. */
export type KeyProtection = 'encrypted' | 'obfuscated' | 'unavailable';

/** Everything the Providers section shows. */
export interface ProfilesState {
  profiles: ProviderProfileView[];
  /** The profile new conversations use; null when none is saved. */
  activeId: string | null;
  /** A profile from ANTHROPIC_* / OPENAI_* variables, used while none is saved. */
  environment: { kind: ProviderKind; baseUrl: string; model: string } | null;
  presets: PresetView[];
  keyProtection: KeyProtection;
}

/** A model a provider offers. */
export interface ModelInfo {
  id: string;
  /** A friendlier name where the provider gives one. */
  label?: string;
}

/** A models listing: the models, or why they could not be fetched. */
export type ModelListResult = { ok: true; models: ModelInfo[] } | { ok: false; error: ChatError };

/** What "Test connection" found wrong, so the form can point at the right field. */
export type ConnectionProblem =
  'wrong_key' | 'unreachable' | 'tls' | 'unknown_model' | 'wrong_base_url' | 'other';

/** The outcome of "Test connection". */
export type ConnectionTestResult =
  | { ok: true; message: string; latencyMs: number }
  | { ok: false; problem: ConnectionProblem; error: ChatError };

/** A local model server that answered the probe. */
export interface LocalServer {
  preset: 'ollama' | 'lmstudio';
  name: string;
  baseUrl: string;
  models: string[];
}

/** App-wide preferences. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type SendShortcut = 'enter' | 'mod-enter';
/** The page's base text size. */
export const fontSizes = ['small', 'default', 'large'] as const;
export type FontSize = (typeof fontSizes)[number];
export interface AppSettingsView {
  theme: ThemeChoice;
  fontSize: FontSize;
  sendWith: SendShortcut;
  /**
   * Let the spellchecker download its dictionaries from Google's servers (Windows and Linux;
   * macOS uses the OS spellchecker and downloads nothing). Off by default: no spellchecker then.
   */
  downloadSpellingDictionaries: boolean;
  /** Keep keys in memory only, never on disk (offered where keys are only obfuscated). */
  sessionOnlyKeys: boolean;
  /** Where conversations, settings and keys live. */
  dataDir: string;
  /** Things the user must hear about once at start (e.g. settings reset after damage). */
  notices: string[];
}

/** What one conversation uses; unset fields follow the active profile. */
export interface ConversationSettingsView {
  profileId?: string;
  model?: string;
  systemPrompt?: string;
  /**
   * The MCP servers whose tools the model sees in this conversation; absent: every enabled
   * server. An empty list turns tools off for it.
   */
  toolServerIds?: string[];
}
