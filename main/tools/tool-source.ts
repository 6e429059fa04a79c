/**
 * What the tool loop needs from the world of tools: which tools exist and a way to run one. In
 * the app this is the MCP hub (main/mcp/mcp-hub.ts); tests pass small fakes. Keeping the loop
 * behind this seam means the loop never imports the MCP SDK.
 */
import type { ToolResult } from '../../preload/api';

/** A tool some connected MCP server offers, as the tool loop sees it. */
export interface AvailableTool {
  serverId: string;
  serverName: string;
  /** The tool's own name on its server (MCP `Tool.name`). */
  name: string;
  description: string;
  /** MCP `Tool.inputSchema`: a JSON Schema object for the arguments. */
  inputSchema: Record<string, unknown>;
  /** MCP annotations: `readOnlyHint`, and `destructiveHint` (true when no annotation says otherwise). */
  readOnly: boolean;
  destructive: boolean;
}

/** A server that could not give its tools for a request: its name and why, in plain words. */
export interface ToolSourceProblem {
  serverName: string;
  message: string;
}

/** A failure running a tool that is not the tool's own answer: the server crashed, timed out, or refused. */
export class ToolCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolCallError';
  }
}

/** Where tools come from and where they run. */
export interface ToolSource {
  /**
   * The enabled tools of the enabled servers among `serverIds` (every enabled server when
   * undefined), starting servers that are not running yet and waiting for them (bounded by the
   * servers' start timeout). A server that fails is left out and named in `problems`; this
   * never rejects except when `signal` aborts.
   */
  listTools(
    serverIds: readonly string[] | undefined,
    signal: AbortSignal,
  ): Promise<{ tools: AvailableTool[]; problems: ToolSourceProblem[] }>;

  /**
   * Run `tool` on server `serverId` with `args` (the parsed argument object). Resolves with the
   * tool's result (`isError` when the tool itself reports a failure); rejects with a
   * `ToolCallError` whose message is for the user when the server is gone, crashed mid-call or
   * answered with a protocol error. Aborting `signal` sends MCP's `notifications/cancelled` for
   * the request and rejects at once with the signal's reason; the server is not killed, and a late
   * answer is discarded.
   */
  callTool(
    serverId: string,
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolResult>;
}
