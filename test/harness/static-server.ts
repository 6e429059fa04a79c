import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A running static server for the renderer build. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serve a built renderer on 127.0.0.1 with the production CSP, as the app:// scheme does. */
export async function serveStatic(root: string, csp: string): Promise<StaticServer> {
  const rootDir = resolve(root);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    // Chromium asks every http page for one; Electron's app:// window never does. No Content,
    // rather than a 404 the page would report as a console error.
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const relative = normalize(pathname === '/' ? '/index.html' : pathname);
    const file = join(rootDir, relative);
    if (!file.startsWith(rootDir + sep)) {
      response.writeHead(404).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file');
        const type = contentTypes[extname(file)] ?? 'application/octet-stream';
        const headers: Record<string, string> = { 'content-type': type };
        if (type.startsWith('text/html')) headers['content-security-policy'] = csp;
        response.writeHead(200, headers);
        createReadStream(file).pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
