/**
 * The MCP hub: every configured MCP server, as the tool loop (`ToolSource`) and Settings →
 * Tools see them. It keeps the server configs in the settings document (`tools.servers`) and
 * their environment/header values in the secret store (`mcpSecretKey`), starts servers lazily
 * (on the first `listTools`, `views()` or `connect`), keeps them connected, restarts a crashed
 * server with exponential backoff, and tells `onChange` listeners about every status or tool
 * change (the lead forwards those as `tools:server-changed`).
 */
import { randomUUID } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type {
  McpImportResult,
  McpServerStatus,
  McpServerView,
  McpStartProblem,
  McpToolView,
  ToolResult,
} from '../../preload/api';
import type { RequestOf } from '../../preload/api/channels';
import { IpcFailureError } from '../errors/ipc-failure';
import type { SecretStore } from '../storage/secret-store';
import type { SettingsFile } from '../storage/settings-file';
import { mcpSecretKey, type StoredMcpServer } from '../storage/settings-schema';
import {
  ToolCallError,
  type AvailableTool,
  type ToolSource,
  type ToolSourceProblem,
} from '../tools/tool-source';
import {
  McpConnection,
  McpStartError,
  type McpConnectionOptions,
  type McpServerConfig,
} from './mcp-connection';
import { parseMcpServers } from './mcp-import';

/** A server config as `tools:save-server` delivers it (validated by the channel schema). */
export type SaveMcpServerInput = RequestOf<'tools:save-server'>;

/** How a crashed server is started again. */
export interface RestartPolicy {
  /** The first wait, in ms (default 1000); each next wait doubles. */
  firstDelayMs: number;
  /** The longest wait, in ms (default 30 000). */
  maxDelayMs: number;
  /** How many restarts in a row before the server is left `failed` (default 5). */
  maxAttempts: number;
}

/** What the hub needs. */
export interface McpHubOptions {
  /** The settings document (its `tools.servers`). */
  settings: SettingsFile;
  /** Where env and header values live. */
  secrets: SecretStore;
  /** Main's log; server stderr lines go here too, one line each. */
  log?: (message: string, error: unknown) => void;
  /**
   * The environment stdio servers start with, before their own `env`: in the app,
   * process.env with the login shell's environment merged in (see login-environment.ts).
   */
  baseEnv?: () => Promise<Record<string, string>>;
  /** Passed to each connection (timeouts, caps); `log`, `baseEnv` and callbacks are the hub's. */
  connection?: Omit<McpConnectionOptions, 'log' | 'baseEnv' | 'onToolsChanged' | 'onLost'>;
  restart?: Partial<RestartPolicy>;
  /** New server ids (default: random UUIDs). */
  newId?: () => string;
}

/** What the hub holds for one server while Parley runs. */
interface Runtime {
  status: McpServerStatus;
  connection: McpConnection | null;
  /** The start in progress, if any. */
  starting: Promise<void> | null;
  /** The tools as last listed (kept while stopped, so Settings can still show them). */
  tools: Tool[];
  restartTimer: NodeJS.Timeout | null;
  /** Restarts in a row since the last good start. */
  attempt: number;
  /** Bumped whenever the server is stopped or reconfigured: late events of older starts are ignored. */
  generation: number;
}

/** The MCP servers: configs, connections and the tools they offer. */
export class McpHub implements ToolSource {
  private readonly runtimes = new Map<string, Runtime>();
  private readonly listeners = new Set<(view: McpServerView) => void>();
  private readonly restartPolicy: RestartPolicy;
  private shutDown = false;

  constructor(private readonly options: McpHubOptions) {
    this.restartPolicy = {
      firstDelayMs: options.restart?.firstDelayMs ?? 1_000,
      maxDelayMs: options.restart?.maxDelayMs ?? 30_000,
      maxAttempts: options.restart?.maxAttempts ?? 5,
    };
  }

  /** Call `listener` with a server's view whenever its status or tools change. Returns an unsubscribe. */
  onChange(listener: (view: McpServerView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Every configured server as Settings shows it (the `servers` part of `tools:state`). With
   * `start` (default), enabled servers that have not been started yet start now, in the
   * background: their views say `starting`, and `onChange` reports how it went.
   */
  views(start = true): McpServerView[] {
    const servers = this.stored();
    for (const server of start ? servers : []) {
      if (server.enabled && this.runtime(server.id).status.state === 'stopped')
        void this.ensureStarted(server.id);
    }
    return servers.map((server) => this.viewOf(server));
  }

  /** One server's view. Throws `IpcFailureError('not_found')` for an unknown id. */
  view(id: string): McpServerView {
    return this.viewOf(this.storedById(id));
  }

  /**
   * Add (no `id`) or change a server (`tools:save-server`). In `env` and `headers`, null keeps
   * the stored value of that name and a name left out is removed. A running server is stopped
   * and, when enabled, started again with the new settings. Throws `IpcFailureError`
   * (`invalid_payload`) when a stdio server has no command or an HTTP server no url, and
   * (`not_found`) for an unknown id.
   */
  async saveServer(input: SaveMcpServerInput): Promise<McpServerView> {
    if (input.transport === 'stdio' && !input.command)
      throw new IpcFailureError('invalid_payload', 'A local (stdio) server needs a command.');
    if (input.transport !== 'stdio') {
      if (!input.url) throw new IpcFailureError('invalid_payload', 'This server needs a URL.');
      if (!/^https?:\/\//i.test(input.url))
        throw new IpcFailureError(
          'invalid_payload',
          'The URL must start with http:// or https://.',
        );
    }
    const existing = input.id ? this.storedById(input.id) : undefined;
    const id = existing?.id ?? this.options.newId?.() ?? randomUUID();
    const stdio = input.transport === 'stdio';
    // Only the transport's own kind is kept: switching a server from stdio to HTTP drops its
    // environment secrets (and the other way round), so none are left orphaned in the store.
    const envNames = await this.saveSecrets(
      id,
      'env',
      stdio ? input.env : {},
      existing?.envNames ?? [],
    );
    const headerNames = await this.saveSecrets(
      id,
      'header',
      stdio ? {} : input.headers,
      existing?.headerNames ?? [],
    );
    const server: StoredMcpServer = {
      id,
      name: input.name,
      enabled: input.enabled,
      transport: input.transport,
      ...(input.transport === 'stdio' && input.command ? { command: input.command } : {}),
      args: input.transport === 'stdio' ? input.args : [],
      ...(input.transport === 'stdio' && input.cwd ? { cwd: input.cwd } : {}),
      ...(input.transport !== 'stdio' && input.url ? { url: input.url } : {}),
      envNames,
      headerNames,
      disabledTools: existing?.disabledTools ?? [],
    };
    this.options.settings.update((draft) => {
      const index = draft.tools.servers.findIndex((s) => s.id === id);
      if (index >= 0) draft.tools.servers[index] = server;
      else draft.tools.servers.push(server);
    });
    await this.stop(id);
    if (server.enabled) void this.ensureStarted(id);
    else this.changed(id);
    return this.view(id);
  }

  /** Remove a server: stop it and delete its config and secrets. Unknown ids are ignored. */
  async removeServer(id: string): Promise<void> {
    const server = this.stored().find((s) => s.id === id);
    await this.stop(id);
    this.runtimes.delete(id);
    if (!server) return;
    this.options.settings.update((draft) => {
      draft.tools.servers = draft.tools.servers.filter((s) => s.id !== id);
    });
    for (const name of server.envNames)
      this.options.secrets.deleteKey(mcpSecretKey(id, 'env', name));
    for (const name of server.headerNames)
      this.options.secrets.deleteKey(mcpSecretKey(id, 'header', name));
  }

  /**
   * Connect a server now (Settings' Connect or Retry): a failed or stopped server is started
   * again, a connected one is left as it is. Resolves with its view once the start has ended
   * (status `connected` or `failed`). A disabled server is refused (`invalid_payload`).
   */
  async connectServer(id: string): Promise<McpServerView> {
    const server = this.storedById(id);
    if (!server.enabled)
      throw new IpcFailureError('invalid_payload', `"${server.name}" is switched off.`);
    const runtime = this.runtime(id);
    if (runtime.status.state === 'failed' || runtime.status.state === 'restarting') {
      await this.stop(id);
      runtime.attempt = 0;
    }
    await this.ensureStarted(id);
    return this.view(id);
  }

  /** Switch one tool of a server on or off. Throws `IpcFailureError('not_found')` for an unknown server. */
  setToolEnabled(serverId: string, tool: string, enabled: boolean): McpServerView {
    this.storedById(serverId);
    this.options.settings.update((draft) => {
      const server = draft.tools.servers.find((s) => s.id === serverId);
      if (!server) return;
      const others = server.disabledTools.filter((name) => name !== tool);
      server.disabledTools = enabled ? others : [...others, tool];
    });
    this.changed(serverId);
    return this.view(serverId);
  }

  /**
   * Add the servers of a Claude desktop / Cursor `mcpServers` JSON text. Entries whose name a
   * configured server already has are skipped. Throws `IpcFailureError('invalid_payload')`
   * with a plain-words message when the text is not such a file.
   */
  async importServers(json: string): Promise<McpImportResult> {
    let parsed;
    try {
      parsed = parseMcpServers(json);
    } catch (error) {
      throw new IpcFailureError(
        'invalid_payload',
        error instanceof Error ? error.message : String(error),
      );
    }
    const taken = new Set(this.stored().map((s) => s.name.toLowerCase()));
    const result: McpImportResult = { added: [], skipped: [...parsed.skipped] };
    for (const server of parsed.servers) {
      if (taken.has(server.name.toLowerCase())) {
        result.skipped.push({
          name: server.name,
          reason: 'Skipped because a server with this name is already set up.',
        });
        continue;
      }
      taken.add(server.name.toLowerCase());
      result.added.push(await this.saveServer(server));
    }
    return result;
  }

  /** See `ToolSource.listTools`. */
  async listTools(
    serverIds: readonly string[] | undefined,
    signal: AbortSignal,
  ): Promise<{ tools: AvailableTool[]; problems: ToolSourceProblem[] }> {
    signal.throwIfAborted();
    const servers = this.stored().filter(
      (s) => s.enabled && (serverIds === undefined || serverIds.includes(s.id)),
    );
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => undefined);
    await Promise.race([Promise.all(servers.map((s) => this.ensureStarted(s.id))), aborted]);
    const tools: AvailableTool[] = [];
    const problems: ToolSourceProblem[] = [];
    for (const server of servers) {
      const runtime = this.runtime(server.id);
      if (runtime.status.state !== 'connected') {
        problems.push({
          serverName: server.name,
          message: this.notRunningMessage(server, runtime),
        });
        continue;
      }
      for (const tool of runtime.tools) {
        if (server.disabledTools.includes(tool.name)) continue;
        const { readOnly, destructive } = hints(tool);
        tools.push({
          serverId: server.id,
          serverName: server.name,
          name: tool.name,
          description: tool.description ?? '',
          inputSchema: tool.inputSchema as Record<string, unknown>,
          readOnly,
          destructive,
        });
      }
    }
    return { tools, problems };
  }

  /** See `ToolSource.callTool`. */
  async callTool(
    serverId: string,
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolResult> {
    signal.throwIfAborted();
    const server = this.stored().find((s) => s.id === serverId);
    if (!server) throw new ToolCallError(`The server for ${tool} is no longer set up.`);
    if (!server.enabled) throw new ToolCallError(`"${server.name}" is switched off.`);
    if (server.disabledTools.includes(tool))
      throw new ToolCallError(`${tool} on "${server.name}" is switched off.`);
    const runtime = this.runtime(serverId);
    // Waits for a start in progress too (a server just saved is starting in the background).
    await this.ensureStarted(serverId);
    signal.throwIfAborted();
    const connection = runtime.connection;
    if (!connection || runtime.status.state !== 'connected')
      throw new ToolCallError(this.notRunningMessage(server, runtime));
    return connection.callTool(tool, args, signal);
  }

  /** Close every server (stdio processes end) and start none again. Call when Parley quits. */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    await Promise.all([...this.runtimes.keys()].map((id) => this.stop(id)));
  }

  // --- internals ---

  private stored(): StoredMcpServer[] {
    return this.options.settings.read().tools.servers;
  }

  private storedById(id: string): StoredMcpServer {
    const server = this.stored().find((s) => s.id === id);
    if (!server) throw new IpcFailureError('not_found', 'That MCP server no longer exists.');
    return server;
  }

  private runtime(id: string): Runtime {
    let runtime = this.runtimes.get(id);
    if (!runtime) {
      runtime = {
        status: { state: 'stopped' },
        connection: null,
        starting: null,
        tools: [],
        restartTimer: null,
        attempt: 0,
        generation: 0,
      };
      this.runtimes.set(id, runtime);
    }
    return runtime;
  }

  private notRunningMessage(server: StoredMcpServer, runtime: Runtime): string {
    const status = runtime.status;
    if (status.state === 'failed') return status.problem.message;
    if (status.state === 'restarting')
      return `"${server.name}" stopped and is being restarted: ${status.problem.message}`;
    return `"${server.name}" is not running.`;
  }

  /** Store the values of `values` as secrets; returns the names kept. */
  private async saveSecrets(
    id: string,
    where: 'env' | 'header',
    values: Record<string, string | null>,
    before: readonly string[],
  ): Promise<string[]> {
    const kept: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      const key = mcpSecretKey(id, where, name);
      if (value !== null) {
        await this.options.secrets.setKey(key, value);
        kept.push(name);
      } else if (before.includes(name) && (await this.options.secrets.getKey(key)) !== null) {
        kept.push(name);
      }
    }
    for (const name of before) {
      if (!kept.includes(name)) this.options.secrets.deleteKey(mcpSecretKey(id, where, name));
    }
    return kept;
  }

  /** The config with its secret values, for a connection. */
  private async configOf(server: StoredMcpServer): Promise<McpServerConfig> {
    const env: Record<string, string> = {};
    for (const name of server.envNames) {
      const value = await this.options.secrets.getKey(mcpSecretKey(server.id, 'env', name));
      if (value !== null) env[name] = value;
    }
    const headers: Record<string, string> = {};
    for (const name of server.headerNames) {
      const value = await this.options.secrets.getKey(mcpSecretKey(server.id, 'header', name));
      if (value !== null) headers[name] = value;
    }
    return {
      id: server.id,
      name: server.name,
      transport: server.transport,
      ...(server.command !== undefined ? { command: server.command } : {}),
      args: server.args,
      ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
      ...(server.url !== undefined ? { url: server.url } : {}),
      env,
      headers,
    };
  }

  /**
   * Start the server unless it is connected or starting; resolves when that start has ended
   * (either way). A server in `failed` or `restarting` is left alone (Retry uses `connectServer`).
   */
  private ensureStarted(id: string): Promise<void> {
    const runtime = this.runtime(id);
    if (runtime.starting) return runtime.starting;
    if (runtime.status.state !== 'stopped' || this.shutDown) return Promise.resolve();
    return this.start(id);
  }

  private start(id: string): Promise<void> {
    const runtime = this.runtime(id);
    const generation = ++runtime.generation;
    const current = () => runtime.generation === generation && !this.shutDown;
    runtime.status = { state: 'starting' };
    this.changed(id);
    const run = async () => {
      const server = this.stored().find((s) => s.id === id);
      if (!server) return;
      let connection: McpConnection;
      try {
        connection = await McpConnection.open(await this.configOf(server), {
          ...this.options.connection,
          ...(this.options.log ? { log: this.options.log } : {}),
          ...(this.options.baseEnv ? { baseEnv: this.options.baseEnv } : {}),
          onToolsChanged: (tools) => {
            if (!current()) return;
            runtime.tools = tools;
            if (runtime.status.state === 'connected') {
              runtime.status = { state: 'connected', toolCount: tools.length };
              this.changed(id);
            }
          },
          onLost: (problem) => {
            if (current()) this.lost(id, problem);
          },
        });
      } catch (error) {
        if (!current()) return;
        const problem =
          error instanceof McpStartError
            ? error.problem
            : { message: String(error), stderrTail: [], hints: [] };
        this.options.log?.(`MCP server "${server.name}" could not start: ${problem.message}`, null);
        if (runtime.attempt > 0) this.scheduleRestart(id, problem);
        else {
          runtime.status = { state: 'failed', problem };
          this.changed(id);
        }
        return;
      }
      if (!current()) {
        await connection.close();
        return;
      }
      runtime.connection = connection;
      runtime.tools = [...connection.tools];
      runtime.attempt = 0;
      runtime.status = { state: 'connected', toolCount: runtime.tools.length };
      this.changed(id);
    };
    const starting = run().finally(() => {
      if (runtime.starting === starting) runtime.starting = null;
    });
    runtime.starting = starting;
    return starting;
  }

  /** A connected server went away: restart it with backoff. */
  private lost(id: string, problem: McpStartProblem): void {
    const runtime = this.runtime(id);
    runtime.connection = null;
    this.options.log?.(`MCP server stopped (${id}): ${problem.message}`, null);
    this.scheduleRestart(id, problem);
  }

  private scheduleRestart(id: string, problem: McpStartProblem): void {
    const runtime = this.runtime(id);
    const policy = this.restartPolicy;
    if (runtime.attempt >= policy.maxAttempts || this.shutDown) {
      runtime.status = { state: 'failed', problem };
      runtime.attempt = 0;
      this.changed(id);
      return;
    }
    runtime.attempt += 1;
    const delayMs = Math.min(policy.firstDelayMs * 2 ** (runtime.attempt - 1), policy.maxDelayMs);
    runtime.status = { state: 'restarting', attempt: runtime.attempt, delayMs, problem };
    this.changed(id);
    const generation = runtime.generation;
    runtime.restartTimer = setTimeout(() => {
      runtime.restartTimer = null;
      if (runtime.generation !== generation || this.shutDown) return;
      void this.start(id);
    }, delayMs);
  }

  /** Stop a server's connection and any restart; its status becomes `stopped`. */
  private async stop(id: string): Promise<void> {
    const runtime = this.runtimes.get(id);
    if (!runtime) return;
    runtime.generation += 1;
    if (runtime.restartTimer) clearTimeout(runtime.restartTimer);
    runtime.restartTimer = null;
    runtime.starting = null;
    runtime.attempt = 0;
    const connection = runtime.connection;
    runtime.connection = null;
    const wasStopped = runtime.status.state === 'stopped';
    runtime.status = { state: 'stopped' };
    if (connection) await connection.close();
    if (!wasStopped && this.stored().some((s) => s.id === id)) this.changed(id);
  }

  private viewOf(server: StoredMcpServer): McpServerView {
    const runtime = this.runtime(server.id);
    return {
      id: server.id,
      name: server.name,
      enabled: server.enabled,
      transport: server.transport,
      ...(server.command !== undefined ? { command: server.command } : {}),
      args: [...server.args],
      ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
      ...(server.url !== undefined ? { url: server.url } : {}),
      envNames: [...server.envNames],
      headerNames: [...server.headerNames],
      status: structuredClone(runtime.status),
      tools: runtime.tools.map((tool): McpToolView => {
        const { readOnly, destructive } = hints(tool);
        return {
          name: tool.name,
          ...(tool.title !== undefined ? { title: tool.title } : {}),
          ...(tool.description !== undefined ? { description: tool.description } : {}),
          readOnly,
          destructive,
          enabled: !server.disabledTools.includes(tool.name),
        };
      }),
    };
  }

  private changed(id: string): void {
    const server = this.stored().find((s) => s.id === id);
    if (!server) return;
    const view = this.viewOf(server);
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (error) {
        this.options.log?.('an MCP change listener failed', error);
      }
    }
  }
}

/**
 * A tool's annotations as Parley uses them. Per the MCP spec, `destructiveHint` defaults to
 * true and only means something when `readOnlyHint` is false.
 */
function hints(tool: Tool): { readOnly: boolean; destructive: boolean } {
  const readOnly = tool.annotations?.readOnlyHint === true;
  const destructive = !readOnly && tool.annotations?.destructiveHint !== false;
  return { readOnly, destructive };
}
