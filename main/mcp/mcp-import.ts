/**
 * Reads the `mcpServers` JSON that Claude desktop (`claude_desktop_config.json`) and Cursor
 * (`mcp.json`) use, into server configs Parley can save:
 *
 * ```json
 * { "mcpServers": { "<name>": { "command": "npx", "args": [], "env": {} } } }
 * { "mcpServers": { "<name>": { "url": "https://…", "headers": {}, "type": "http" | "streamable-http" | "sse" } } }
 * ```
 *
 * A bare object of servers (without the `mcpServers` wrapper) is read too. Entries that cannot
 * be used are skipped with a reason; the file as a whole is refused only when it is not JSON or
 * holds no servers object.
 */
import type { RequestOf } from '../../preload/api/channels';

/** A server from the file, in the shape `tools:save-server` takes (no id: a new server). */
export type ImportedServer = RequestOf<'tools:save-server'>;

/** The file could not be read as an `mcpServers` config; `message` is for the user. */
export class McpImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpImportError';
  }
}

/** What the file holds: servers to add and entries skipped, with why. */
export interface ParsedImport {
  servers: ImportedServer[];
  skipped: Array<{ name: string; reason: string }>;
}

/** The names `tools:save-server` accepts for environment variables and headers. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "line 3, column 7" for a JSON.parse error that gives a position, else null. */
function positionOf(text: string, error: unknown): string | null {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** A string-to-string map from the file, or the reason it is not one. */
function stringMap(value: unknown, what: string): Record<string, string> | string {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return `its "${what}" is not an object of names and values.`;
  const map: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!namePattern.test(name)) return `"${name}" in its "${what}" is not a valid name.`;
    if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean')
      return `the value of "${name}" in its "${what}" is not text.`;
    map[name] = String(entry);
  }
  return map;
}

/** One entry as a server config, or the reason it is skipped. */
function readEntry(name: string, entry: unknown): ImportedServer | string {
  if (!isRecord(entry)) return 'it is not an object.';
  const trimmed = name.trim();
  if (!trimmed) return 'it has no name.';
  if (trimmed.length > 100) return 'its name is longer than 100 characters.';
  const enabled = entry.disabled !== true;
  const type = entry.type ?? entry.transport;
  if (typeof entry.command === 'string' && entry.command.trim()) {
    if (type !== undefined && type !== 'stdio')
      return `it has a command but its type is "${String(type)}".`;
    const args = entry.args ?? [];
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string'))
      return 'its "args" is not a list of text.';
    if (args.length > 200) return 'it has more than 200 arguments.';
    const env = stringMap(entry.env, 'env');
    if (typeof env === 'string') return env;
    return {
      name: trimmed,
      enabled,
      transport: 'stdio',
      command: entry.command.trim(),
      args,
      ...(typeof entry.cwd === 'string' && entry.cwd ? { cwd: entry.cwd } : {}),
      env,
      headers: {},
    };
  }
  const url = entry.url ?? entry.serverUrl;
  if (typeof url === 'string' && url.trim()) {
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return 'its url is not http or https.';
    } catch {
      return 'its url is not a valid address.';
    }
    if (type !== undefined && type !== 'http' && type !== 'streamable-http' && type !== 'sse')
      return `its type "${String(type)}" is not one Parley knows (http, streamable-http, sse).`;
    const headers = stringMap(entry.headers, 'headers');
    if (typeof headers === 'string') return headers;
    return {
      name: trimmed,
      enabled,
      transport: type === 'sse' ? 'sse' : 'streamable-http',
      url: url.trim(),
      args: [],
      env: {},
      headers,
    };
  }
  return 'it has neither a "command" nor a "url".';
}

/**
 * Read `text` as an `mcpServers` config. Throws `McpImportError` (plain words, with the line
 * and column when JSON.parse gives a position) when it is not JSON or holds no servers.
 */
export function parseMcpServers(text: string): ParsedImport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const where = positionOf(text, error);
    throw new McpImportError(
      `This is not valid JSON${where ? ` (the problem is at ${where})` : ''}. Check for a missing comma or quote, or a comma after the last entry.`,
    );
  }
  if (!isRecord(document))
    throw new McpImportError('The file should hold an object with "mcpServers" in it.');
  const servers = 'mcpServers' in document ? document.mcpServers : document;
  if (!isRecord(servers))
    throw new McpImportError('"mcpServers" should be an object of servers by name.');
  const result: ParsedImport = { servers: [], skipped: [] };
  const names = new Set<string>();
  for (const [name, entry] of Object.entries(servers)) {
    const read = readEntry(name, entry);
    if (typeof read === 'string') {
      result.skipped.push({ name, reason: `Skipped because ${read}` });
      continue;
    }
    const key = read.name.toLowerCase();
    if (names.has(key)) {
      result.skipped.push({ name, reason: 'Skipped because another entry has the same name.' });
      continue;
    }
    names.add(key);
    result.servers.push(read);
  }
  if (result.servers.length === 0 && result.skipped.length === 0)
    throw new McpImportError('The file lists no servers.');
  return result;
}
