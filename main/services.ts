import { ChatService } from './chat/chat-service';
import { ConversationService, type FileDialogs } from './chat/conversation-service';
import { ConversationLibrary } from './storage/conversation-library';
import { searchMessages } from './storage/conversation-search';
import { ConversationStore } from './storage/conversation-store';
import { openDatabase } from './storage/database';
import { LinkOpener } from './links/link-opener';
import { createProvider } from './providers/create-provider';
import type { FetchLike, FetchVia } from './providers/types';
import type { KeyCipher } from './storage/key-cipher';
import type { KeyValueStore } from './storage/key-value-store';
import { ProfileSettings } from './storage/profile-settings';
import { SecretStore } from './storage/secret-store';
import { setAsideNotice } from './storage/set-aside';
import { SettingsFile } from './storage/settings-file';
import { localServerTargets } from './providers/local-servers';
import { SettingsService } from './settings/settings-service';
import { ToolsService } from './tools/tools-service';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AttachmentService } from './attachments/attachment-service';
import { ChatAttachmentsService } from './attachments/chat-attachments';
import { ListedCapabilities, ModelCapabilityRegistry } from './attachments/capabilities';
import { McpHub } from './mcp/mcp-hub';
import { stdioBaseEnvironment, type LoginEnvironmentReader } from './mcp/login-environment';
import { PermissionBroker } from './tools/permission-broker';
import { ToolSettings } from './tools/tool-settings';

/** Everything main's services need from the platform: Electron in the app, plain Node in tests. */
export interface Platform {
  env: Readonly<Record<string, string | undefined>>;
  fetch: FetchLike;
  /** A fetch through an explicit proxy URL (a profile's); absent: such profiles use `fetch`. */
  fetchVia?: FetchVia;
  /** The SQLite file conversations live in (`:memory:` for throwaway runs). */
  databasePath: string;
  settingsStore: KeyValueStore;
  secretsStore: KeyValueStore;
  cipher: KeyCipher;
  /** Hands a checked link to the user's browser (shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Puts text on the system clipboard (Electron's clipboard module in the app). */
  writeClipboard: (text: string) => void;
  /** Shows a conversation in the main window (quick ask's "Continue in Parley"); absent: ignored. */
  continueInMain?: (conversationId: string) => void;
  /** Where Parley's files live (userData); Settings → Data shows it. */
  dataDir?: string;
  /** Shows a folder in the file manager (shell.openPath); resolves to an error text, '' on success. */
  openPath?: (path: string) => Promise<string>;
  /** Sentences for the user at start; the platform adds one when it had to move a file aside. */
  notices?: string[];
  /** Save and Open dialogs for export and import. */
  dialogs: FileDialogs;
  /** Ask the model for conversation titles (default on; tests that script requests turn it off). */
  generateTitles?: boolean;
  idleTimeoutMs?: number;
  log?: (message: string, error: unknown) => void;
  /**
   * The login shell's environment, laid over `env` for stdio MCP servers (an app started from
   * the Dock has a bare PATH); absent: `env` alone (tests, Windows).
   */
  loginEnvironment?: LoginEnvironmentReader;
}

/** Main's services, wired together. */
export interface Services {
  chat: ChatService;
  conversations: ConversationService;
  profiles: ProfileSettings;
  /** App preferences and the settings window's provider tools. */
  settings: SettingsService;
  links: LinkOpener;
  /** MCP servers, tool permissions and each reply's tool loop. */
  tools: ToolsService;
  /** Files attached to messages: intake, storage, views. */
  attachments: AttachmentService;
  /** What will happen to files with a model, and what models take. */
  attachmentPlans: ChatAttachmentsService;
  writeClipboard: (text: string) => void;
  /** Shows a conversation in the main window and brings it forward. */
  continueInMain: (conversationId: string) => void;
  /** Stop every generation, then close the database (app quit, end of a test). */
  shutdown(): Promise<void>;
}

/** The composition root shared by the Electron app and the browser test harness. */
export function createServices(platform: Platform): Services {
  const notices = platform.notices ?? [];
  const db = openDatabase(platform.databasePath, platform.log, undefined, (aside) =>
    notices.push(setAsideNotice('conversation database', aside)),
  );
  // One connection, opened here and handed to each table's repository.
  const library = new ConversationLibrary(db);
  const store = new ConversationStore(db, Date.now, library, platform.log);
  const secrets = new SecretStore(platform.secretsStore, platform.cipher);
  const settingsFile = new SettingsFile(platform.settingsStore, { notices, log: platform.log });
  const profiles = new ProfileSettings(settingsFile, secrets, platform.env, (id) =>
    store.getConversationSettings(id),
  );
  // What model lists said about image and PDF input, kept for the session.
  const listed = new ListedCapabilities();
  const settings = new SettingsService({
    profiles,
    observeModels: (server) => listed.observer(server),
    secrets,
    env: platform.env,
    fetch: platform.fetch,
    fetchVia: platform.fetchVia,
    conversations: {
      get: (id) => store.getConversationSettings(id),
      set: (id, choice) => store.setConversationSettings(id, choice),
    },
    localServers: localServerTargets(platform.env),
    dataDir: platform.dataDir ?? '',
    openPath: platform.openPath,
    notices,
  });
  const interrupted = store.markInterrupted();
  if (interrupted > 0)
    platform.log?.(`marked ${interrupted} unfinished replies as interrupted`, null);
  // Attachments live beside the database; a throwaway (`:memory:`) run keeps them in a temp folder.
  const dataDir =
    platform.dataDir ||
    (platform.databasePath === ':memory:'
      ? mkdtempSync(join(tmpdir(), 'parley-data-'))
      : dirname(platform.databasePath));
  const attachments = new AttachmentService({
    store,
    dataDir,
    tempDir: join(tmpdir(), 'parley-attachments'),
    dialogs: platform.dialogs,
    openPath: platform.openPath,
    log: platform.log,
  });
  const attachmentPlans = new ChatAttachmentsService({
    service: attachments,
    capabilities: new ModelCapabilityRegistry(settingsFile, listed.lookup),
    activeProfile: (id) => profiles.active(id),
    profileServer: (id) => profiles.find(id),
    conversationFiles: (id) =>
      store.load(id)?.turns.flatMap((turn) => turn.attachments ?? []) ?? [],
  });
  const mcp = new McpHub({
    settings: settingsFile,
    secrets,
    log: platform.log,
    baseEnv: stdioBaseEnvironment(platform.loginEnvironment ?? (async () => ({})), platform.env),
  });
  const toolSettings = new ToolSettings(settingsFile);
  const tools = new ToolsService({
    hub: mcp,
    broker: new PermissionBroker(toolSettings),
    preferences: toolSettings,
    conversationServers: (id) => store.getConversationSettings(id).toolServerIds,
    conversationTitle: (id) => library.summary(id)?.title,
    openJsonFile: () => platform.dialogs.openJsonFile(),
  });
  // A conversation's own profile, model and system prompt win over the active profile.
  const activeProfile = (conversationId?: string) => profiles.active(conversationId);
  // The two services call each other through these hooks: chat tells the library about new
  // conversations and first replies (for titles); the library stops chat before a delete.
  let conversations: ConversationService | null = null;
  const chat = new ChatService({
    activeProfile,
    store,
    createProvider,
    fetch: platform.fetch,
    fetchVia: platform.fetchVia,
    idleTimeoutMs: platform.idleTimeoutMs,
    log: platform.log,
    tools: (id, kind) => tools.loopFor(id, kind),
    attachments: attachmentPlans,
    onChanged: (id, sink) => conversations?.notify(sink, id),
    onFirstReply: (id, turn, reply, sink) =>
      conversations?.titleAfterFirstReply(id, turn, reply, sink),
  });
  conversations = new ConversationService({
    store,
    library,
    search: (query, limit) => searchMessages(db, query, limit),
    chat,
    dialogs: platform.dialogs,
    generateTitles: platform.generateTitles ?? true,
    activeProfile,
    createProvider,
    fetch: platform.fetch,
    fetchVia: platform.fetchVia,
    idleTimeoutMs: platform.idleTimeoutMs,
    log: platform.log,
    attachments,
  });
  conversations.purgeDeleted();
  // After the purge: files no message uses any more, and drafts older than a day, go.
  attachments.sweep();
  const links = new LinkOpener(platform.openExternal);
  return {
    chat,
    conversations,
    profiles,
    settings,
    links,
    tools,
    attachments,
    attachmentPlans,
    writeClipboard: platform.writeClipboard,
    continueInMain: platform.continueInMain ?? (() => {}),
    async shutdown() {
      await chat.shutdown();
      tools.dispose();
      await mcp.shutdown();
      db.close();
    },
  };
}
