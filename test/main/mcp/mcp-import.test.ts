import { describe, expect, it } from 'vitest';
import { McpImportError, parseMcpServers } from '../../../main/mcp/mcp-import';

describe('parseMcpServers', () => {
  it('reads Claude desktop’s stdio entries and Cursor’s url entries', () => {
    const parsed = parseMcpServers(
      JSON.stringify({
        mcpServers: {
          filesystem: {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
          },
          github: { command: 'docker', args: ['run'], env: { GITHUB_TOKEN: 'ghp_x' } },
          remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer t' } },
          legacy: { url: 'https://example.com/sse', type: 'sse' },
          typed: { url: 'https://example.com/mcp', type: 'http' },
          off: { command: 'uvx', args: ['thing'], disabled: true },
        },
      }),
    );
    expect(parsed.skipped).toEqual([]);
    expect(parsed.servers.map((s) => [s.name, s.transport, s.enabled])).toEqual([
      ['filesystem', 'stdio', true],
      ['github', 'stdio', true],
      ['remote', 'streamable-http', true],
      ['legacy', 'sse', true],
      ['typed', 'streamable-http', true],
      ['off', 'stdio', false],
    ]);
    expect(parsed.servers[1]?.env).toEqual({ GITHUB_TOKEN: 'ghp_x' });
    expect(parsed.servers[2]?.headers).toEqual({ Authorization: 'Bearer t' });
  });

  it('reads a bare object of servers', () => {
    const parsed = parseMcpServers('{ "a": { "command": "node", "args": ["s.js"] } }');
    expect(parsed.servers).toHaveLength(1);
    expect(parsed.servers[0]).toMatchObject({ name: 'a', command: 'node', args: ['s.js'] });
  });

  it('skips unusable entries with a reason each', () => {
    const parsed = parseMcpServers(
      JSON.stringify({
        mcpServers: {
          nothing: {},
          badArgs: { command: 'node', args: 'server.js' },
          badUrl: { url: 'ftp://example.com' },
          badType: { url: 'https://example.com', type: 'websocket' },
          badEnv: { command: 'node', env: { 'BAD NAME': 'x' } },
          fine: { command: 'node' },
        },
      }),
    );
    expect(parsed.servers.map((s) => s.name)).toEqual(['fine']);
    expect(parsed.skipped).toEqual([
      { name: 'nothing', reason: 'Skipped because it has neither a "command" nor a "url".' },
      { name: 'badArgs', reason: 'Skipped because its "args" is not a list of text.' },
      { name: 'badUrl', reason: 'Skipped because its url is not http or https.' },
      {
        name: 'badType',
        reason:
          'Skipped because its type "websocket" is not one Parley knows (http, streamable-http, sse).',
      },
      { name: 'badEnv', reason: 'Skipped because "BAD NAME" in its "env" is not a valid name.' },
    ]);
  });

  it('skips a second entry whose name differs only in case', () => {
    const parsed = parseMcpServers(
      '{"mcpServers":{"Files":{"command":"a"},"files":{"command":"b"}}}',
    );
    expect(parsed.servers.map((s) => s.command)).toEqual(['a']);
    expect(parsed.skipped).toEqual([
      { name: 'files', reason: 'Skipped because another entry has the same name.' },
    ]);
  });

  it('says where invalid JSON goes wrong', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "command": "node", }\n  }\n}';
    expect(() => parseMcpServers(text)).toThrow(McpImportError);
    expect(() => parseMcpServers(text)).toThrow(
      /not valid JSON \(the problem is at line 3, column \d+\)/,
    );
  });

  it('refuses a file without servers in plain words', () => {
    expect(() => parseMcpServers('[]')).toThrow(
      'The file should hold an object with "mcpServers" in it.',
    );
    expect(() => parseMcpServers('{"mcpServers": []}')).toThrow(
      '"mcpServers" should be an object of servers by name.',
    );
    expect(() => parseMcpServers('{"mcpServers": {}}')).toThrow('The file lists no servers.');
  });
});
