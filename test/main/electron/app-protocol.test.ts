import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() } } },
}));
vi.mock('electron', () => electron);

const { handleAppProtocol, registerAppScheme, reportDevCsp, serveAppRequest } =
  await import('../../../main/electron/app-protocol');
const { rendererCsp } = await import('../../../main/security');

// Stands in for net.fetch on a file:// URL: the file's bytes, no content type.
async function readFileUrl(fileUrl: string): Promise<Response> {
  return new Response(await readFile(fileURLToPath(fileUrl)));
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-app-protocol-'));
  await mkdir(join(root, 'dist', 'assets'), { recursive: true });
  await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>Parley</title>');
  await writeFile(join(root, 'dist', 'assets', 'index.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the build');
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(() => vi.clearAllMocks());

const serve = (url: string, init?: RequestInit) =>
  serveAppRequest(new Request(url, init), join(root, 'dist'), readFileUrl);

describe('registerAppScheme', () => {
  it('registers app:// as standard, secure and fetchable', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('handleAppProtocol', () => {
  it('serves app:// from the build folder through net.fetch on a file URL', async () => {
    electron.net.fetch.mockImplementation(readFileUrl);
    handleAppProtocol(join(root, 'dist'));
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as (
      r: Request,
    ) => Promise<Response>;

    const response = await handler(new Request('app://parley/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Parley</title>');
    expect(electron.net.fetch).toHaveBeenCalledWith(
      expect.stringMatching(/^file:\/\/.*\/dist\/index\.html$/),
    );
  });
});

describe('serveAppRequest', () => {
  it('serves index.html for / with the CSP and an HTML type', async () => {
    const response = await serve('app://parley/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp({ dev: false }));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts as JavaScript, without a CSP header', async () => {
    const response = await serve('app://parley/assets/index.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    'app://parley/..%2fsecret.txt',
    'app://parley/%2e%2e%2fsecret.txt',
    'app://parley/assets/..%2f..%2fsecret.txt',
    'app://other/index.html',
    'app://parley/missing.js',
    'app://parley/assets',
    'app://parley/assets/',
  ])('answers 404 for %s', async (url) => {
    const fetchFile = vi.fn(readFileUrl);
    const response = await serveAppRequest(new Request(url), join(root, 'dist'), fetchFile);
    expect(response.status).toBe(404);
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers 404 when the file loader fails', async () => {
    const failing = () => Promise.reject(new Error('net::ERR_FILE_NOT_FOUND'));
    const response = await serveAppRequest(
      new Request('app://parley/index.html'),
      join(root, 'dist'),
      failing,
    );
    expect(response.status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serve('app://parley/index.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await serve('app://parley/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('reportDevCsp', () => {
  it("adds a report-only CSP to the dev server's pages", () => {
    reportDevCsp('http://localhost:5173/');
    const [filter, listener] = electron.session.defaultSession.webRequest.onHeadersReceived.mock
      .calls[0] as [
      { urls: string[]; types: string[] },
      (
        details: { responseHeaders: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ];
    expect(filter).toEqual({ urls: ['http://localhost:5173/*'], types: ['mainFrame'] });

    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy-Report-Only': [
          rendererCsp({ dev: true, devServerUrl: 'http://localhost:5173/' }),
        ],
      },
    });
  });
});
