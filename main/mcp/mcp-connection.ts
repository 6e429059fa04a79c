/**
 * One live connection to one MCP server: starts it (stdio process, Streamable HTTP, or legacy
 * HTTP+SSE), runs the `initialize` handshake with a time limit, keeps its tool list (following
 * `notifications/tools/list_changed`), and runs tool calls. Wraps the SDK's `Client`. A failed
 * start rejects with `McpStartError`, whose `problem` is what the start-up doctor found.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  McpError,
  ToolListChangedNotificationSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpStartProblem, McpTransportKind, ToolResult } from '../../preload/api';
import { ToolCallError } from '../tools/tool-source';
import { resolveCommand } from './command-lookup';
import { diagnose, httpStatusOf, StartTimeoutError } from './start-doctor';
import { StdioProcessTransport } from './stdio-process';
import { toToolResult, maxResultChars, type McpCallToolResult } from './tool-result';

/** Everything needed to reach one server; `env` and `headers` hold the secret values. */
export interface McpServerConfig {
  id: string;
  name: string;
  transport: McpTransportKind;
  command?: string;
  args: string[];
  cwd?: string;
  url?: string;
  env: Record<string, string>;
  headers: Record<string, string>;
}

/** How a connection behaves; every field has a default fit for the app. */
export interface McpConnectionOptions {
  /** Where server stderr lines and odd events go (one log line each, prefixed with the server). */
  log?: (message: string, error: unknown) => void;
  /** The environment stdio servers start with, under their own `env` (the login shell's merged over process.env). */
  baseEnv?: () => Promise<Record<string, string>>;
  /** How long `initialize` may take, in ms (default 30 000). */
  initializeTimeoutMs?: number;
  /**
   * How long a tool call may go without an answer or a progress notification, in ms (default
   * 10 minutes: tools legitimately run long; the user can always press Stop).
   */
  callTimeoutMs?: number;
  /** The cap on one result's text, in characters (default 5 000 000). */
  maxResultChars?: number;
  /** stdio: how long closing waits for the process before SIGTERM and again before SIGKILL (ms). */
  closeGraceMs?: number;
  /** Parley's name and version as sent in `initialize`. */
  clientInfo?: { name: string; version: string };
  /** The tool list changed (after `notifications/tools/list_changed`). */
  onToolsChanged?: (tools: Tool[]) => void;
  /**
   * The connection ended without `close()` being called (a crash, the process exited, the
   * HTTP session went away); `problem` says how.
   */
  onLost?: (problem: McpStartProblem) => void;
}

/** A start that failed: `problem` is for the user. */
export class McpStartError extends Error {
  constructor(readonly problem: McpStartProblem) {
    super(problem.message);
    this.name = 'McpStartError';
  }
}

/** How many stderr lines a server keeps for the doctor. */
const stderrRing = 20;

/** A connected server. Create with `McpConnection.open`. */
export class McpConnection {
  private toolList: Tool[] = [];
  private closing = false;
  private lost = false;

  private constructor(
    private readonly config: McpServerConfig,
    private readonly options: McpConnectionOptions,
    private readonly client: Client,
    private readonly transport: Transport,
    private readonly stderrLines: string[],
  ) {}

  /** The server's tools, as last listed. */
  get tools(): readonly Tool[] {
    return this.toolList;
  }

  /** The last lines (at most 20) the server wrote to stderr. */
  get stderrTail(): string[] {
    return [...this.stderrLines];
  }

  /** stdio: the server's process id (null for HTTP, or once it has ended). */
  get pid(): number | null {
    return this.transport instanceof StdioProcessTransport ? this.transport.pid : null;
  }

  /** The server's name and version from `initialize`. */
  get serverVersion(): { name: string; version: string } | undefined {
    return this.client.getServerVersion();
  }

  /**
   * Start the server, initialize it and list its tools. Rejects with `McpStartError` (the
   * doctor's diagnosis) when the command is not found, the process exits, HTTP refuses, or
   * `initialize` takes longer than `initializeTimeoutMs`.
   */
  static async open(
    config: McpServerConfig,
    options: McpConnectionOptions = {},
  ): Promise<McpConnection> {
    const stderrLines: string[] = [];
    const timeoutMs = options.initializeTimeoutMs ?? 30_000;
    if (config.transport === 'stdio') {
      const env = {
        ...(await (options.baseEnv?.() ?? Promise.resolve(processEnv()))),
        ...config.env,
      };
      const command = config.command ?? '';
      const resolved = command ? resolveCommand(command, env, config.cwd || process.cwd()) : null;
      const fail = (error: unknown, transport?: StdioProcessTransport): McpStartError =>
        new McpStartError(
          diagnose({
            serverName: config.name,
            transport: 'stdio',
            command,
            resolvedCommand: resolved,
            exit: transport?.exit ?? null,
            stderrTail: stderrLines,
            error,
          }),
        );
      if (resolved === null) throw fail(new Error('not found'));
      const transport = new StdioProcessTransport({
        command: resolved,
        args: config.args,
        env,
        ...(config.cwd ? { cwd: config.cwd } : {}),
        ...(options.closeGraceMs !== undefined ? { closeGraceMs: options.closeGraceMs } : {}),
        onStderrLine: (line) => {
          stderrLines.push(line);
          if (stderrLines.length > stderrRing) stderrLines.shift();
          options.log?.(`[mcp ${config.name}] ${line}`, null);
        },
        onStdoutNoise: (error) =>
          options.log?.(`[mcp ${config.name}] ignored a stdout line that is not JSON-RPC`, error),
      });
      try {
        const client = await initialize(transport, timeoutMs, options, () =>
          transport.whenExited(),
        );
        return await McpConnection.ready(config, options, client, transport, stderrLines);
      } catch (error) {
        if (error instanceof McpStartError) throw error;
        throw fail(error, transport);
      }
    }
    const url = parseUrl(config.url);
    const fail = (error: unknown): McpStartError =>
      new McpStartError(
        diagnose({
          serverName: config.name,
          transport: config.transport,
          ...(config.url !== undefined ? { url: config.url } : {}),
          stderrTail: [],
          error,
        }),
      );
    if (!url) throw fail(new Error(`"${config.url ?? ''}" is not a valid http(s) URL.`));
    const requestInit: RequestInit = { headers: config.headers };
    if (config.transport === 'streamable-http') {
      try {
        const transport = new StreamableHTTPClientTransport(url, { requestInit });
        const client = await initialize(transport, timeoutMs, options);
        return await McpConnection.ready(config, options, client, transport, stderrLines);
      } catch (error) {
        // The SDK's documented backwards compatibility: a server from before Streamable HTTP
        // answers the POST with a 4xx (404/405 usually); then try the legacy HTTP+SSE transport
        // at the same URL. 401/403 are about the token, not the transport.
        const status = httpStatusOf(error);
        if (
          status === undefined ||
          status < 400 ||
          status >= 500 ||
          status === 401 ||
          status === 403
        )
          throw fail(error);
        options.log?.(`[mcp ${config.name}] Streamable HTTP answered ${status}; trying SSE`, null);
        try {
          const transport = new SSEClientTransport(url, { requestInit, eventSourceInit: {} });
          const client = await initialize(transport, timeoutMs, options);
          return await McpConnection.ready(config, options, client, transport, stderrLines);
        } catch {
          throw fail(error);
        }
      }
    }
    try {
      const transport = new SSEClientTransport(url, { requestInit });
      const client = await initialize(transport, timeoutMs, options);
      return await McpConnection.ready(config, options, client, transport, stderrLines);
    } catch (error) {
      throw fail(error);
    }
  }

  private static async ready(
    config: McpServerConfig,
    options: McpConnectionOptions,
    client: Client,
    transport: Transport,
    stderrLines: string[],
  ): Promise<McpConnection> {
    const connection = new McpConnection(config, options, client, transport, stderrLines);
    client.onclose = () => connection.closed();
    if (client.getServerCapabilities()?.tools?.listChanged) {
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        connection.refreshTools().catch((error: unknown) => {
          options.log?.(`[mcp ${config.name}] could not list tools after list_changed`, error);
        });
      });
    }
    try {
      await connection.refreshTools();
    } catch (error) {
      await connection.close();
      throw error;
    }
    return connection;
  }

  /** List the tools again (all pages) and tell `onToolsChanged`. Rejects when the server fails. */
  async refreshTools(): Promise<Tool[]> {
    if (!this.client.getServerCapabilities()?.tools) {
      this.toolList = [];
      return this.toolList;
    }
    const tools: Tool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    // A server that repeats a cursor would loop forever; 1000 pages is far beyond any real list.
    for (let page = 0; page < 1000; page++) {
      const result = await this.client.listTools(cursor !== undefined ? { cursor } : {});
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (cursor === undefined || seen.has(cursor)) break;
      seen.add(cursor);
    }
    this.toolList = tools;
    this.options.onToolsChanged?.(tools);
    return tools;
  }

  /**
   * Run `tool` with `args`. Resolves with the tool's result (`isError` when the tool reports a
   * failure). Rejects with `ToolCallError` when the server stops mid-call ("<server> stopped
   * while running <tool>"), times out or answers with a protocol error. Aborting `signal` makes
   * the SDK send `notifications/cancelled` and rejects at once with the signal's reason; the
   * server is left running and a late answer is dropped.
   */
  async callTool(
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolResult> {
    signal.throwIfAborted();
    if (this.lost || this.closing)
      throw new ToolCallError(`${this.config.name} is not running, so ${tool} could not run.`);
    try {
      const result = await this.client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: this.options.callTimeoutMs ?? 600_000,
        resetTimeoutOnProgress: true,
        // Asking for progress gives the call a progress token, so a server that reports
        // progress keeps a long call alive past the timeout.
        onprogress: () => undefined,
      });
      return toToolResult(
        result as McpCallToolResult,
        this.options.maxResultChars ?? maxResultChars,
      );
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)
        throw new ToolCallError(`${this.config.name} stopped while running ${tool}.`);
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout)
        throw new ToolCallError(`${this.config.name} did not answer ${tool} in time.`);
      if (error instanceof McpError)
        throw new ToolCallError(`${this.config.name} refused ${tool}: ${error.message}`);
      throw new ToolCallError(
        `${this.config.name} failed while running ${tool}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** End the connection; a stdio server's process is ended (stdin closed, then signals). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    try {
      await this.client.close();
    } catch (error) {
      this.options.log?.(`[mcp ${this.config.name}] error while closing`, error);
    }
  }

  private closed(): void {
    if (this.closing || this.lost) return;
    this.lost = true;
    const exit = this.transport instanceof StdioProcessTransport ? this.transport.exit : null;
    const problem = diagnose({
      serverName: this.config.name,
      transport: this.config.transport,
      ...(this.config.command !== undefined ? { command: this.config.command } : {}),
      ...(this.config.url !== undefined ? { url: this.config.url } : {}),
      exit,
      stderrTail: this.stderrLines,
      error: new Error('the connection closed'),
    });
    const how = exit
      ? exit.code !== null
        ? `exited with code ${exit.code}`
        : `was stopped by ${exit.signal ?? 'a signal'}`
      : 'closed the connection';
    this.options.onLost?.({ ...problem, message: `"${this.config.name}" ${how}.` });
  }
}

/**
 * Connect a fresh `Client` over `transport`, giving up after `timeoutMs` with
 * `StartTimeoutError` (the transport is closed then). `exited`, for stdio, ends the wait as
 * soon as the process exits, so "exited at once" is reported at once.
 */
async function initialize(
  transport: Transport,
  timeoutMs: number,
  options: McpConnectionOptions,
  exited?: () => Promise<unknown>,
): Promise<Client> {
  const client = new Client(options.clientInfo ?? { name: 'Parley', version: '0.1.0' }, {
    capabilities: {},
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartTimeoutError(timeoutMs)), timeoutMs);
  });
  const exit = exited
    ? exited().then(() => {
        throw new Error('The server process exited.');
      })
    : new Promise<never>(() => undefined);
  try {
    // The SDK's own request timeout would fire too, as an McpError; ours is the clear one.
    await Promise.race([client.connect(transport, { timeout: timeoutMs + 1_000 }), timeout, exit]);
    return client;
  } catch (error) {
    await client.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) env[name] = value;
  return env;
}
