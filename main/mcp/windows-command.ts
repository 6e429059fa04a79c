/**
 * Starting a `.cmd` or `.bat` file on Windows (`npx.cmd`, `uvx.cmd`, …). Since Node 18.20.2 /
 * 20.12.2 (CVE-2024-27980) `spawn` refuses them without a shell, and `shell: true` joins the
 * arguments unescaped. So, like the widely used `cross-spawn` package
 * (https://github.com/moxystudio/node-cross-spawn, lib/parse.js and lib/util/escape.js), Parley
 * runs `cmd.exe /d /s /c "<escaped command line>"` with verbatim arguments.
 */

/** cmd.exe's metacharacters, escaped with `^` (cross-spawn's list). */
const metaChars = /([()\][%!^"`<>&|;, *?])/g;

/** A `.cmd` shim npm writes into node_modules/.bin: cmd.exe parses its arguments twice. */
const cmdShim = /node_modules[\\/]\.bin[\\/][^\\/]+\.cmd$/i;

/** Whether `command` (a resolved path) needs cmd.exe to start on Windows. */
export function needsCmdShell(
  command: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return platform === 'win32' && /\.(cmd|bat)$/i.test(command);
}

/** One argument quoted for CommandLineToArgvW and then escaped for cmd.exe. */
export function escapeArgument(arg: string, doubleEscape: boolean): string {
  let quoted = arg
    // Backslashes before a quote are doubled and the quote escaped; trailing backslashes doubled.
    .replace(/(\\*)"/g, '$1$1\\"')
    .replace(/(\\*)$/, '$1$1');
  quoted = `"${quoted}"`.replace(metaChars, '^$1');
  return doubleEscape ? quoted.replace(metaChars, '^$1') : quoted;
}

/**
 * What to spawn instead of `command args` on Windows: `cmd.exe` (`comspec`) with the escaped
 * command line, to be spawned with `windowsVerbatimArguments: true`.
 */
export function cmdShellInvocation(
  command: string,
  args: readonly string[],
  comspec: string = process.env.ComSpec ?? 'cmd.exe',
): { file: string; args: string[] } {
  const doubleEscape = cmdShim.test(command);
  const line = [
    command.replace(metaChars, '^$1'),
    ...args.map((arg) => escapeArgument(arg, doubleEscape)),
  ].join(' ');
  return { file: comspec, args: ['/d', '/s', '/c', `"${line}"`] };
}
