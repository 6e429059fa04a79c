import { writeFileSync, chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loginEnvironment,
  parseEnvOutput,
  stdioBaseEnvironment,
} from '../../../main/mcp/login-environment';
import { resolveCommand } from '../../../main/mcp/command-lookup';

describe('loginEnvironment', () => {
  it('parses env -0 output, keeping values with newlines and equals signs', () => {
    expect(parseEnvOutput('PATH=/a:/b\0MULTI=one\ntwo\0EQ=a=b\0\n')).toEqual({
      PATH: '/a:/b',
      MULTI: 'one\ntwo',
      EQ: 'a=b',
    });
  });

  it.skipIf(process.platform === 'win32')(
    'reads the environment from the login shell once',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-shell-'));
      const shell = join(dir, 'fake-shell');
      const count = join(dir, 'count');
      // A stand-in login shell: answers `-ilc 'env -0'` with a fixed environment and counts runs.
      writeFileSync(
        shell,
        `#!/bin/sh\necho x >> '${count}'\nprintf 'PATH=/opt/tools/bin\\0HOME=/home/u\\0'\n`,
      );
      chmodSync(shell, 0o755);
      const read = loginEnvironment({ platform: 'linux', shell });
      expect(await read()).toEqual({ PATH: '/opt/tools/bin', HOME: '/home/u' });
      expect(await read()).toEqual({ PATH: '/opt/tools/bin', HOME: '/home/u' });
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(1);
    },
  );

  it('gives nothing on Windows or without a shell, and when the shell fails', async () => {
    expect(await loginEnvironment({ platform: 'win32', shell: '/bin/sh' })()).toEqual({});
    expect(await loginEnvironment({ platform: 'darwin', shell: undefined })()).toEqual({});
    const logged: string[] = [];
    const read = loginEnvironment({
      platform: 'linux',
      shell: '/nonexistent/shell',
      log: (m) => logged.push(m),
    });
    expect(await read()).toEqual({});
    expect(logged[0]).toContain('could not read the login shell');
  });
});

describe('stdioBaseEnvironment', () => {
  it('lays the login shell over Parley’s own environment', async () => {
    const base = stdioBaseEnvironment(async () => ({ PATH: '/login/bin' }), {
      PATH: '/usr/bin',
      HOME: '/home/u',
      GONE: undefined,
    });
    expect(await base()).toEqual({ PATH: '/login/bin', HOME: '/home/u' });
  });
});

describe('resolveCommand', () => {
  it.skipIf(process.platform === 'win32')(
    'finds a command on PATH as an absolute path, or null',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-path-'));
      const tool = join(dir, 'my-server');
      writeFileSync(tool, '#!/bin/sh\n');
      chmodSync(tool, 0o755);
      writeFileSync(join(dir, 'not-executable'), '');
      expect(resolveCommand('my-server', { PATH: `/nonexistent:${dir}` })).toBe(tool);
      expect(resolveCommand('not-executable', { PATH: dir })).toBeNull();
      expect(resolveCommand('missing', { PATH: dir })).toBeNull();
      expect(resolveCommand('./my-server', {}, dir)).toBe(tool);
    },
  );
});
