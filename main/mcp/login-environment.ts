/**
 * The login shell's environment. An app started from the macOS Dock or a Linux desktop menu gets
 * a minimal environment without the PATH the user's shell profile sets up, so `npx`, `uvx` or
 * `node` from nvm/Homebrew are "not found". Like VS Code and Claude desktop, Parley asks the
 * user's login shell once (`$SHELL -ilc env`) and starts stdio servers with that environment
 * under the server's own variables.
 */
import { execFile } from 'node:child_process';

/** Reads the login shell's environment; resolves {} when it cannot (never rejects). */
export type LoginEnvironmentReader = () => Promise<Record<string, string>>;

/** Parse `env -0` output (NUL-separated NAME=value pairs) into a map. */
export function parseEnvOutput(output: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of output.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq).replace(/^\s+/, '');
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) env[name] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * A reader that runs `$SHELL -ilc 'env -0'` once (later calls share the answer), giving up after
 * `timeoutMs` (default 10 s: an interactive profile that waits for input must not hang Parley).
 * On Windows, without `SHELL`, or on any failure it gives {} and logs why.
 */
export function loginEnvironment(
  options: {
    platform?: NodeJS.Platform;
    shell?: string | undefined;
    timeoutMs?: number;
    log?: (message: string, error: unknown) => void;
  } = {},
): LoginEnvironmentReader {
  const platform = options.platform ?? process.platform;
  const shell = 'shell' in options ? options.shell : process.env.SHELL;
  let answer: Promise<Record<string, string>> | null = null;
  return () => {
    if (platform === 'win32' || !shell) return Promise.resolve({});
    answer ??= new Promise((resolve) => {
      execFile(
        shell,
        ['-ilc', 'env -0'],
        { timeout: options.timeoutMs ?? 10_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout) => {
          if (error) {
            options.log?.(`could not read the login shell's environment (${shell})`, error);
            resolve({});
            return;
          }
          resolve(parseEnvOutput(stdout));
        },
      );
    });
    return answer;
  };
}

/**
 * The environment stdio servers start with (before their own `env`): Parley's own environment
 * with the login shell's laid over it. The shell's values win, as in VS Code: an app started
 * from the Dock has a bare PATH, and the shell's PATH is the one the user's terminal finds
 * `npx` and `uvx` with. Pass `loginEnvironment()` in the app; tests pass `async () => ({})`.
 */
export function stdioBaseEnvironment(
  readLogin: LoginEnvironmentReader,
  own: NodeJS.ProcessEnv = process.env,
): () => Promise<Record<string, string>> {
  return async () => {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(own)) if (value !== undefined) env[name] = value;
    return { ...env, ...(await readLogin()) };
  };
}
