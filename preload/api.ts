/**
 * The one contract between Parley's processes: channel names, payload schemas, the data the
 * renderer sees and the events a stream delivers. Main validates with these schemas, the
 * preload builds `window.parley` from these tables, and the renderer imports only the types.
 */
import { z } from 'zod';

// ───────────────────────────── data the renderer sees ─────────────────────────────

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
  turns: Turn[];
}

/** A conversation as the sidebar lists it. */
export interface ConversationSummary {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
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

/** A conversation's listing changed (new title, pinned, created) or it was deleted (`summary` null). */
export interface ConversationChangedEvent {
  conversationId: string;
  summary: ConversationSummary | null;
}

/** Where the active provider profile came from. */
export type ProfileSource = 'saved' | 'environment' | 'default';

/** The active provider profile as the renderer may see it: never the key itself. */
export interface ProfileView {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  hasKey: boolean;
  source: ProfileSource;
  /** False when keys can only be obfuscated on this machine (Linux without a keyring). */
  keyEncrypted: boolean;
}

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
}

// ───────────────────────────── stream events (main → renderer) ─────────────────────────────

interface StreamEventBase {
  streamId: string;
  /** Increases by one per event of a stream, starting at 1. */
  seq: number;
}

/** Text (and reasoning) that arrived since the previous delta. */
export interface DeltaEvent extends StreamEventBase {
  type: 'delta';
  text: string;
  reasoning: string;
}

/**
 * The request failed before any text arrived and Parley will try again after `delayMs`
 * (Stop cancels). Never sent once text has arrived: then the user gets Regenerate instead.
 */
export interface RetryingEvent extends StreamEventBase, RetryState {
  type: 'retrying';
}

/** The reply streams on, but saving it failed: the user should know before closing Parley. */
export interface SaveFailedEvent extends StreamEventBase {
  type: 'save-failed';
  message: string;
}

/** The stream ended normally or was stopped; always the last event of its stream. */
export interface DoneEvent extends StreamEventBase {
  type: 'done';
  stopReason: StopReason;
  /** The provider's own stop reason, exactly as sent (see `Reply.providerStopReason`). */
  providerStopReason?: string;
  usage?: Usage;
  /** Saving the finished reply failed: what happened. */
  saveError?: string;
}

/** The stream failed; always the last event of its stream. Partial text stays. */
export interface ErrorEvent extends StreamEventBase {
  type: 'error';
  error: ChatError;
  usage?: Usage;
  /** Saving the reply failed: what happened. */
  saveError?: string;
}

/** Everything a stream delivers. Exactly one `done` or `error` ends each stream. */
export type ChatEvent = DeltaEvent | RetryingEvent | SaveFailedEvent | DoneEvent | ErrorEvent;

// ───────────────────────────── app commands (main → renderer) ─────────────────────────────

/** What a context-menu item acts on: the message under the pointer at (x, y), page pixels. */
export type ContextAction = 'copy-markdown' | 'regenerate' | 'edit';

/**
 * Something the native menu, the context menu or the quick-ask window asks the main window to
 * do. The page's own keyboard shortcuts do the same things; main never handles those keys.
 */
export type AppCommand =
  | {
      type:
        | 'new-conversation'
        | 'search'
        | 'settings'
        | 'stop'
        | 'regenerate'
        | 'previous-conversation'
        | 'next-conversation'
        | 'focus-composer'
        | 'shortcuts';
    }
  | { type: 'open-conversation'; conversationId: string }
  | { type: 'context'; action: ContextAction; x: number; y: number };

// ───────────────────────────── requests (renderer → main) ─────────────────────────────

/**
 * The payload schema main checks for each invoke channel. Built on demand, so the preload
 * bundle (which needs only the channel tables) never carries the schema library.
 */
export function createRequestSchemas() {
  const id = z.string().min(1).max(100);
  return {
    /** Send a user message; without a conversation id a new conversation starts. */
    'chat:send': z.strictObject({
      conversationId: id.optional(),
      text: z.string().min(1).max(1_000_000),
    }),
    /** Ask for a fresh version of a turn's reply. */
    'chat:regenerate': z.strictObject({ conversationId: id, turnId: id }),
    /**
     * Stop a running generation. Stopping one that already ended is not an error. `shownSeq` is
     * the last event the user saw: text that was still in flight is not kept.
     */
    'chat:stop': z.strictObject({ streamId: id, shownSeq: z.number().int().min(0).optional() }),
    /** Choose which version of a turn's reply the conversation continues from. */
    'chat:select-version': z.strictObject({
      conversationId: id,
      turnId: id,
      index: z.number().int().min(0).max(10_000),
    }),
    /**
     * A conversation as main holds it; without an id, the most recent one. With `revealMessageId`
     * main first switches to the branch that holds that message (opening a search hit).
     */
    'chat:snapshot': z.strictObject({
      conversationId: id.optional(),
      revealMessageId: id.optional(),
    }),
    /** Edit a user message and resend it: a sibling version of it starts a new branch. */
    'chat:edit': z.strictObject({
      conversationId: id,
      turnId: id,
      text: z.string().min(1).max(1_000_000),
    }),
    /** Switch to another version of a user message (and the branch below it). */
    'chat:select-user-version': z.strictObject({
      conversationId: id,
      turnId: id,
      index: z.number().int().min(0).max(10_000),
    }),
    /** The sidebar's page of conversations: pinned first, then most recently updated. */
    'conversations:list': z.strictObject({
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    'conversations:rename': z.strictObject({
      conversationId: id,
      title: z.string().trim().min(1, 'A title cannot be empty.').max(200),
    }),
    'conversations:set-pinned': z.strictObject({ conversationId: id, pinned: z.boolean() }),
    /** Delete a conversation; it can be restored (Undo) until Parley next starts. */
    'conversations:delete': z.strictObject({ conversationId: id }),
    'conversations:restore': z.strictObject({ conversationId: id }),
    /** Full-text search over every message. */
    'conversations:search': z.strictObject({
      query: z.string().trim().min(1).max(500),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    /** Export a conversation through a Save dialog: its current branch, or the whole tree (JSON). */
    'conversations:export': z.strictObject({
      conversationId: id,
      format: z.enum(['markdown', 'json']),
      scope: z.enum(['branch', 'tree']),
    }),
    /** Import a JSON export chosen in an Open dialog. */
    'conversations:import': z.union([z.undefined(), z.null(), z.strictObject({})]),
    'settings:get-profile': z.union([z.undefined(), z.null(), z.strictObject({})]),
    /** Save the provider profile. `apiKey`: a string sets it, null removes it, absent keeps it. */
    'settings:save-profile': z.strictObject({
      kind: z.enum(providerKinds),
      baseUrl: z
        .string()
        .trim()
        .max(2_000)
        .refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), {
          message: 'Base URL must be an http:// or https:// address.',
        }),
      model: z.string().trim().min(1, 'Model is required.').max(200),
      apiKey: z.string().trim().min(1).max(10_000).nullable().optional(),
    }),
    ...providerSchemas(id),
    /** Open a link from a reply in the user's browser; main checks the scheme again. */
    'links:open': z.strictObject({ url: z.string().min(1).max(8_000) }),
    /** Put text on the system clipboard (the sandboxed page has no clipboard permission). */
    'clipboard:write-text': z.strictObject({ text: z.string().max(50_000_000) }),
    /** The quick-ask window hands its conversation to the main window. */
    'app:continue-in-main': z.strictObject({ conversationId: id }),
  } as const;
}

/** The payload schemas of the provider, model and settings channels. */
function providerSchemas(id: z.ZodString) {
  const noPayload = z.union([z.undefined(), z.null(), z.strictObject({})]);
  const httpUrl = z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), {
      message: 'Base URL must be an http:// or https:// address.',
    });
  /** An explicit proxy for a profile's requests; absent means the system proxy. */
  const proxyUrl = z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^(https?|socks5):\/\/\S+$/i.test(value) && URL.canParse(value), {
      message: 'Proxy URL must be an http://, https:// or socks5:// address.',
    });
  const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Not a header name.');
  const headers = z
    .record(
      headerName,
      z
        .string()
        .max(4_000)
        .regex(/^[^\r\n]*$/, 'One line per header.'),
    )
    .refine((value) => Object.keys(value).length <= 30, 'At most 30 extra headers.');
  const apiKey = z.string().trim().min(1).max(10_000);
  /** Where to connect: a saved profile's key is used unless the form carries a new one. */
  const target = z.strictObject({
    profileId: id.optional(),
    kind: z.enum(providerKinds),
    baseUrl: httpUrl,
    headers: headers.optional(),
    proxyUrl: proxyUrl.optional(),
    apiKey: apiKey.optional(),
  });
  return {
    'profiles:list': noPayload,
    /** Create (no id) or update a profile. `apiKey`: a string sets it, null removes it, absent keeps it. */
    'profiles:save': z.strictObject({
      id: id.optional(),
      name: z.string().trim().min(1, 'Name is required.').max(100),
      preset: z.enum(presetIds),
      kind: z.enum(providerKinds),
      baseUrl: httpUrl,
      model: z.string().trim().min(1, 'Model is required.').max(200),
      headers: headers.default({}),
      defaults: z
        .strictObject({
          temperature: z.number().min(0).max(2).optional(),
          maxOutputTokens: z.number().int().min(1).max(1_000_000).optional(),
          thinkingBudget: z.number().int().min(1024).max(1_000_000).optional(),
          reasoningEffort: z.enum(reasoningEfforts).optional(),
        })
        .default({}),
      proxyUrl: proxyUrl.optional(),
      apiKey: apiKey.nullable().optional(),
    }),
    'profiles:delete': z.strictObject({ id }),
    'profiles:set-active': z.strictObject({ id }),
    /** List the models a server offers. */
    'models:list': target,
    /** The cheapest real request with these settings. */
    'connection:test': target.extend({ model: z.string().trim().min(1).max(200) }),
    /** Look for Ollama and LM Studio on this machine. */
    'local-servers:probe': noPayload,
    'settings:get': noPayload,
    'settings:set': z.strictObject({
      theme: z.enum(['system', 'light', 'dark']).optional(),
      fontSize: z.enum(fontSizes).optional(),
      sendWith: z.enum(['enter', 'mod-enter']).optional(),
      sessionOnlyKeys: z.boolean().optional(),
    }),
    /** Show the data folder in the file manager. */
    'settings:open-data-folder': noPayload,
    'conversation-settings:get': z.strictObject({ conversationId: id }),
    /** Change what a conversation uses; an empty system prompt clears it. */
    'conversation-settings:set': z.strictObject({
      conversationId: id,
      profileId: id.optional(),
      model: z.string().trim().min(1).max(200).optional(),
      systemPrompt: z.string().max(100_000).optional(),
    }),
  } as const;
}

type RequestSchemas = ReturnType<typeof createRequestSchemas>;

export type SendRequest = z.infer<RequestSchemas['chat:send']>;
export interface SendResult {
  conversationId: string;
  turn: Turn;
}
export type RegenerateRequest = z.infer<RequestSchemas['chat:regenerate']>;
export interface RegenerateResult {
  turnId: string;
  reply: Reply;
  activeReply: number;
}
export type StopRequest = z.infer<RequestSchemas['chat:stop']>;
export type SelectVersionRequest = z.infer<RequestSchemas['chat:select-version']>;
export type SnapshotRequest = z.infer<RequestSchemas['chat:snapshot']>;
export type EditRequest = z.infer<RequestSchemas['chat:edit']>;
export type SelectUserVersionRequest = z.infer<RequestSchemas['chat:select-user-version']>;
export type ListConversationsRequest = z.infer<RequestSchemas['conversations:list']>;
export interface ListConversationsResult {
  items: ConversationSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
export type RenameRequest = z.infer<RequestSchemas['conversations:rename']>;
export type SetPinnedRequest = z.infer<RequestSchemas['conversations:set-pinned']>;
export type DeleteConversationRequest = z.infer<RequestSchemas['conversations:delete']>;
export type RestoreConversationRequest = z.infer<RequestSchemas['conversations:restore']>;
export type SearchRequest = z.infer<RequestSchemas['conversations:search']>;
export type ExportRequest = z.infer<RequestSchemas['conversations:export']>;
/** `saved` is false when the user cancelled the dialog. */
export interface ExportResult {
  saved: boolean;
  fileName: string;
}
/** Null when the user cancelled the dialog. */
export type ImportResult = { conversationId: string } | null;
export type SaveProfileRequest = z.infer<RequestSchemas['settings:save-profile']>;
export type SaveProviderProfileRequest = z.input<RequestSchemas['profiles:save']>;
export type ConnectionTarget = z.infer<RequestSchemas['models:list']>;
export type ConnectionTestRequest = z.infer<RequestSchemas['connection:test']>;
export type SetAppSettingsRequest = z.infer<RequestSchemas['settings:set']>;
export type SetConversationSettingsRequest = z.infer<RequestSchemas['conversation-settings:set']>;
/** A saved profile and the state after saving it. */
export interface SaveProviderProfileResult {
  profile: ProviderProfileView;
  state: ProfilesState;
}
export type OpenLinkRequest = z.infer<RequestSchemas['links:open']>;
export type WriteClipboardRequest = z.infer<RequestSchemas['clipboard:write-text']>;
export type ContinueInMainRequest = z.infer<RequestSchemas['app:continue-in-main']>;

// ───────────────────────────── results ─────────────────────────────

/** Why main refused a call (as opposed to a provider failure, which arrives as a stream event). */
export interface IpcFailure {
  kind: 'invalid_payload' | 'forbidden' | 'not_found' | 'busy' | 'storage' | 'internal';
  message: string;
}

/** Every invoke resolves to this; it never rejects with an Error whose text the user would see. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcFailure };

// ───────────────────────────── the API and its channels ─────────────────────────────

/** What `window.parley` offers the renderer. */
export interface ParleyApi {
  chat: {
    send(request: SendRequest): Promise<IpcResult<SendResult>>;
    regenerate(request: RegenerateRequest): Promise<IpcResult<RegenerateResult>>;
    stop(request: StopRequest): Promise<IpcResult<null>>;
    selectVersion(request: SelectVersionRequest): Promise<IpcResult<null>>;
    snapshot(request: SnapshotRequest): Promise<IpcResult<ConversationSnapshot | null>>;
    /** Edit a user message and resend: returns the conversation on its new branch. */
    edit(request: EditRequest): Promise<IpcResult<ConversationSnapshot>>;
    /** Page a user message's versions: returns the conversation on that branch. */
    selectUserVersion(request: SelectUserVersionRequest): Promise<IpcResult<ConversationSnapshot>>;
    /** Receive every stream event; returns the function that unsubscribes. */
    onEvent(listener: (event: ChatEvent) => void): () => void;
  };
  settings: {
    getProfile(): Promise<IpcResult<ProfileView>>;
    saveProfile(request: SaveProfileRequest): Promise<IpcResult<ProfileView>>;
    get(): Promise<IpcResult<AppSettingsView>>;
    set(request: SetAppSettingsRequest): Promise<IpcResult<AppSettingsView>>;
    openDataFolder(): Promise<IpcResult<null>>;
  };
  profiles: {
    list(): Promise<IpcResult<ProfilesState>>;
    save(request: SaveProviderProfileRequest): Promise<IpcResult<SaveProviderProfileResult>>;
    delete(request: { id: string }): Promise<IpcResult<ProfilesState>>;
    setActive(request: { id: string }): Promise<IpcResult<ProfilesState>>;
  };
  models: {
    list(request: ConnectionTarget): Promise<IpcResult<ModelListResult>>;
  };
  connection: {
    test(request: ConnectionTestRequest): Promise<IpcResult<ConnectionTestResult>>;
  };
  localServers: {
    probe(): Promise<IpcResult<{ servers: LocalServer[] }>>;
  };
  conversationSettings: {
    get(request: { conversationId: string }): Promise<IpcResult<ConversationSettingsView>>;
    set(request: SetConversationSettingsRequest): Promise<IpcResult<ConversationSettingsView>>;
  };
  conversations: {
    list(request: ListConversationsRequest): Promise<IpcResult<ListConversationsResult>>;
    rename(request: RenameRequest): Promise<IpcResult<ConversationSummary>>;
    setPinned(request: SetPinnedRequest): Promise<IpcResult<ConversationSummary>>;
    delete(request: DeleteConversationRequest): Promise<IpcResult<null>>;
    restore(request: RestoreConversationRequest): Promise<IpcResult<ConversationSummary>>;
    search(request: SearchRequest): Promise<IpcResult<{ hits: SearchHit[] }>>;
    export(request: ExportRequest): Promise<IpcResult<ExportResult>>;
    import(): Promise<IpcResult<ImportResult>>;
    /** Hear about titles generated, conversations created, renamed, pinned or deleted. */
    onChanged(listener: (event: ConversationChangedEvent) => void): () => void;
  };
  links: {
    /** Open an http(s) or mailto link in the user's browser; anything else is refused. */
    open(request: OpenLinkRequest): Promise<IpcResult<null>>;
  };
  clipboard: {
    /** Copy text (a reply as markdown, a code block) to the system clipboard. */
    writeText(request: WriteClipboardRequest): Promise<IpcResult<null>>;
  };
  app: {
    /** Open a conversation in the main window and bring it forward (quick ask's "Continue"). */
    continueInMain(request: ContinueInMainRequest): Promise<IpcResult<null>>;
    /** Hear the menu's, context menu's and quick ask's commands; returns the way to stop. */
    onCommand(listener: (command: AppCommand) => void): () => void;
  };
}

/** Invoke channels, by the `ParleyApi` method that uses them. */
export const invokeChannels = {
  chat: {
    send: 'chat:send',
    regenerate: 'chat:regenerate',
    stop: 'chat:stop',
    selectVersion: 'chat:select-version',
    snapshot: 'chat:snapshot',
    edit: 'chat:edit',
    selectUserVersion: 'chat:select-user-version',
  },
  conversations: {
    list: 'conversations:list',
    rename: 'conversations:rename',
    setPinned: 'conversations:set-pinned',
    delete: 'conversations:delete',
    restore: 'conversations:restore',
    search: 'conversations:search',
    export: 'conversations:export',
    import: 'conversations:import',
  },
  settings: {
    getProfile: 'settings:get-profile',
    saveProfile: 'settings:save-profile',
    get: 'settings:get',
    set: 'settings:set',
    openDataFolder: 'settings:open-data-folder',
  },
  profiles: {
    list: 'profiles:list',
    save: 'profiles:save',
    delete: 'profiles:delete',
    setActive: 'profiles:set-active',
  },
  models: { list: 'models:list' },
  connection: { test: 'connection:test' },
  localServers: { probe: 'local-servers:probe' },
  conversationSettings: {
    get: 'conversation-settings:get',
    set: 'conversation-settings:set',
  },
  links: {
    open: 'links:open',
  },
  clipboard: {
    writeText: 'clipboard:write-text',
  },
  app: { continueInMain: 'app:continue-in-main' },
} as const;

/** Event channels (main → renderer), by the `ParleyApi` subscription method that uses them. */
export const eventChannels = {
  chat: { onEvent: 'chat:event' },
  conversations: { onChanged: 'conversations:changed' },
  app: { onCommand: 'app:command' },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** Every invoke channel name. */
export type InvokeChannel = Leaves<typeof invokeChannels>;

/** Every event channel name. */
export type EventChannel = Leaves<typeof eventChannels>;

/** The payload type main receives on an invoke channel, after validation. */
export type RequestOf<C extends InvokeChannel> = z.infer<RequestSchemas[C]>;

/** How a bridge reaches main: the preload uses ipcRenderer, the test harness a page binding. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Build `window.parley` from the channel tables, so every bridge has exactly the same shape. */
export function buildParleyApi(transport: BridgeTransport): ParleyApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [group, methods] of Object.entries(invokeChannels)) {
    const target = (api[group] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      target[method] = (payload?: unknown) => transport.invoke(channel, payload ?? null);
    }
  }
  for (const [group, methods] of Object.entries(eventChannels)) {
    const target = (api[group] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      target[method] = (listener: (payload: unknown) => void) => {
        if (typeof listener !== 'function') throw new TypeError(`${method} needs a function`);
        return transport.subscribe(channel, listener);
      };
    }
  }
  return api as unknown as ParleyApi;
}
