import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  McpConnection,
  McpStartError,
  type McpServerConfig,
} from '../../../main/mcp/mcp-connection';
import { ToolCallError } from '../../../main/tools/tool-source';
import {
  everythingScript,
  fixtureScript,
  freePort,
  startEverythingHttp,
  type HttpEverything,
} from './everything-server';
import { startTokenServer, type HttpFixture } from './http-fixture';

const open: McpConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function stdio(args: string[], extra: Partial<McpServerConfig> = {}): McpServerConfig {
  return {
    id: 's1',
    name: 'Fixture',
    transport: 'stdio',
    command: process.execPath,
    args,
    env: {},
    headers: {},
    ...extra,
  };
}

async function connect(
  config: McpServerConfig,
  options: Parameters<typeof McpConnection.open>[1] = {},
) {
  const connection = await McpConnection.open(config, { closeGraceMs: 500, ...options });
  open.push(connection);
  return connection;
}

async function startProblem(
  config: McpServerConfig,
  options: Parameters<typeof McpConnection.open>[1] = {},
) {
  try {
    const connection = await McpConnection.open(config, options);
    open.push(connection);
  } catch (error) {
    if (error instanceof McpStartError) return error.problem;
    throw error;
  }
  throw new Error('the server started');
}

const text = (result: { content: Array<{ type: string }> }) =>
  result.content.map((b) => ('text' in b ? String(b.text) : '')).join('');

describe('McpConnection with the reference server over stdio', () => {
  it('lists tools and calls echo and get-sum', async () => {
    const connection = await connect(stdio([everythingScript, 'stdio'], { name: 'Everything' }));
    const names = connection.tools.map((t) => t.name);
    expect(names).toContain('echo');
    expect(names).toContain('get-sum');
    const echo = await connection.callTool(
      'echo',
      { message: 'hi there' },
      new AbortController().signal,
    );
    expect(text(echo)).toContain('hi there');
    expect(echo.isError).toBe(false);
    const sum = await connection.callTool('get-sum', { a: 2, b: 3 }, new AbortController().signal);
    expect(text(sum)).toContain('5');
  });

  it('rejects at once when a long-running call is aborted, and the server keeps serving', async () => {
    const connection = await connect(stdio([everythingScript, 'stdio']));
    const controller = new AbortController();
    const call = connection.callTool(
      'trigger-long-running-operation',
      { duration: 30, steps: 30 },
      controller.signal,
    );
    const started = Date.now();
    controller.abort(new Error('user pressed Stop'));
    await expect(call).rejects.toThrow('user pressed Stop');
    expect(Date.now() - started).toBeLessThan(1_000);
    const echo = await connection.callTool(
      'echo',
      { message: 'still here' },
      new AbortController().signal,
    );
    expect(text(echo)).toContain('still here');
  });
});

describe('McpConnection with the reference server over HTTP', () => {
  let server: HttpEverything;
  beforeAll(async () => {
    server = await startEverythingHttp();
  });
  afterAll(() => server.stop());

  it('lists tools and calls echo over Streamable HTTP, with the configured headers', async () => {
    const connection = await connect({
      id: 'h',
      name: 'Everything HTTP',
      transport: 'streamable-http',
      url: server.url,
      args: [],
      env: {},
      headers: { 'X-Test': 'yes' },
    });
    expect(connection.tools.map((t) => t.name)).toContain('echo');
    const echo = await connection.callTool(
      'echo',
      { message: 'over http' },
      new AbortController().signal,
    );
    expect(text(echo)).toContain('over http');
  });

  it('falls back to legacy SSE when a streamable-http server answers the POST with a 4xx', async () => {
    const sse = await startEverythingHttp('sse');
    try {
      const logged: string[] = [];
      const connection = await connect(
        {
          id: 'l',
          name: 'Legacy',
          transport: 'streamable-http',
          url: sse.url,
          args: [],
          env: {},
          headers: {},
        },
        { log: (message) => logged.push(message) },
      );
      expect(logged.some((l) => l.includes('trying SSE'))).toBe(true);
      const echo = await connection.callTool(
        'echo',
        { message: 'via sse' },
        new AbortController().signal,
      );
      expect(text(echo)).toContain('via sse');
      await connection.close();
    } finally {
      await sse.stop();
    }
  });

  it('aborting a long call over HTTP rejects at once', async () => {
    const connection = await connect({
      id: 'h',
      name: 'Everything HTTP',
      transport: 'streamable-http',
      url: server.url,
      args: [],
      env: {},
      headers: {},
    });
    const controller = new AbortController();
    const call = connection.callTool(
      'trigger-long-running-operation',
      { duration: 30, steps: 30 },
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error('stopped')), 100);
    await expect(call).rejects.toThrow('stopped');
  });
});

describe('McpConnection with a server that needs a token', () => {
  let server: HttpFixture;
  beforeAll(async () => {
    server = await startTokenServer('tok-42');
  });
  afterAll(() => server.close());
  const config = (headers: Record<string, string>): McpServerConfig => ({
    id: 't',
    name: 'Tokened',
    transport: 'streamable-http',
    url: server.url,
    args: [],
    env: {},
    headers,
  });

  it('sends the configured headers', async () => {
    const connection = await connect(config({ Authorization: 'Bearer tok-42' }));
    const result = await connection.callTool('whoami', {}, new AbortController().signal);
    expect(text(result)).toBe('authorized');
    expect(server.seen.at(-1)?.authorization).toBe('Bearer tok-42');
  });

  it('says to check the headers on HTTP 401', async () => {
    const problem = await startProblem(config({ Authorization: 'Bearer wrong' }));
    expect(problem.message).toBe('"Tokened" refused the connection (HTTP 401).');
    expect(problem.hints.join(' ')).toContain('Check the headers');
  });
});

describe('McpConnection with fixture servers', () => {
  it('sends notifications/cancelled when a call is aborted, without killing the server', async () => {
    const connection = await connect(stdio([fixtureScript, 'normal']));
    const controller = new AbortController();
    const call = connection.callTool('slow', {}, controller.signal);
    // Abort only once the server is working on it, so the cancellation is for a running request.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(new Error('stop'));
    await expect(call).rejects.toThrow('stop');
    await expect
      .poll(() => connection.stderrTail.join('\n'))
      .toContain('fixture: cancelled request');
    expect(connection.pid).not.toBeNull();
  });

  it('skips garbage on stdout', async () => {
    const logged: string[] = [];
    const connection = await connect(stdio([fixtureScript, 'garbage']), {
      log: (message) => logged.push(message),
    });
    const result = await connection.callTool('echo', { text: 'ok' }, new AbortController().signal);
    expect(text(result)).toBe('ok');
    expect(logged.some((l) => l.includes('not JSON-RPC'))).toBe(true);
  });

  it('gives a plain timeout message when a server never answers initialize', async () => {
    const problem = await startProblem(stdio([fixtureScript, 'silent']), {
      initializeTimeoutMs: 500,
    });
    expect(problem.message).toMatch(/did not answer initialize within 1 s|within 0 s|within/);
    expect(problem.message).toContain('did not answer initialize');
  });

  it('shows the exit code and the stderr tail when a server exits at once', async () => {
    const problem = await startProblem(stdio([fixtureScript, 'exit']));
    expect(problem.exitCode).toBe(3);
    expect(problem.stderrTail).toEqual(['fixture: missing API_TOKEN', 'fixture: giving up']);
    expect(problem.command).toBe(process.execPath);
    expect(problem.hints.join(' ')).toMatch(/arguments/);
  });

  it('explains a command that is not on PATH', async () => {
    const problem = await startProblem(stdio([], { command: 'parley-no-such-command' }), {
      baseEnv: async () => ({ PATH: '/nonexistent' }),
    });
    expect(problem.message).toBe('The command "parley-no-such-command" was not found.');
    expect(problem.hints.join(' ')).toContain("GUI apps on macOS don't inherit your shell's PATH");
  });

  it('names npx as coming with Node.js when it is missing', async () => {
    const problem = await startProblem(stdio(['-y', 'some-server'], { command: 'npx' }), {
      baseEnv: async () => ({ PATH: '/nonexistent' }),
    });
    expect(problem.hints[0]).toContain('Node.js');
  });

  it('caps a 10 MB result with a visible note', async () => {
    const connection = await connect(stdio([fixtureScript, 'normal']), {
      maxResultChars: 1_000_000,
    });
    const result = await connection.callTool('big', {}, new AbortController().signal);
    expect(result.truncated).toEqual({ keptChars: 1_000_000, totalChars: 10 * 1024 * 1024 });
    expect(text(result)).toContain('Parley kept the first 1,000,000 of 10,485,760 characters');
  });

  it('lists 200 tools and calls a tool whose name has a space and a dot', async () => {
    const many = await connect(stdio([fixtureScript, 'many']));
    expect(many.tools).toHaveLength(200);
    const normal = await connect(stdio([fixtureScript, 'normal']));
    const result = await normal.callTool('my tool.v2', {}, new AbortController().signal);
    expect(text(result)).toBe('odd name works');
  });

  it('fails a call with ToolCallError when the server crashes mid-call, and reports the loss', async () => {
    let lost: string | null = null;
    const connection = await connect(stdio([fixtureScript, 'normal']), {
      onLost: (problem) => (lost = problem.message),
    });
    const call = connection.callTool('crash', {}, new AbortController().signal);
    await expect(call).rejects.toThrow(ToolCallError);
    await expect(call).rejects.toThrow('Fixture stopped while running crash.');
    await expect.poll(() => lost).toBe('"Fixture" exited with code 7.');
  });

  it('reports connection refused for an HTTP server that is not running', async () => {
    const problem = await startProblem({
      id: 'x',
      name: 'Nowhere',
      transport: 'streamable-http',
      url: `http://127.0.0.1:${await freePort()}/mcp`,
      args: [],
      env: {},
      headers: {},
    });
    expect(problem.message).toContain('connection refused');
    expect(problem.hints.join(' ')).toContain('Is the server running?');
  });
});
