import type {
  ProviderKind,
  AppSettingsView,
  ConnectionTarget,
  ConnectionTestRequest,
  ConnectionTestResult,
  ConversationSettingsView,
  LocalServer,
  ModelListResult,
  SetAppSettingsRequest,
  SetConversationSettingsRequest,
} from '../../preload/api';
import { IpcFailureError } from '../errors/ipc-failure';
import { redactError } from '../errors/redact';
import { testConnection } from '../providers/connection-test';
import { probeLocalServers, type LocalServerTarget } from '../providers/local-servers';
import { listModels, type ModelEntryObserver } from '../providers/models';
import { providerConfigFor, providerFor, type ProviderRoute } from '../providers/provider-for';
import type { FetchLike, FetchVia } from '../providers/types';
import { environmentProfile, trimSlash, type Environment } from '../storage/environment-profile';
import type {
  ConversationChoice,
  ConversationChoiceChange,
  ProfileSettings,
} from '../storage/profile-settings';
import type { SecretStore } from '../storage/secret-store';

/** Reads and changes one conversation's choices (ConversationStore in the app). */
export interface ConversationChoiceStore {
  get(conversationId: string): ConversationChoice;
  set(conversationId: string, choice: ConversationChoiceChange): void;
}

/** What the settings service needs from the rest of main. */
export interface SettingsServiceOptions {
  profiles: ProfileSettings;
  /**
   * Sees each listed model's raw entry for a server (what it says about image and PDF input is
   * kept: main/attachments/capabilities.ts); absent: nothing is kept.
   */
  observeModels?: (server: { kind: ProviderKind; baseUrl: string }) => ModelEntryObserver;
  secrets: SecretStore;
  env: Environment;
  fetch: FetchLike;
  /** A fetch through a profile's explicit proxy; absent: such profiles use `fetch`. */
  fetchVia?: FetchVia;
  conversations: ConversationChoiceStore;
  localServers: readonly LocalServerTarget[];
  /** Where Parley keeps its files; shown in Settings → Data. */
  dataDir: string;
  /** Shows a folder in the file manager (shell.openPath); resolves to an error text, '' on success. */
  openPath?: (path: string) => Promise<string>;
  /** Sentences for the user at start (damaged settings, …). */
  notices: readonly string[];
}

/**
 * App preferences, and the provider tools the settings window uses: list models, test a
 * connection, find local servers, and each conversation's model and system prompt.
 */
export class SettingsService {
  private readonly listeners = new Set<(view: AppSettingsView) => void>();

  constructor(private readonly options: SettingsServiceOptions) {}

  /** Be told after every change of preferences (main follows the theme this way). */
  onChange(listener: (view: AppSettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The app preferences and where the data lives. */
  view(): AppSettingsView {
    const { appearance, behaviour, keys } = this.options.profiles.file.read();
    return {
      theme: appearance.theme,
      fontSize: appearance.fontSize,
      sendWith: behaviour.sendWith,
      downloadSpellingDictionaries: behaviour.downloadSpellingDictionaries,
      sessionOnlyKeys: keys.sessionOnly,
      dataDir: this.options.dataDir,
      notices: [...this.options.notices],
    };
  }

  /** Change preferences; turning session-only keys on takes saved keys off the disk at once. */
  async update(request: SetAppSettingsRequest): Promise<AppSettingsView> {
    const before = this.view();
    this.options.profiles.file.update((draft) => {
      if (request.theme) draft.appearance.theme = request.theme;
      if (request.fontSize) draft.appearance.fontSize = request.fontSize;
      if (request.sendWith) draft.behaviour.sendWith = request.sendWith;
      if (request.downloadSpellingDictionaries !== undefined) {
        draft.behaviour.downloadSpellingDictionaries = request.downloadSpellingDictionaries;
      }
      if (request.sessionOnlyKeys !== undefined) draft.keys.sessionOnly = request.sessionOnlyKeys;
    });
    if (request.sessionOnlyKeys === true && !before.sessionOnlyKeys) {
      await this.options.secrets.forgetOnDisk();
    } else if (request.sessionOnlyKeys === false && before.sessionOnlyKeys) {
      await this.options.secrets.keepOnDisk();
    }
    const after = this.view();
    for (const listener of [...this.listeners]) listener(after);
    return after;
  }

  /** Show the data folder in the file manager. */
  async openDataFolder(): Promise<void> {
    const failure = (await this.options.openPath?.(this.options.dataDir)) ?? '';
    if (failure) throw new IpcFailureError('internal', `Could not open the folder: ${failure}`);
  }

  /** The models a server offers. */
  async listModels(target: ConnectionTarget): Promise<ModelListResult> {
    const route = await this.route(target);
    const config = providerConfigFor(route, this.options);
    const observer = this.options.observeModels?.({ kind: route.kind, baseUrl: route.baseUrl });
    const result = await listModels(config, undefined, observer);
    // A saved or environment key was filled in here, never sent by the page: a server that
    // echoes it in an error must not hand it to the page.
    return result.ok ? result : { ...result, error: redactError(result.error, config.apiKey) };
  }

  /** The cheapest real request with these settings. */
  async testConnection(request: ConnectionTestRequest): Promise<ConnectionTestResult> {
    const route = await this.route(request);
    const config = providerConfigFor(route, this.options);
    // The same provider chat would use (providerFor), so the test proves what chat will do.
    const result = await testConnection(config, request.model, providerFor(route, this.options));
    return result.ok ? result : { ...result, error: redactError(result.error, config.apiKey) };
  }

  /** Ollama and LM Studio, where they answer. */
  async probeLocalServers(): Promise<LocalServer[]> {
    return probeLocalServers(this.options.fetch, this.options.localServers);
  }

  /** What a conversation uses (unset fields follow the active profile). */
  conversationSettings(conversationId: string): ConversationSettingsView {
    return this.options.conversations.get(conversationId);
  }

  /** Switch a conversation's profile or model, or set its system prompt. */
  setConversationSettings(request: SetConversationSettingsRequest): ConversationSettingsView {
    const { conversationId, ...choice } = request;
    if (choice.profileId !== undefined && !this.options.profiles.find(choice.profileId)) {
      throw new IpcFailureError('not_found', 'That provider profile no longer exists.');
    }
    this.options.conversations.set(conversationId, choice);
    return this.conversationSettings(conversationId);
  }

  /**
   * Connection settings for a form the renderer sent. A saved key goes only to the address it
   * was saved for, through the proxy it was saved with: a renderer must not be able to send it
   * to a URL, or through a proxy, of its choosing.
   */
  private async route(target: ConnectionTarget): Promise<ProviderRoute> {
    const baseUrl = trimSlash(target.baseUrl);
    const proxy = target.proxyUrl ?? '';
    let apiKey = target.apiKey ?? null;
    if (apiKey === null) {
      const saved = this.options.profiles.find(target.profileId);
      const fromEnv = environmentProfile(this.options.env);
      const sameRoute = (kind: string, url: string, savedProxy: string) =>
        kind === target.kind && url === baseUrl && savedProxy === proxy;
      if (saved && sameRoute(saved.kind, saved.baseUrl, saved.proxyUrl ?? '')) {
        apiKey = await this.options.profiles.keyFor(saved);
      } else if (fromEnv && sameRoute(fromEnv.kind, fromEnv.baseUrl, '')) {
        apiKey = fromEnv.apiKey;
      }
    }
    return {
      kind: target.kind,
      baseUrl,
      apiKey,
      headers: target.headers,
      proxyUrl: target.proxyUrl,
    };
  }
}
