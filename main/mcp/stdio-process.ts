/**
 * The stdio transport for a local MCP server (https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio):
 * Parley spawns the server and exchanges newline-delimited JSON-RPC on its stdin/stdout. Unlike
 * the SDK's `StdioClientTransport` it reports how the process ended (exit code or signal), which
 * the start-up doctor shows, and takes the environment exactly as given (the caller merges the
 * login shell's environment). Lines on stdout that are not JSON-RPC are logged and skipped, not
 * fatal: many servers print a banner there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { cmdShellInvocation, needsCmdShell } from './windows-command';

/** How to start the server process. */
export interface StdioProcessOptions {
  command: string;
  args: string[];
  /** The complete environment of the process (not merged with anything here). */
  env: Record<string, string>;
  cwd?: string;
  /** Each line the server writes to stderr, as it arrives (without the newline). */
  onStderrLine?: (line: string) => void;
  /** A line on stdout that is not a JSON-RPC message. */
  onStdoutNoise?: (error: Error) => void;
  /** How long `close` waits after closing stdin before SIGTERM, then before SIGKILL (ms, default 2000). */
  closeGraceMs?: number;
}

/** How the process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned MCP server speaking JSON-RPC over its stdio, as an SDK `Transport`. */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | null = null;
  // The SDK's default cap is 10 MiB, less than one large tool result in JSON; 256 MiB is roomy
  // yet keeps a runaway server from filling memory.
  private readonly buffer = new ReadBuffer({ maxBufferSize: 256 * 1024 * 1024 });
  private exitInfo: ProcessExit | null = null;
  private readonly exited: Promise<ProcessExit>;
  private resolveExit!: (exit: ProcessExit) => void;

  constructor(private readonly options: StdioProcessOptions) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** The process id while it runs; null before it started and after it ended. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** How the process ended; null while it runs (or before it started). */
  get exit(): ProcessExit | null {
    return this.exitInfo;
  }

  /** Resolves when the process has ended. */
  whenExited(): Promise<ProcessExit> {
    return this.exited;
  }

  /** Spawn the process. Rejects with the spawn error (ENOENT for a command not found). */
  start(): Promise<void> {
    if (this.child) throw new Error('StdioProcessTransport already started');
    return new Promise((resolve, reject) => {
      const viaCmd = needsCmdShell(this.options.command);
      const { file, args } = viaCmd
        ? cmdShellInvocation(this.options.command, this.options.args, this.options.env.ComSpec)
        : { file: this.options.command, args: this.options.args };
      const child = spawn(file, args, {
        env: this.options.env,
        cwd: this.options.cwd || undefined,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
        windowsVerbatimArguments: viaCmd,
      });
      this.child = child;
      let spawned = false;
      child.on('error', (error) => {
        if (!spawned) reject(error);
        else this.onerror?.(error);
      });
      child.on('spawn', () => {
        spawned = true;
        resolve();
      });
      child.on('close', (code, signal) => {
        this.exitInfo = { code, signal };
        this.resolveExit(this.exitInfo);
        this.child = null;
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        try {
          this.buffer.append(chunk);
        } catch (error) {
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.buffer.readMessage();
          } catch (error) {
            this.options.onStdoutNoise?.(error instanceof Error ? error : new Error(String(error)));
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      let partial = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        const lines = (partial + text).split(/\r?\n/);
        partial = lines.pop() ?? '';
        for (const line of lines) this.options.onStderrLine?.(line);
      });
      child.stderr?.on('end', () => {
        if (partial) this.options.onStderrLine?.(partial);
        partial = '';
      });
    });
  }

  /** Write one message to the server's stdin. Rejects when the process is gone. */
  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || stdin.destroyed) {
        reject(new Error('The server process is not running.'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /**
   * End the process the way the MCP spec asks: close its stdin, wait, then SIGTERM, then
   * SIGKILL. Resolves once it has exited.
   */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const grace = this.options.closeGraceMs ?? 2_000;
    child.stdin?.end();
    if (await this.exitsWithin(grace)) return;
    child.kill('SIGTERM');
    if (await this.exitsWithin(grace)) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  private exitsWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void this.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
