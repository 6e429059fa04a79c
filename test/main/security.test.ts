import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  createSenderCheck,
  isSafeExternalUrl,
  originOf,
  rendererCsp,
  resolveAppAsset,
} from '../../main/security';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://docs.anthropic.com/en/api',
    'http://localhost:11434/',
    'HTTPS://EXAMPLE.COM/path?q=1#x',
    'mailto:dev@parley.invalid',
  ])('lets %s reach the OS', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'vscode://file/etc/passwd',
    'app://parley/index.html',
    'about:blank',
    'ftp://example.com/',
    '',
    'not a url',
    '//example.com/no-scheme',
    'http://',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('originOf', () => {
  it('builds the origin of the app scheme, which Node would report as "null"', () => {
    expect(new URL('app://parley/index.html').origin).toBe('null');
    expect(originOf('app://parley/index.html')).toBe('app://parley');
  });

  it('keeps the port and drops path, query and credentials', () => {
    expect(originOf('http://user:pw@localhost:5173/a?b#c')).toBe('http://localhost:5173');
  });

  it('is null for URLs without a host', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('garbage')).toBeNull();
  });
});

describe('createSenderCheck', () => {
  const isTrusted = createSenderCheck([appOrigin]);

  it('trusts pages of the allowed origin', () => {
    expect(isTrusted('app://parley/index.html')).toBe(true);
    expect(isTrusted('app://parley/')).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://parley.evil/index.html',
    'app://parley:8080/index.html',
    'app://evil@parley.evil/',
    'https://parley/index.html',
    'http://localhost:5173/',
    'file:///index.html',
    'about:blank',
    '',
  ])('refuses %j', (url) => {
    expect(isTrusted(url)).toBe(false);
  });

  it('compares the dev server origin exactly, port included', () => {
    const isDevTrusted = createSenderCheck(['http://localhost:5173']);
    expect(isDevTrusted('http://localhost:5173/index.html')).toBe(true);
    expect(isDevTrusted('http://localhost:5174/index.html')).toBe(false);
    expect(isDevTrusted('http://127.0.0.1:5173/index.html')).toBe(false);
    expect(isDevTrusted('https://localhost:5173/index.html')).toBe(false);
  });

  it('trusts nothing when no origin is allowed', () => {
    expect(createSenderCheck([])('app://parley/index.html')).toBe(false);
  });
});

describe('rendererCsp', () => {
  const directives = (csp: string) =>
    new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );

  it('allows script only from the app itself', () => {
    const csp = directives(rendererCsp({ dev: false }));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(rendererCsp({ dev: false })).not.toMatch(/unsafe-eval/);
    expect([...csp.entries()].filter(([, v]) => v.includes("'unsafe-inline'"))).toEqual([
      ['style-src', ["'self'", "'unsafe-inline'"]],
    ]);
  });

  it('closes objects, base URIs, framing and forms', () => {
    const csp = directives(rendererCsp({ dev: false }));
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it("adds the dev server's websocket only in dev", () => {
    const devServerUrl = 'http://localhost:5173/';
    const dev = directives(rendererCsp({ dev: true, devServerUrl }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'"]);
    const prod = directives(rendererCsp({ dev: false, devServerUrl }));
    expect(prod.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('resolveAppAsset', () => {
  const root = resolve('/srv/parley/dist');

  it('maps / to index.html and paths to files under the root', () => {
    expect(resolveAppAsset(root, 'app://parley/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://parley')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://parley/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://parley/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAsset(root, 'app://parley/assets/a%20b.css')).toBe(
      join(root, 'assets', 'a b.css'),
    );
  });

  it('keeps dot segments the URL parser collapses inside the root', () => {
    // The URL parser resolves plain and %2e dot segments before we see the path.
    expect(resolveAppAsset(root, 'app://parley/../../etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveAppAsset(root, 'app://parley/%2e%2e/%2E%2E/etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    );
  });

  it.each([
    'app://parley/..%2f..%2fetc%2fpasswd',
    'app://parley/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://parley/assets/..%2F..%2F..%2Fsecret',
    'app://parley/..%5c..%5cwindows%5cwin.ini',
    'app://parley/%2fetc%2fpasswd',
    'app://parley//etc/passwd',
    'app://parley/C:%5cWindows%5cwin.ini',
    'app://parley/c:/Windows/win.ini',
    'app://parley/index.html%00.png',
    'app://parley/%E0%A4%A',
    'app://other/index.html',
    'app://parley.evil/index.html',
    'app://parley:1/index.html',
    'file:///srv/parley/dist/index.html',
    'https://parley/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});
