/**
 * The start-up doctor: turns why a server failed to start (or stopped) into an
 * `McpStartProblem` — one sentence, the command as resolved, the exit code, the last stderr
 * lines and what to check, in plain words.
 */
import type { McpStartProblem, McpTransportKind } from '../../preload/api';

/** Thrown when a server does not answer `initialize` in time. */
export class StartTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The server did not answer initialize within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = 'StartTimeoutError';
  }
}

/** What the doctor knows about a failed start. */
export interface StartFailure {
  serverName: string;
  transport: McpTransportKind;
  /** stdio: the command as configured, and its absolute path when PATH has it (null: not found). */
  command?: string;
  resolvedCommand?: string | null;
  url?: string;
  /** stdio: how the process ended, when it did. */
  exit?: { code: number | null; signal: string | null } | null;
  /** The last stderr lines (at most 20). */
  stderrTail: string[];
  /** The error the start ended with. */
  error: unknown;
}

/** Runtimes people launch servers with, and where to get each. */
const launchers: Record<string, string> = {
  npx: 'npx comes with Node.js (https://nodejs.org); install Node.js, then restart Parley.',
  node: 'Install Node.js (https://nodejs.org), then restart Parley.',
  uvx: 'uvx comes with uv (https://docs.astral.sh/uv/); install uv, then restart Parley.',
  uv: 'Install uv (https://docs.astral.sh/uv/), then restart Parley.',
  docker: 'Install Docker and make sure it is running.',
  python: 'Install Python, or give the full path to the Python you use.',
  python3: 'Install Python, or give the full path to the Python you use.',
  bunx: 'bunx comes with Bun (https://bun.sh); install Bun, then restart Parley.',
  deno: 'Install Deno (https://deno.com), then restart Parley.',
};

/** The HTTP status inside an SDK transport error (StreamableHTTPError, SseError), if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && code >= 100 && code < 600) return code;
  const message = (error as { message?: unknown }).message;
  const match = typeof message === 'string' ? /\bHTTP (\d{3})\b|\((\d{3})\)/.exec(message) : null;
  const status = match ? Number(match[1] ?? match[2]) : NaN;
  return Number.isFinite(status) ? status : undefined;
}

/** The `code` of a Node system error (ENOENT, ECONNREFUSED), following `cause` chains. */
export function systemCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return undefined;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Diagnose a failed start. Never throws. */
export function diagnose(failure: StartFailure): McpStartProblem {
  const stderrTail = failure.stderrTail.slice(-20);
  const base = {
    stderrTail,
    ...(failure.command !== undefined
      ? { command: failure.resolvedCommand ?? failure.command }
      : {}),
    ...(failure.exit ? { exitCode: failure.exit.code } : {}),
  };
  const error = failure.error;
  const commandName = (failure.command ?? '').split(/[\\/]/).pop() ?? '';
  if (failure.transport === 'stdio') {
    if (failure.resolvedCommand === null || systemCodeOf(error) === 'ENOENT') {
      const hints = [
        "GUI apps on macOS don't inherit your shell's PATH; Parley uses your login shell's environment, so a command your terminal finds should work here too. If it still is not found, give the command's full path (run `which " +
          commandName +
          '` in a terminal to see it).',
      ];
      const launcher = launchers[commandName];
      if (launcher) hints.unshift(launcher);
      if (failure.resolvedCommand !== null && systemCodeOf(error) === 'ENOENT')
        hints.push('Check that the working folder exists.');
      return { ...base, message: `The command "${failure.command}" was not found.`, hints };
    }
    if (systemCodeOf(error) === 'EACCES') {
      return {
        ...base,
        message: `The command "${failure.command}" could not be run (permission denied).`,
        hints: ['Check that the file is executable (chmod +x) and is a program, not a folder.'],
      };
    }
    if (error instanceof StartTimeoutError) {
      return {
        ...base,
        message: `"${failure.serverName}" did not answer initialize within ${Math.round(error.timeoutMs / 1000)} s.`,
        hints: [
          'Check that this command starts an MCP server speaking over stdio (some need an argument such as "stdio").',
          'A first start may be downloading packages; try again.',
        ],
      };
    }
    if (failure.exit) {
      const how =
        failure.exit.code !== null
          ? `exited with code ${failure.exit.code}`
          : `was stopped by ${failure.exit.signal ?? 'a signal'}`;
      return {
        ...base,
        message: `"${failure.serverName}" ${how} before it was ready.`,
        hints: [
          'Check the arguments and environment variables; the server’s own messages are below.',
          'Run the same command in a terminal to see what it says.',
        ],
      };
    }
  } else {
    const status = httpStatusOf(error);
    if (status === 401 || status === 403) {
      return {
        ...base,
        message: `"${failure.serverName}" refused the connection (HTTP ${status}).`,
        hints: ['Check the headers: the token may be missing, wrong or expired.'],
      };
    }
    if (status === 404) {
      return {
        ...base,
        message: `"${failure.serverName}" has no MCP endpoint at ${failure.url ?? 'this address'} (HTTP 404).`,
        hints: ['Check the URL, including its path (often /mcp or /sse).'],
      };
    }
    const code = systemCodeOf(error);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return {
        ...base,
        message:
          code === 'ECONNREFUSED'
            ? `Nothing answered at ${failure.url ?? 'the server’s address'} (connection refused).`
            : `The host of ${failure.url ?? 'the server'} was not found.`,
        hints: ['Is the server running? Check the URL and port.'],
      };
    }
    if (error instanceof StartTimeoutError) {
      return {
        ...base,
        message: `"${failure.serverName}" did not answer initialize within ${Math.round(error.timeoutMs / 1000)} s.`,
        hints: ['Is the server running and reachable? Check the URL.'],
      };
    }
    if (error instanceof TypeError && error.message === 'fetch failed') {
      return {
        ...base,
        message: `Could not reach ${failure.url ?? 'the server'}.`,
        hints: ['Is the server running? Check the URL and port.'],
      };
    }
    if (status !== undefined) {
      return {
        ...base,
        message: `"${failure.serverName}" answered HTTP ${status}.`,
        hints: ['Check the URL and the transport (Streamable HTTP or SSE).'],
      };
    }
  }
  return {
    ...base,
    message: `"${failure.serverName}" could not start: ${messageOf(error)}`,
    hints: [],
  };
}
