/**
 * The tools part of the data model: tool calls inside a reply, their results, MCP servers as
 * Settings shows them, and the permission rules. Terms follow the MCP specification
 * (https://modelcontextprotocol.io/specification/2025-06-18/server/tools): a server offers
 * tools, a tool call carries arguments (a JSON object), a tool result carries content blocks and
 * `isError`.
 */

/**
 * Where a tool call is in its life:
 * - `streaming`: the model is still writing its arguments;
 * - `awaiting-approval`: the approval card is shown and nothing runs until the user decides;
 * - `running`: the MCP server is working on it;
 * - `done`: the tool answered (its result may still say `isError`);
 * - `failed`: it could not run or the server failed (`error` says why);
 * - `denied`: the user declined (the model is told so);
 * - `stopped`: the user pressed Stop before it finished (its result, if any, is discarded);
 * - `interrupted`: Parley quit or crashed while the call was open.
 */
export type ToolCallStatus =
  | 'streaming'
  | 'awaiting-approval'
  | 'running'
  | 'done'
  | 'failed'
  | 'denied'
  | 'stopped'
  | 'interrupted';

/** Statuses after which a call never changes again. */
export const finishedToolCallStatuses: readonly ToolCallStatus[] = [
  'done',
  'failed',
  'denied',
  'stopped',
  'interrupted',
];

/** One content block of a tool result (MCP `CallToolResult.content`, as Parley keeps it). */
export type ToolResultContent =
  | { type: 'text'; text: string }
  /** `data`: base64 of the image bytes. */
  | { type: 'image'; mimeType: string; data: string }
  /** An embedded resource or a resource link: its text when it has one, else just where it is. */
  | { type: 'resource'; uri: string; mimeType?: string; text?: string; name?: string };

/** What a tool answered. */
export interface ToolResult {
  content: ToolResultContent[];
  /** The tool itself reported a failure (MCP `isError`): the model sees it as a tool error. */
  isError: boolean;
  /**
   * The result's text was longer than Parley sends to a model: the model got the first
   * `keptChars` characters of `totalChars` and a note saying so. The card shows all of it.
   */
  truncated?: { keptChars: number; totalChars: number };
}

/**
 * What a provider needs back, unchanged, when the history is sent again: Anthropic's thinking
 * blocks with their signatures (sent back before a `tool_use`), Gemini's `thoughtSignature` on
 * a `functionCall` part. Only sent to a provider of the same `kind`; another provider never
 * sees it (its signatures would be meaningless there).
 */
export interface ProviderReplay {
  kind: 'anthropic' | 'gemini' | 'openai-compatible';
  /** Anthropic `thinking` / `redacted_thinking` blocks, in order, exactly as streamed. */
  thinking?: Array<
    | { type: 'thinking'; thinking: string; signature: string }
    | { type: 'redacted_thinking'; data: string }
  >;
  /** Gemini's opaque `thoughtSignature` of the part that carried the call. */
  thoughtSignature?: string;
}

/** One tool call inside a reply, with its result once there is one. */
export interface ToolCall {
  /** The provider's call id (`toolu_…`, `call_…`), or one Parley made when it sent none. */
  id: string;
  /** The name the model used: the namespaced, provider-safe name (`server__tool`). */
  name: string;
  /** The MCP server it belongs to (null when the model named a tool no server offers). */
  serverId: string | null;
  serverName: string;
  /** The tool's own name on its server. */
  tool: string;
  /** Which step of the reply asked for it, from 1 (each model request is one step). */
  step: number;
  /** `reply.text.length` when the call began: where its card sits in the reply's text. */
  textOffset: number;
  /** The argument JSON exactly as the model wrote it (it streams in; it may not parse). */
  arguments: string;
  status: ToolCallStatus;
  /** Why the call failed or could not run, in plain words (status `failed`). */
  error?: string;
  result?: ToolResult;
  /** Epoch ms when it started running. */
  startedAt?: number;
  /** How long the tool ran, in ms (from `startedAt` to its answer). */
  durationMs?: number;
  /** The tool says it may change or delete things (MCP `destructiveHint`, or no annotation). */
  destructive?: boolean;
  /** What the provider needs back with this call (see `ProviderReplay`). */
  replay?: ProviderReplay;
}

/** The user's answer on an approval card. */
export const toolDecisions = ['allow-once', 'allow-conversation', 'allow-always', 'deny'] as const;
export type ToolDecision = (typeof toolDecisions)[number];

/** The transports Parley speaks to MCP servers with. `sse` is the legacy HTTP+SSE transport. */
export const mcpTransports = ['stdio', 'streamable-http', 'sse'] as const;
export type McpTransportKind = (typeof mcpTransports)[number];

/** Why a server could not start: what the start-up doctor found. */
export interface McpStartProblem {
  /** One sentence for the user ("The command "uvx" was not found."). */
  message: string;
  /** The command as resolved (absolute path when found on PATH), for stdio servers. */
  command?: string;
  /** The process's exit code, when it exited (null: killed by a signal). */
  exitCode?: number | null;
  /** The last lines the server wrote to stderr (at most 20). */
  stderrTail: string[];
  /** What to check, in plain words. */
  hints: string[];
}

/** A server's connection state, as Settings and the tools menu show it. */
export type McpServerStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'connected'; toolCount: number }
  /** Crashed and will be started again after `delayMs` (attempt counts from 1). */
  | { state: 'restarting'; attempt: number; delayMs: number; problem: McpStartProblem }
  | { state: 'failed'; problem: McpStartProblem };

/** A tool a server offers, as Settings lists it. */
export interface McpToolView {
  name: string;
  title?: string;
  description?: string;
  /** MCP `readOnlyHint`: the tool only reads. */
  readOnly: boolean;
  /** MCP `destructiveHint`, or no annotation at all (the spec's default is destructive). */
  destructive: boolean;
  /** The user switched it on (the model may see it). */
  enabled: boolean;
}

/**
 * A configured MCP server as the renderer sees it. Environment variable and header *values* are
 * secrets (tokens live there): they stay in main's secret store, and the view carries only
 * their names.
 */
export interface McpServerView {
  id: string;
  name: string;
  enabled: boolean;
  transport: McpTransportKind;
  /** stdio: the command and its arguments, and the folder it starts in. */
  command?: string;
  args: string[];
  cwd?: string;
  /** streamable-http / sse: the endpoint. */
  url?: string;
  envNames: string[];
  headerNames: string[];
  status: McpServerStatus;
  /** The tools it offered when last connected (empty before). */
  tools: McpToolView[];
}

/** A saved permission rule, as Settings lists it. */
export interface ToolRuleView {
  id: string;
  serverId: string;
  serverName: string;
  tool: string;
  /** `always`: every conversation; `conversation`: only `conversationId` (this session). */
  scope: 'always' | 'conversation';
  conversationId?: string;
  conversationTitle?: string;
}

/** App-wide tool preferences. */
export interface ToolPreferences {
  /** Model requests one reply may make before Parley ends it (1–100, default 20). */
  stepLimit: number;
  /** Run tools that say they only read (`readOnlyHint`) without asking. Off by default. */
  autoAllowReadOnly: boolean;
}

/** Everything Settings → Tools shows. */
export interface ToolsState {
  servers: McpServerView[];
  rules: ToolRuleView[];
  preferences: ToolPreferences;
}

/** What an `mcpServers` import did. */
export interface McpImportResult {
  added: McpServerView[];
  /** Entries that were not added, with why (a duplicate name, no command or url, …). */
  skipped: Array<{ name: string; reason: string }>;
}
