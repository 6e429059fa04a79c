/**
 * Starts the official reference MCP server (`@modelcontextprotocol/server-everything`) over
 * Streamable HTTP on 127.0.0.1 for a test, on a port the OS picked free.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The reference server's entry script (run with `node <it> stdio|streamableHttp|sse`). */
export const everythingScript = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist/index.js',
);

/** The fixture server script (see fixtures/fixture-server.mjs for its modes). */
export const fixtureScript = join(import.meta.dirname, 'fixtures/fixture-server.mjs');

/** A TCP port on 127.0.0.1 that was free a moment ago (nothing listens on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A running reference server: its base URL and how to stop it. */
export interface HttpEverything {
  url: string;
  stop: () => Promise<void>;
}

/** Start the reference server over `streamableHttp` (or `sse`); resolves once it listens. */
export async function startEverythingHttp(
  kind: 'streamableHttp' | 'sse' = 'streamableHttp',
): Promise<HttpEverything> {
  const port = await freePort();
  const child = spawn(process.execPath, [everythingScript, kind], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      text += chunk;
      if (/listening|running/i.test(text)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`everything server exited (${code}): ${text}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/${kind === 'sse' ? 'sse' : 'mcp'}`,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}
