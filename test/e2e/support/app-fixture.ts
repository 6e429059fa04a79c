/**
 * The one way an e2e test starts the app: a mock LLM server, the app in the browser harness
 * pointed at it, and a teardown that fails the test when main logged an error or the page had
 * one (uncaught exception, unhandled rejection, `console.error`) that the test did not allow.
 * A test that provokes an error on purpose says so with `allowErrors`, for that test only.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchApp, type LaunchedApp, type LaunchOptions } from '../../harness';
import { startMockLlm, type MockLlm } from '../../mock-llm';

/** How a test file wants the app. */
export interface AppFixtureOptions {
  /**
   * 'each' (default): a fresh app before every test. 'all': one app for the whole file (errors
   * are still checked after every test). 'manual': each test calls `start` itself (e.g. with a
   * URL hash); the fixture still closes and checks it.
   */
  scope?: 'each' | 'all' | 'manual';
  /** Launch options, given the running mock; default: Anthropic with a test key, at the mock. */
  launch?: (mock: MockLlm) => LaunchOptions | Promise<LaunchOptions>;
}

/** Patterns of errors a test provokes on purpose; an error matching one is not a failure. */
export interface AllowedErrors {
  main?: readonly RegExp[];
  page?: readonly RegExp[];
}

/** The running app of the current test (its `LaunchedApp` fields), the mock, and the controls. */
export interface AppFixture extends Omit<LaunchedApp, 'close'> {
  readonly mock: MockLlm;
  /**
   * Type `text` into a text box by its label (the main window's composer unless told, e.g.
   * 'Ask Parley' in quick ask) and press Enter, as a user sends a message.
   */
  send(text: string, box?: string): Promise<void>;
  /** Start the app (scope 'manual'), with `extra` over the file's launch options. */
  start(extra?: LaunchOptions): Promise<LaunchedApp['page']>;
  /** Allow errors matching these patterns until the end of the current test. */
  allowErrors(allowed: AllowedErrors): void;
  /**
   * The errors recorded so far, taken out of the record: for a hook or test that provokes an
   * error, asserts exactly that one, and must not let the allowance cover what comes after.
   */
  takeErrors(): { main: string[]; page: string[] };
}

/** The default launch: the Anthropic provider with a test key, talking to the mock. */
export const anthropicAtMock = (mock: MockLlm): LaunchOptions => ({
  env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: mock.url },
});

const forwarded = [
  'page',
  'services',
  'ipcLog',
  'openedLinks',
  'clipboard',
  'continued',
  'exports',
  'importQueue',
  'attachQueue',
  'savedFiles',
  'errors',
  'userDataDir',
] as const satisfies ReadonlyArray<keyof LaunchedApp>;

/**
 * Register the hooks that start, check and close the app for this file's tests. Call once at
 * the top of a test file; the returned object reads the current test's app.
 */
export function useApp(options: AppFixtureOptions = {}): AppFixture {
  const scope = options.scope ?? 'each';
  const launch = options.launch ?? anthropicAtMock;
  let mock: MockLlm | undefined;
  let app: LaunchedApp | undefined;
  let allowed = { main: [] as RegExp[], page: [] as RegExp[] };

  const running = (): LaunchedApp => {
    if (!app) throw new Error('The app is not running: start it first (scope "manual").');
    return app;
  };

  async function start(extra: LaunchOptions = {}) {
    mock = await startMockLlm();
    const base = await launch(mock);
    app = await launchApp({ ...base, ...extra, env: { ...base.env, ...extra.env } });
    return app.page;
  }

  async function stop() {
    await app?.close();
    await mock?.close();
    mock = undefined;
  }

  /** Fail on errors nobody allowed, then forget them and the allowances (next test starts clean). */
  function checkErrors() {
    if (!app) return;
    const unexpected = {
      main: app.errors.main.splice(0).filter((e) => !allowed.main.some((p) => p.test(e))),
      page: app.errors.page.splice(0).filter((e) => !allowed.page.some((p) => p.test(e))),
    };
    allowed = { main: [], page: [] };
    expect(unexpected, 'errors main logged or the page had, that the test did not allow').toEqual({
      main: [],
      page: [],
    });
  }

  if (scope === 'all') {
    beforeAll(() => start().then(() => undefined));
    afterEach(checkErrors);
    afterAll(async () => {
      await stop();
      checkErrors();
    });
  } else {
    if (scope === 'each') beforeEach(() => start().then(() => undefined));
    afterEach(async () => {
      await stop();
      checkErrors();
      app = undefined;
    });
  }

  const fixture = {
    get mock() {
      if (!mock) throw new Error('The mock is not running: start the app first.');
      return mock;
    },
    start,
    async send(text: string, box = 'Message') {
      const field = running().page.getByRole('textbox', { name: box });
      await field.fill(text);
      await field.press('Enter');
    },
    takeErrors() {
      const { errors } = running();
      return { main: errors.main.splice(0), page: errors.page.splice(0) };
    },
    allowErrors(more: AllowedErrors) {
      allowed.main.push(...(more.main ?? []));
      allowed.page.push(...(more.page ?? []));
    },
  };
  for (const key of forwarded) {
    Object.defineProperty(fixture, key, { get: () => running()[key], enumerable: true });
  }
  return fixture as AppFixture;
}
