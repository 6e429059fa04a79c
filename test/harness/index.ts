/**
 * The browser harness: the whole app but Electron. Real main-process services run in this Node
 * process, the production renderer build runs in headless Chromium, and a bridge with exactly
 * the preload's API joins them. A plain module (no test-runner globals) so scripts can use it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventChannel, InvokeChannel } from '../../preload/api';
import type { EventSink } from '../../main/chat/chat-service';
import type { FetchLike } from '../../main/providers/types';
import { registerHandlers, type InvokeEvent } from '../../main/ipc/register-handlers';
import { createServices, type Services } from '../../main/services';
import { createSenderCheck, rendererCsp } from '../../main/security';
import { JsonFileStore } from '../../main/storage/json-file-store';
import { bridgeScript } from './bridge-bundle';
import { serveStatic } from './static-server';
import { createTestCipher } from './test-cipher';

/** How to launch the app in the harness. */
export interface LaunchOptions {
  /** The environment main's services see (e.g. ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL). */
  env?: Record<string, string>;
  /** Where settings and secrets live; a fresh temporary folder when omitted (removed on close). */
  userDataDir?: string;
  /** Ask the model for conversation titles (off by default: it adds a request per conversation). */
  generateTitles?: boolean;
  /** Idle timeout for provider streams; 60 s like the app unless a test needs it shorter. */
  idleTimeoutMs?: number;
  /** Wrap main's fetch (the benchmark timestamps the bytes main receives); default: Node's fetch. */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** A URL hash to open the page at (`quick-ask` opens the quick-ask window's UI). */
  hash?: string;
}

/** A running app: the page to drive, and the main-process side for assertions. */
export interface LaunchedApp {
  page: Page;
  close(): Promise<void>;
  /** Main's services, for tests that check state (e.g. nothing left running). */
  services: Services;
  /** Every message that crossed the bridge, both ways, in order. */
  ipcLog: Array<{ direction: 'invoke' | 'result' | 'event'; channel: string; payload: unknown }>;
  /** Links main handed to the "browser" (shell.openExternal in the app), in order. */
  openedLinks: string[];
  /** Every text main put on the "clipboard", in order. */
  clipboard: string[];
  /** Conversations quick ask handed to the main window ("Continue in Parley"), in order. */
  continued: string[];
  /** Every file "saved" through the Save dialog (export), in order. */
  exports: Array<{ fileName: string; content: string }>;
  /** File contents the next Open dialogs (import) return, in order; empty means cancelled. */
  importQueue: string[];
  /** Paths the next "Attach files" dialogs return, in order (one list per dialog); empty: cancelled. */
  attachQueue: string[][];
  /** Attachments "saved" through Save…, in order. */
  savedFiles: Array<{ fileName: string; bytes: Uint8Array }>;
  /**
   * Errors logged by main, and the page's uncaught exceptions, unhandled rejections and
   * `console.error` calls (prefixed `console.error: `); a healthy run leaves both empty.
   */
  errors: { main: string[]; page: string[] };
  /** Where settings, secrets and the database live (for tests that read the files). */
  userDataDir: string;
}

/** Where the production renderer build lives. */
export const rendererDist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Chromium flags for this sandbox: no GPU, no background traffic to a network that is closed. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Launch the app: main services here, the renderer in Chromium. Needs `vite build` output in dist/. */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!existsSync(join(rendererDist, 'index.html'))) {
    throw new Error('The renderer is not built: run `npx vite build` (npm test does) first.');
  }
  const ownsDataDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'parley-harness-')));
  const errors: LaunchedApp['errors'] = { main: [], page: [] };
  const ipcLog: LaunchedApp['ipcLog'] = [];
  const openedLinks: string[] = [];
  const clipboard: string[] = [];
  const continued: string[] = [];
  const exports: LaunchedApp['exports'] = [];
  const importQueue: string[] = [];
  const attachQueue: string[][] = [];
  const savedFiles: LaunchedApp['savedFiles'] = [];
  const log = (message: string, error: unknown) => {
    errors.main.push(error instanceof Error ? `${message}: ${error.message}` : message);
  };

  const services = createServices({
    env: options.env ?? {},
    fetch: (options.wrapFetch ?? ((plain) => plain))((url, init) => fetch(url, init)),
    databasePath: join(userDataDir, 'parley.db'),
    settingsStore: new JsonFileStore(join(userDataDir, 'settings.json')),
    secretsStore: new JsonFileStore(join(userDataDir, 'secrets.json')),
    cipher: createTestCipher(userDataDir),
    openExternal: async (url) => void openedLinks.push(url),
    writeClipboard: (text) => void clipboard.push(text),
    continueInMain: (id) => void continued.push(id),
    dialogs: {
      saveFile: async (fileName, content) => {
        exports.push({ fileName, content });
        return { saved: true, fileName };
      },
      openJsonFile: async () => importQueue.shift() ?? null,
      openFiles: async () => attachQueue.shift() ?? null,
      saveBytes: async (fileName, bytes) => {
        savedFiles.push({ fileName, bytes });
        return { saved: true };
      },
    },
    dataDir: userDataDir,
    generateTitles: options.generateTitles ?? false,
    idleTimeoutMs: options.idleTimeoutMs,
    log,
  });

  const server = await serveStatic(rendererDist, rendererCsp({ dev: false }));
  const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  registerHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    services,
    createSenderCheck([server.origin]),
    log,
  );

  const browser: Browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  // Chromium reports unhandled rejections as page errors too.
  page.on('pageerror', (error) => errors.page.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium's own reports (a blocked load, a 404) name the URL only in their location.
    const { url } = message.location();
    errors.page.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
  });

  let dispatchChain = Promise.resolve();
  const sink: EventSink = {
    id: 1,
    isDestroyed: () => page.isClosed(),
    send(channel, payload) {
      ipcLog.push({ direction: 'event', channel, payload });
      // Chained so events reach the page in the order main sent them, as IPC guarantees.
      dispatchChain = dispatchChain
        .then(() =>
          page.evaluate(
            ([name, data]) =>
              (
                window as unknown as { __parleyDispatch(c: EventChannel, p: unknown): void }
              ).__parleyDispatch(name as EventChannel, data),
            [channel, payload] as const,
          ),
        )
        .catch(() => {
          // The page navigated or closed mid-dispatch: an app reload drops in-flight IPC too.
        });
    },
  };

  await page.exposeBinding('__parleyInvoke', async (source, channel: InvokeChannel, payload) => {
    ipcLog.push({ direction: 'invoke', channel, payload });
    const handler = handlers.get(channel);
    const result = handler
      ? await handler({ sender: sink, senderFrame: { url: source.frame.url() } }, payload)
      : { ok: false, error: { kind: 'invalid_payload', message: `No channel ${channel}` } };
    ipcLog.push({ direction: 'result', channel, payload: result });
    return result;
  });
  await page.addInitScript({ content: await bridgeScript() });
  await page.goto(`${server.origin}/index.html${options.hash ? `#${options.hash}` : ''}`);

  return {
    page,
    services,
    ipcLog,
    errors,
    openedLinks,
    clipboard,
    continued,
    exports,
    importQueue,
    attachQueue,
    savedFiles,
    userDataDir,
    async close() {
      await services.shutdown();
      await browser.close();
      await server.close();
      if (ownsDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
