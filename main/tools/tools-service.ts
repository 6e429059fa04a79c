/**
 * Settings → Tools and the approval cards, behind the `tools:*` channels: MCP servers (through
 * the hub), the permission broker's rules, the tool preferences, and the tool loop each reply
 * gets (`loopFor`). Windows that showed the tools state hear every server change on
 * `tools:server-changed`.
 */
import type {
  DecideToolCallRequest,
  McpImportResult,
  McpServerView,
  ProviderKind,
  RequestOf,
  SetToolPreferencesRequest,
  ToolPreferences,
  ToolsState,
} from '../../preload/api';
import type { ToolLoopOptions } from './tool-loop';
import { IpcFailureError } from '../errors/ipc-failure';
import { sendEvent, type EventTarget } from '../events/send-event';

/** A window that hears server changes (Electron's WebContents has this shape). */
type Listener = EventTarget & { isDestroyed(): boolean };
import { maxToolsPerRequest } from '../providers/wire-formats';
import type { PermissionBroker } from './permission-broker';
import type { ToolSource } from './tool-source';
import { buildToolset } from './toolset';

/** The MCP hub as the tools service uses it (main/mcp/mcp-hub.ts). */
export interface ServerAdmin extends ToolSource {
  /** Every server's view; `start` (default true) starts enabled servers that are stopped. */
  views(start?: boolean): McpServerView[];
  saveServer(input: RequestOf<'tools:save-server'>): Promise<McpServerView>;
  removeServer(id: string): Promise<void>;
  connectServer(id: string): Promise<McpServerView>;
  setToolEnabled(serverId: string, tool: string, enabled: boolean): McpServerView;
  importServers(json: string): Promise<McpImportResult>;
  /** Called with a server's view on every status or tools change; returns the unsubscribe. */
  onChange(listener: (view: McpServerView) => void): () => void;
}

/** What the tools service needs. */
export interface ToolsServiceOptions {
  hub: ServerAdmin;
  broker: PermissionBroker;
  preferences: { get(): ToolPreferences; set(change: Partial<ToolPreferences>): void };
  /** The servers a conversation's model sees (absent: every enabled server). */
  conversationServers: (conversationId: string) => string[] | undefined;
  conversationTitle: (conversationId: string) => string | undefined;
  /** Asks the user for a JSON file and reads it; null when they cancelled. */
  openJsonFile: () => Promise<string | null>;
}

/** The tools channels' logic, and each reply's tool loop. */
export class ToolsService {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: ToolsServiceOptions) {
    this.unsubscribe = options.hub.onChange((view) => {
      for (const sink of this.listeners) {
        if (sink.isDestroyed()) this.listeners.delete(sink);
        else sendEvent(sink, 'tools:server-changed', view);
      }
    });
  }

  /**
   * The tool loop of a reply in `conversationId` to a provider of `kind`: the tools of the
   * servers the conversation uses (none configured or all switched off: undefined, a plain
   * reply), capped at the provider's limit, decided by the broker.
   */
  loopFor(conversationId: string, kind: ProviderKind): ToolLoopOptions | undefined {
    const { hub, broker, preferences } = this.options;
    const serverIds = this.options.conversationServers(conversationId);
    const anyEnabled = hub
      .views(false)
      .some(
        (server) => server.enabled && (serverIds === undefined || serverIds.includes(server.id)),
      );
    if (!anyEnabled) return undefined;
    return {
      load: async (signal) => {
        const { tools, problems } = await hub.listTools(serverIds, signal);
        return buildToolset(tools, problems, maxToolsPerRequest[kind]);
      },
      source: hub,
      broker,
      conversationId,
      stepLimit: preferences.get().stepLimit,
    };
  }

  /** The user's answer on an approval card (see `PermissionBroker.decide`). */
  decide(request: DecideToolCallRequest): null {
    this.options.broker.decide(
      request.streamId,
      request.callId,
      request.decision,
      request.arguments,
    );
    return null;
  }

  /**
   * Servers, rules and preferences; `sink` hears server changes from now on. `start`: start the
   * enabled servers that are not running (Settings shows them); else nothing starts.
   */
  state(sink?: Listener, start = false): ToolsState {
    if (sink) this.listeners.add(sink);
    const servers = this.options.hub.views(start);
    const names = new Map(servers.map((server) => [server.id, server.name]));
    return {
      servers,
      rules: this.options.broker.rules({
        server: (id) => names.get(id),
        conversation: this.options.conversationTitle,
      }),
      preferences: this.options.preferences.get(),
    };
  }

  saveServer(request: RequestOf<'tools:save-server'>): Promise<McpServerView> {
    if (request.transport === 'stdio' && !request.command) {
      throw new IpcFailureError('invalid_payload', 'A stdio server needs a command to start.');
    }
    if (request.transport !== 'stdio' && !request.url) {
      throw new IpcFailureError('invalid_payload', 'An HTTP server needs its URL.');
    }
    return this.options.hub.saveServer(request);
  }

  async removeServer(id: string): Promise<null> {
    await this.options.hub.removeServer(id);
    this.options.broker.forgetServer(id);
    return null;
  }

  connectServer(id: string): Promise<McpServerView> {
    return this.options.hub.connectServer(id);
  }

  setToolEnabled(serverId: string, tool: string, enabled: boolean): McpServerView {
    return this.options.hub.setToolEnabled(serverId, tool, enabled);
  }

  /** Import pasted `mcpServers` JSON, or (no `json`) a file the user picks; null: cancelled. */
  async importServers(json: string | undefined): Promise<McpImportResult | null> {
    const text = json ?? (await this.options.openJsonFile());
    if (text === null) return null;
    return this.options.hub.importServers(text);
  }

  removeRule(id: string): ToolsState {
    this.options.broker.removeRule(id);
    return this.state(undefined, false);
  }

  setPreferences(request: SetToolPreferencesRequest): ToolsState {
    const change: Partial<ToolPreferences> = {};
    if (request.stepLimit !== undefined) change.stepLimit = request.stepLimit;
    if (request.autoAllowReadOnly !== undefined)
      change.autoAllowReadOnly = request.autoAllowReadOnly;
    this.options.preferences.set(change);
    return this.state();
  }

  /** Stop listening to the hub (shutdown). */
  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
