/**
 * What a reply needs to use tools, handed from the tools service to the chat service's
 * generation: where tools come from, who decides each call, and how many model requests (steps)
 * one reply may make. The loop itself is main/chat/generation.ts.
 */
import type { PermissionBroker } from './permission-broker';
import type { ToolSource } from './tool-source';
import type { Toolset } from './toolset';

/**
 * What a reply needs to use tools: where they come from, who decides each call, and how many
 * model requests (steps) one reply may make.
 */
export interface ToolLoopOptions {
  /** The tools to offer (starts servers as needed); called once, before the first request. */
  load: (signal: AbortSignal) => Promise<Toolset>;
  source: Pick<ToolSource, 'callTool'>;
  broker: Pick<PermissionBroker, 'allowsWithoutAsking' | 'ask'>;
  conversationId: string;
  /** Model requests one reply may make (Settings → Tools, default 20). */
  stepLimit: number;
  /** Epoch ms, for a call's `startedAt` (tests pass a fixed clock). */
  now?: () => number;
}
