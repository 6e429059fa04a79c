import { describe, expect, it } from 'vitest';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { diagnose, StartTimeoutError, type StartFailure } from '../../../main/mcp/start-doctor';

const stdio = (extra: Partial<StartFailure>): StartFailure => ({
  serverName: 'Files',
  transport: 'stdio',
  command: 'uvx',
  resolvedCommand: '/usr/local/bin/uvx',
  stderrTail: [],
  error: new Error('x'),
  ...extra,
});
const http = (error: unknown): StartFailure => ({
  serverName: 'Remote',
  transport: 'streamable-http',
  url: 'https://example.com/mcp',
  stderrTail: [],
  error,
});

describe('diagnose', () => {
  it('names uv when uvx is missing, and explains the macOS PATH', () => {
    const problem = diagnose(stdio({ resolvedCommand: null }));
    expect(problem.message).toBe('The command "uvx" was not found.');
    expect(problem.command).toBe('uvx');
    expect(problem.hints[0]).toContain('uv');
    expect(problem.hints[1]).toContain("GUI apps on macOS don't inherit your shell's PATH");
  });

  it('reports the resolved path, a signal exit and at most 20 stderr lines', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `line ${i}`);
    const problem = diagnose(stdio({ exit: { code: null, signal: 'SIGKILL' }, stderrTail: lines }));
    expect(problem.message).toBe('"Files" was stopped by SIGKILL before it was ready.');
    expect(problem.command).toBe('/usr/local/bin/uvx');
    expect(problem.exitCode).toBeNull();
    expect(problem.stderrTail).toEqual(lines.slice(5));
  });

  it('explains a timeout in seconds', () => {
    const problem = diagnose(stdio({ error: new StartTimeoutError(30_000) }));
    expect(problem.message).toBe('"Files" did not answer initialize within 30 s.');
  });

  it('points at the token on 401/403, and at the URL on 404', () => {
    expect(diagnose(http(new StreamableHTTPError(403, 'Forbidden'))).hints[0]).toContain(
      'Check the headers',
    );
    const missing = diagnose(http(new StreamableHTTPError(404, 'Not Found')));
    expect(missing.message).toBe(
      '"Remote" has no MCP endpoint at https://example.com/mcp (HTTP 404).',
    );
  });

  it('asks whether the server is running when the connection is refused', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const problem = diagnose(http(refused));
    expect(problem.message).toBe(
      'Nothing answered at https://example.com/mcp (connection refused).',
    );
    expect(problem.hints).toEqual(['Is the server running? Check the URL and port.']);
  });
});
