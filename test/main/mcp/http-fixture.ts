/**
 * A Streamable HTTP MCP server inside the test process (127.0.0.1, a free port) that demands
 * `Authorization: Bearer <token>`: 401 without it. It records the headers of each request.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/** A running fixture: its URL, the headers it saw, and how to stop it. */
export interface HttpFixture {
  url: string;
  seen: IncomingHttpHeaders[];
  close: () => Promise<void>;
}

/** Start the fixture; `token` is the bearer token it accepts. */
export async function startTokenServer(token: string): Promise<HttpFixture> {
  const seen: IncomingHttpHeaders[] = [];
  const http = createServer((req, res) => {
    seen.push(req.headers);
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    // Stateless: a fresh server and transport per request, as the SDK's examples do.
    const server = new McpServer({ name: 'token-fixture', version: '1.0.0' });
    server.registerTool('whoami', { description: 'Says hello' }, async () => ({
      content: [{ type: 'text', text: 'authorized' }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    seen,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
