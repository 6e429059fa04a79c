import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
  fakeEvent,
  nativeTheme,
  resetFakeElectron,
  shell,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createMainWindow, denyAllPermissions, lockDownWebContents, windowBackground } =
  await import('../../../main/electron/window');

const appUrl = 'app://parley/index.html';

function openWindow(url = appUrl) {
  const onContentsDestroyed = vi.fn();
  const log = vi.fn();
  const window = createMainWindow({
    url,
    preloadPath: '/app/dist-electron/preload.cjs',
    onContentsDestroyed,
    log,
  }) as unknown as FakeBrowserWindow;
  return { window, contents: window.webContents, onContentsDestroyed, log };
}

function navigate(contents: FakeWebContents, url: string) {
  const event = fakeEvent({ url });
  contents.emit('will-navigate', event);
  return event;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => resetFakeElectron());

describe('createMainWindow', () => {
  it('creates a sandboxed, isolated window with the preload and no Node', () => {
    const { window } = openWindow();
    expect(window.options).toMatchObject({
      title: 'Parley',
      show: false,
      backgroundColor: windowBackground.light,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: true,
        preload: '/app/dist-electron/preload.cjs',
      },
    });
    const prefs = window.options.webPreferences as Record<string, unknown>;
    // Nothing that would weaken the sandbox sneaks in.
    for (const risky of ['nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'webviewTag']) {
      expect(prefs[risky]).toBeUndefined();
    }
    expect(prefs.allowRunningInsecureContent).toBeUndefined();
    expect(window.options.minWidth).toBeGreaterThan(0);
    expect(window.options.minHeight).toBeGreaterThan(0);
  });

  it('paints the dark background when the system is dark', () => {
    nativeTheme.shouldUseDarkColors = true;
    expect(openWindow().window.options.backgroundColor).toBe(windowBackground.dark);
  });

  it('loads the UI and shows the window only when it is ready to show', () => {
    const { window } = openWindow();
    expect(window.loadURL).toHaveBeenCalledWith(appUrl);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('logs a failed load instead of leaving the rejection unhandled', async () => {
    const failure = new Error('ERR_ABORTED');
    FakeBrowserWindow.loadResult = () => Promise.reject(failure);
    const { log } = openWindow();
    await flush();
    expect(log).toHaveBeenCalledWith('could not load the UI', failure);
  });

  it('stops the window’s generations when its page is destroyed', () => {
    const { window, contents, onContentsDestroyed } = openWindow();
    window.close();
    expect(onContentsDestroyed).toHaveBeenCalledWith(contents.id);
  });

  it('denies every permission on the window’s session', () => {
    expectDeniesEverything(openWindow().contents.session);
  });
});

describe('navigation', () => {
  it('stays on the app’s own origin', () => {
    const { contents } = openWindow();
    expect(navigate(contents, 'app://parley/index.html').preventDefault).not.toHaveBeenCalled();
    expect(navigate(contents, 'app://parley/settings').preventDefault).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'app://evil/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'about:blank',
  ])('is blocked to %s', (url) => {
    const { contents } = openWindow();
    expect(navigate(contents, url).preventDefault).toHaveBeenCalled();
  });

  it('sends a safe followed link to the OS instead', () => {
    const { contents } = openWindow();
    navigate(contents, 'https://docs.anthropic.com/');
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.anthropic.com/');
  });

  it('in dev, allows the dev server origin only', () => {
    const { contents } = openWindow('http://localhost:5173/');
    expect(navigate(contents, 'http://localhost:5173/x').preventDefault).not.toHaveBeenCalled();
    expect(navigate(contents, 'app://parley/index.html').preventDefault).toHaveBeenCalled();
    expect(navigate(contents, 'http://localhost:5174/').preventDefault).toHaveBeenCalled();
  });

  it('never attaches a webview', () => {
    const { contents } = openWindow();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open', () => {
  const windowOpen = (contents: FakeWebContents, url: string) => {
    if (!contents.windowOpenHandler) throw new Error('no window open handler');
    return contents.windowOpenHandler({ url });
  };

  it.each(['https://example.com/', 'http://example.com/a', 'mailto:dev@parley.invalid'])(
    'is denied, and %s opens in the OS',
    (url) => {
      const { contents } = openWindow();
      expect(windowOpen(contents, url)).toEqual({ action: 'deny' });
      expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
    },
  );

  it.each([
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'data:text/html,<script>alert(1)</script>',
    'app://parley/index.html',
    'vbscript:msgbox',
    'not a url',
  ])('is denied, and %s never reaches the OS', (url) => {
    const { contents, log } = openWindow();
    expect(windowOpen(contents, url)).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('hands a mail app only the address, subject, body, cc and bcc of a mailto link', () => {
    const { contents } = openWindow();
    windowOpen(contents, 'mailto:a@b.example?attach=/etc/passwd&subject=Hi');
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('mailto:a@b.example?subject=Hi');
  });

  it('logs when the OS cannot open a link', async () => {
    const { contents, log } = openWindow();
    shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    windowOpen(contents, 'https://example.com/');
    await flush();
    expect(log).toHaveBeenCalledWith('could not open a link', expect.any(Error));
  });
});

describe('lockDownWebContents', () => {
  it('without a link handler, only refuses', () => {
    const contents = new FakeWebContents();
    lockDownWebContents(contents as never, 'app://parley');
    expect(navigate(contents, 'https://example.com/').preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('answers no to every request and every check', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    expectDeniesEverything(session);
  });
});

function expectDeniesEverything(session: FakeSession) {
  expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
  expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();
  const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void;
  const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
    contents: unknown,
    permission: string,
  ) => boolean;
  for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'hid']) {
    const callback = vi.fn();
    request(null, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(check(null, permission)).toBe(false);
  }
}
