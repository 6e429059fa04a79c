/**
 * The tools one reply offers its model: provider-safe definitions, the way back from a name the
 * model used to the server and tool behind it, and what the user should be told about tools that
 * could not be offered.
 */
import type { ToolDefinition } from '../providers/types';
import type { AvailableTool } from './tool-source';
import { ToolNameMap } from './tool-names';

/** The tools offered for one reply. */
export interface Toolset {
  /** What the request offers, in the provider's naming (`^[a-zA-Z0-9_-]{1,64}$`). */
  definitions: ToolDefinition[];
  /** The tool behind a name the model used; undefined when no offered tool has that name. */
  resolve(name: string): AvailableTool | undefined;
  /** Plain-words notes for the user: tools left out (the provider's limit), servers that failed. */
  notices: string[];
}

/** A toolset that offers nothing (tools off, or no server configured). */
export const emptyToolset: Toolset = {
  definitions: [],
  resolve: () => undefined,
  notices: [],
};

/**
 * The toolset for a request: every tool (in server order) under its provider-safe name
 * (`ToolNameMap`), at most `limit` of them, with a notice saying how many were left out and
 * which servers failed.
 */
export function buildToolset(
  tools: readonly AvailableTool[],
  problems: ReadonlyArray<{ serverName: string; message: string }>,
  limit: number | undefined,
): Toolset {
  const offered = limit === undefined ? tools : tools.slice(0, limit);
  const names = new ToolNameMap(
    offered.map((tool) => ({
      serverId: tool.serverId,
      serverName: tool.serverName,
      tool: tool.name,
    })),
  );
  const byName = new Map<string, AvailableTool>();
  const definitions: ToolDefinition[] = offered.map((tool) => {
    const name = names.nameOf(tool.serverId, tool.name) ?? tool.name;
    byName.set(name, tool);
    return { name, description: tool.description, inputSchema: tool.inputSchema };
  });
  const notices = problems.map(
    (problem) => `Tools from ${problem.serverName} are not available: ${problem.message}`,
  );
  if (offered.length < tools.length) {
    notices.push(
      `This provider takes at most ${limit} tools per request, so ${tools.length - offered.length} of ${tools.length} were left out. Choose fewer servers for this conversation with the Tools button.`,
    );
  }
  return { definitions, resolve: (name) => byName.get(name), notices };
}
