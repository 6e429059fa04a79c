import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleArguments } from '../../scripts/mcp-conformance-client';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const suite = join(
  dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
  'dist/index.js',
);
const tsx = join(root, 'node_modules/.bin/tsx');

/** Run one client scenario of the official MCP conformance suite against Parley's client. */
function runScenario(scenario: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        suite,
        'client',
        '--command',
        `${tsx} scripts/mcp-conformance-client.ts`,
        '--scenario',
        scenario,
      ],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe('the MCP conformance suite against Parley’s client', () => {
  it.each(['initialize', 'tools_call'])('passes %s', { timeout: 60_000 }, async (scenario) => {
    const { code, output } = await runScenario(scenario);
    expect(output).toContain('OVERALL: PASSED');
    expect(code).toBe(0);
  });

  it('makes arguments from a tool’s input schema', () => {
    expect(
      sampleArguments({
        type: 'object',
        properties: {
          a: { type: 'number' },
          s: { type: 'string' },
          f: { type: ['boolean', 'null'] },
        },
      }),
    ).toEqual({ a: 1, s: 'test', f: true });
  });
});
