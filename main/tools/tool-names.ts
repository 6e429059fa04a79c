/**
 * The names the model sees for MCP tools. Two servers may offer tools with the same name, and
 * MCP allows names no provider accepts (spaces, dots, any Unicode, any length), while OpenAI and
 * Anthropic require `^[a-zA-Z0-9_-]{1,64}$` and Gemini also wants the first character to be a
 * letter or an underscore. So every (server, tool) pair gets a provider-safe name of its own,
 * namespaced as `server__tool`, and a name the model calls maps back to exactly one pair.
 *
 * Names are stable: the same server name and tool name give the same provider name in every
 * request, whatever other tools are offered, unless two tools would collide (then both carry a
 * short hash of their server id and tool name), so a conversation's earlier calls still resolve.
 */

/** One tool to name: the server it belongs to and the tool's own name on that server. */
export interface NamedTool {
  serverId: string;
  serverName: string;
  /** The tool's own name on its server (MCP `Tool.name`). */
  tool: string;
}

/** The longest name a provider accepts (OpenAI, Anthropic and Gemini alike). */
export const maxToolNameLength = 64;

/** What every provider accepts as a tool name. */
export const providerToolNamePattern = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

// Characters of the hash suffix: `_` plus 6 base-36 digits (~2 billion values).
const hashLength = 6;

/** A two-way map between (server, tool) pairs and their provider-safe names; see the module comment. */
export class ToolNameMap {
  private readonly byName = new Map<string, NamedTool>();
  private readonly byTool = new Map<string, string>();

  /** Names every tool in `tools`; a pair listed twice is named once. */
  constructor(tools: readonly NamedTool[]) {
    const unique = new Map<string, NamedTool>();
    for (const tool of tools) unique.set(pairKey(tool.serverId, tool.tool), tool);
    const plain = new Map<string, NamedTool[]>();
    for (const tool of unique.values()) {
      const name = plainName(tool);
      plain.set(name, [...(plain.get(name) ?? []), tool]);
    }
    for (const [name, sharing] of plain) {
      for (const tool of sharing) {
        // A name two tools would share, or one that is too long, gets the pair's hash.
        let candidate = sharing.length === 1 && name.length <= maxToolNameLength ? name : undefined;
        candidate ??= hashedName(name, pairKey(tool.serverId, tool.tool));
        // A hash collision (or a plain name equal to another's hashed one): count up until free.
        for (let n = 2; this.byName.has(candidate); n += 1) {
          candidate = hashedName(name, `${pairKey(tool.serverId, tool.tool)}\u0000${n}`);
        }
        this.byName.set(candidate, tool);
        this.byTool.set(pairKey(tool.serverId, tool.tool), candidate);
      }
    }
  }

  /** The provider-safe name of `tool` on server `serverId`; undefined if it was not named. */
  nameOf(serverId: string, tool: string): string | undefined {
    return this.byTool.get(pairKey(serverId, tool));
  }

  /** The (server, tool) pair a provider-safe name stands for; undefined for a name not given out. */
  resolve(name: string): NamedTool | undefined {
    return this.byName.get(name);
  }

  /** Every name given out, with its pair. */
  entries(): Array<[name: string, tool: NamedTool]> {
    return [...this.byName.entries()];
  }
}

/** `server__tool` with every character a provider refuses replaced; may be too long. */
function plainName(tool: NamedTool): string {
  const name = `${safePart(tool.serverName, 'server')}__${safePart(tool.tool, 'tool')}`;
  // Gemini wants a letter or an underscore first.
  return /^[a-zA-Z_]/.test(name) ? name : `t_${name}`;
}

/**
 * One part of a name in `[a-zA-Z0-9_-]`: accents are dropped (`café` → `cafe`), every other
 * refused character becomes `_`. A part with nothing readable left is `fallback`.
 */
function safePart(text: string, fallback: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-zA-Z0-9_-]/g, '_');
  return /[a-zA-Z0-9]/.test(ascii) ? ascii : fallback;
}

/** `name` cut to fit the hash, then `_` and the hash of `key`. */
function hashedName(name: string, key: string): string {
  const hash = fnv1a(key).toString(36).padStart(hashLength, '0').slice(-hashLength);
  return `${name.slice(0, maxToolNameLength - hashLength - 1)}_${hash}`;
}

function pairKey(serverId: string, tool: string): string {
  return `${serverId}\u0000${tool}`;
}

/** FNV-1a, 32 bits: small, fast and stable across runs and platforms (not for security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
