/**
 * The tools channels: approving tool calls, MCP servers (add, edit, import, connect, remove) and
 * the permission rules and preferences Settings → Tools shows. Call progress arrives with the
 * reply's stream events (`tool-call`, `tool-arguments` on `chat:event`); server status changes
 * on `tools:server-changed`.
 */
import { defineChannels, returns } from './channel';
import type { RequestOf, RequestInput } from './channels';
import {
  mcpTransports,
  toolDecisions,
  type McpImportResult,
  type McpServerView,
  type ToolsState,
} from './tool-model';

/** Header and environment names: what a shell or HTTP allows, and not absurdly long. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** The tools group of the channel table: each channel's request schema and result type. */
export const toolChannels = defineChannels({
  /**
   * The user's answer on an approval card. `arguments` is the argument JSON the card showed:
   * main runs the call only if it is exactly what the model sent (approval is bound to it).
   */
  'tools:decide': {
    request: ({ z, id }) =>
      z.strictObject({
        streamId: id,
        callId: z.string().min(1).max(200),
        decision: z.enum(toolDecisions),
        arguments: z.string().max(10_000_000),
      }),
    result: returns<null>(),
  },
  /**
   * Servers (with status and tools), rules and preferences. With `start`, enabled servers that
   * are not running start now (Settings shows them); without, nothing starts (the composer's
   * Tools button only lists them), so servers start lazily: on first use or in Settings.
   */
  'tools:state': {
    request: ({ z }) => z.strictObject({ start: z.boolean().optional() }),
    result: returns<ToolsState>(),
  },
  /**
   * Add (no `id`) or change a server. In `env` and `headers`, a value of null keeps the value
   * already stored under that name; a name left out is removed.
   */
  'tools:save-server': {
    request: ({ z, id }) =>
      z.strictObject({
        id: id.optional(),
        name: z.string().trim().min(1, 'A server needs a name.').max(100),
        enabled: z.boolean().default(true),
        transport: z.enum(mcpTransports),
        command: z.string().trim().min(1).max(4_000).optional(),
        args: z.array(z.string().max(4_000)).max(200).default([]),
        cwd: z.string().max(4_000).optional(),
        url: z.string().trim().min(1).max(4_000).optional(),
        env: z.record(z.string().regex(namePattern), z.string().max(20_000).nullable()).default({}),
        headers: z
          .record(z.string().regex(namePattern), z.string().max(20_000).nullable())
          .default({}),
      }),
    result: returns<McpServerView>(),
  },
  'tools:remove-server': {
    request: ({ z, id }) => z.strictObject({ id }),
    result: returns<null>(),
  },
  /** Connect a server now, or reconnect a failed one (Settings' "Retry"). */
  'tools:connect-server': {
    request: ({ z, id }) => z.strictObject({ id }),
    result: returns<McpServerView>(),
  },
  /** Switch one of a server's tools on or off (off: the model never sees it). */
  'tools:set-tool-enabled': {
    request: ({ z, id }) =>
      z.strictObject({ serverId: id, tool: z.string().min(1).max(200), enabled: z.boolean() }),
    result: returns<McpServerView>(),
  },
  /**
   * Import Claude desktop's / Cursor's `{ "mcpServers": { name: { command, args, env } | { url,
   * headers } } }`: pasted text, or (no `json`) a file the user picks in main's dialog.
   */
  'tools:import-servers': {
    request: ({ z }) => z.strictObject({ json: z.string().max(5_000_000).optional() }),
    result: returns<McpImportResult | null>(),
  },
  'tools:remove-rule': {
    request: ({ z, id }) => z.strictObject({ id }),
    result: returns<ToolsState>(),
  },
  'tools:set-preferences': {
    request: ({ z }) =>
      z.strictObject({
        stepLimit: z.number().int().min(1).max(100).optional(),
        autoAllowReadOnly: z.boolean().optional(),
      }),
    result: returns<ToolsState>(),
  },
});

export type DecideToolCallRequest = RequestOf<'tools:decide'>;
/** The server form's payload as the renderer sends it (defaulted fields may be left out). */
export type SaveMcpServerRequest = RequestInput<'tools:save-server'>;
export type ImportMcpServersRequest = RequestOf<'tools:import-servers'>;
export type SetToolPreferencesRequest = RequestOf<'tools:set-preferences'>;
