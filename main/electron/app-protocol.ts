/**
 * The app:// scheme that serves the production renderer: a real, standard origin for the sender
 * check and a place to attach the CSP, instead of file:// and its extra privileges.
 */
import { net, protocol, session } from 'electron';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appScheme, originOf, rendererCsp, resolveAppAsset } from '../security';

/** Mark app:// as a standard, secure scheme. Electron accepts this only before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the files under `rootDir` (the renderer build) as app://parley/…; call after `ready`. */
export function handleAppProtocol(rootDir: string): void {
  protocol.handle(appScheme, (request) =>
    serveAppRequest(request, rootDir, (fileUrl) => net.fetch(fileUrl)),
  );
}

// Set from the extension rather than trusted from the file loader: a module script served
// without a JavaScript MIME type is refused by Chromium, and nosniff is on.
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Answer one app:// request from `rootDir`; 404 for anything outside it or not a file. */
export async function serveAppRequest(
  request: Request,
  rootDir: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405 });
  }
  const file = resolveAppAsset(rootDir, request.url);
  // A directory would be answered with a file:// listing; only regular files are served.
  if (!file || !(await isFile(file))) return new Response(null, { status: 404 });

  const response = await fetchFile(pathToFileURL(file).toString()).catch(() => null);
  if (!response?.ok) return new Response(null, { status: 404 });

  const headers = new Headers(response.headers);
  const type = contentTypes[extname(file).toLowerCase()];
  if (type) headers.set('Content-Type', type);
  headers.set('X-Content-Type-Options', 'nosniff');
  if (type?.startsWith('text/html')) {
    headers.set('Content-Security-Policy', rendererCsp({ dev: false }));
  }
  const body = request.method === 'HEAD' ? null : response.body;
  return new Response(body, { status: 200, headers });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * In dev, report the CSP on the dev server's pages instead of enforcing it: Vite's hot-reload
 * preamble is an inline script the policy forbids, and violations still show in the console.
 */
export function reportDevCsp(devServerUrl: string): void {
  const origin = originOf(devServerUrl);
  if (!origin) return;
  const policy = rendererCsp({ dev: true, devServerUrl });
  session.defaultSession.webRequest.onHeadersReceived(
    { urls: [`${origin}/*`], types: ['mainFrame'] },
    (details, callback) => {
      const responseHeaders = { ...details.responseHeaders };
      responseHeaders['Content-Security-Policy-Report-Only'] = [policy];
      callback({ responseHeaders });
    },
  );
}
