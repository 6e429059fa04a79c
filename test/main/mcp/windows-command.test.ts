import { describe, expect, it } from 'vitest';
import { cmdShellInvocation, needsCmdShell } from '../../../main/mcp/windows-command';

describe('cmdShellInvocation', () => {
  it('is only needed for .cmd and .bat files on Windows', () => {
    expect(needsCmdShell('C:\\Program Files\\nodejs\\npx.cmd', 'win32')).toBe(true);
    expect(needsCmdShell('C:\\tools\\run.BAT', 'win32')).toBe(true);
    expect(needsCmdShell('C:\\Python\\python.exe', 'win32')).toBe(false);
    expect(needsCmdShell('/usr/bin/npx.cmd', 'linux')).toBe(false);
  });

  it('runs cmd.exe with the command line quoted and metacharacters escaped', () => {
    const { file, args } = cmdShellInvocation(
      'C:\\Program Files\\nodejs\\npx.cmd',
      ['-y', '@scope/server', 'a&b', 'say "hi"', 'C:\\dir\\'],
      'C:\\Windows\\system32\\cmd.exe',
    );
    expect(file).toBe('C:\\Windows\\system32\\cmd.exe');
    expect(args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(args[3]).toBe(
      '"C:\\Program^ Files\\nodejs\\npx.cmd ^"-y^" ^"@scope/server^" ^"a^&b^" ^"say^ \\^"hi\\^"^" ^"C:\\dir\\\\^""',
    );
  });

  it('escapes twice for npm’s node_modules\\.bin shims', () => {
    const { args } = cmdShellInvocation(
      'C:\\p\\node_modules\\.bin\\server.cmd',
      ['a&b'],
      'cmd.exe',
    );
    expect(args[3]).toBe('"C:\\p\\node_modules\\.bin\\server.cmd ^^^"a^^^&b^^^""');
  });
});
