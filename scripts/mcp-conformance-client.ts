/**
 * The client the MCP conformance suite (`@modelcontextprotocol/conformance`, client mode) runs:
 * `conformance client --command "tsx scripts/mcp-conformance-client.ts" --scenario <name>`.
 * The suite starts a scenario server, appends its URL to the command and names the scenario in
 * `MCP_CONFORMANCE_SCENARIO`. This script drives Parley's own connection module
 * (main/mcp/mcp-connection.ts) the way the app does: connect over Streamable HTTP (with the SSE
 * fallback), list the tools, call each one with arguments made from its input schema, and
 * close. It exits 0 when all of that worked, 1 otherwise (the suite judges the checks itself).
 */
import { fileURLToPath } from 'node:url';
import { McpConnection, McpStartError } from '../main/mcp/mcp-connection';

/** Arguments that satisfy a simple JSON Schema object: 1 for numbers, "test" for strings, … */
export function sampleArguments(schema: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (typeof schema !== 'object' || schema === null) return args;
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    args[name] =
      type === 'number' || type === 'integer'
        ? 1
        : type === 'boolean'
          ? true
          : type === 'array'
            ? []
            : type === 'object'
              ? {}
              : 'test';
  }
  return args;
}

async function main(): Promise<number> {
  const url = process.argv.at(-1);
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '(none)';
  if (!url || !/^https?:/.test(url)) {
    console.error('usage: mcp-conformance-client.ts <server-url>');
    return 2;
  }
  console.error(`scenario ${scenario}: connecting to ${url}`);
  let connection: McpConnection;
  try {
    connection = await McpConnection.open(
      {
        id: 'conformance',
        name: 'Conformance',
        transport: 'streamable-http',
        url,
        args: [],
        env: {},
        headers: {},
      },
      {
        log: (message) => console.error(message),
        initializeTimeoutMs: 10_000,
        callTimeoutMs: 20_000,
      },
    );
  } catch (error) {
    console.error(error instanceof McpStartError ? JSON.stringify(error.problem) : error);
    return 1;
  }
  let ok = true;
  try {
    for (const tool of connection.tools) {
      try {
        const result = await connection.callTool(
          tool.name,
          sampleArguments(tool.inputSchema),
          AbortSignal.timeout(20_000),
        );
        console.log(`${tool.name}: ${JSON.stringify(result)}`);
      } catch (error) {
        ok = false;
        console.error(`${tool.name} failed:`, error);
      }
    }
  } finally {
    await connection.close();
  }
  return ok ? 0 : 1;
}

// Only when run as a script: the tests import `sampleArguments` without connecting anywhere.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await main();
