/**
 * The security decisions of the Electron edge, as pure functions: which links may leave the app,
 * which pages may talk to main, what the renderer's CSP is, and which files app:// may serve.
 * Kept free of 'electron' so they are tested directly, and shared with the browser harness.
 */
import { isAbsolute, join, resolve, sep } from 'node:path';

/** The privileged scheme the production renderer is served from. */
export const appScheme = 'app';

/** The one host app:// serves; any other host is refused. */
export const appHost = 'parley';

/** The production renderer's origin, as Chromium reports it for a standard scheme. */
export const appOrigin = `${appScheme}://${appHost}`;

// Schemes the OS may open for the user. Everything else (javascript:, file:, smb:, ms-msdt:,
// data:, custom handlers) can run code or leak credentials when handed to the shell.
const externalSchemes = new Set(['http:', 'https:', 'mailto:']);

// The mailto header fields a message draft may be opened with (RFC 6068 §2 "hfname"s). Others
// are refused because mail clients act on them: `attach=/etc/passwd` (Thunderbird, some Linux
// clients) attaches a local file, and `to`/`from`/`in-reply-to` re-address or disguise the draft.
const mailtoFields = new Set(['subject', 'body', 'cc', 'bcc']);

/** Whether a link may be handed to the OS (`shell.openExternal`): only http(s) and mailto. */
export function isSafeExternalUrl(url: string): boolean {
  return externalUrlToOpen(url) !== null;
}

/**
 * What the OS is given for a link (`shell.openExternal`), or null when it must not be opened.
 * An http(s) link is the URL as parsed (so no tab, newline or space is left for a shell to
 * split on). A mailto link keeps only its addresses and the `subject`, `body`, `cc` and `bcc`
 * fields (names matched case-insensitively, after percent-decoding, as RFC 6068 says mail
 * clients compare them); every other field and the fragment are dropped.
 */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parseUrl(url);
  if (parsed === null || !externalSchemes.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:') return parsed.href;
  const fields = parsed.search
    .slice(1)
    .split('&')
    .flatMap((field) => {
      const equals = field.indexOf('=');
      const name = decodeName(equals < 0 ? field : field.slice(0, equals));
      // The value stays as the URL parser encoded it: in mailto a `+` is a plus, not a space.
      return name !== null && mailtoFields.has(name)
        ? [`${name}=${equals < 0 ? '' : field.slice(equals + 1)}`]
        : [];
    });
  // A mailto address is an opaque path, which the URL parser leaves unencoded: a space or control
  // character in it would still reach the OS, so they are percent-encoded here.
  // eslint-disable-next-line no-control-regex
  const addresses = parsed.pathname.replace(/[\s\u0000-\u001f\u007f]/g, encodeURIComponent);
  return `mailto:${addresses}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
}

/** A mailto field name, percent-decoded and lower-cased; null when it is not valid encoding. */
function decodeName(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded).toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The origin of a URL as `scheme://host[:port]`, or null. Node's URL reports "null" for
 * non-special schemes like app:, while Chromium (the scheme being registered as standard)
 * reports `app://parley`, so the origin is built here rather than read from `URL.origin`.
 */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** A check that a frame URL belongs to one of the allowed origins, compared exactly. */
export function createSenderCheck(
  allowedOrigins: readonly string[],
): (frameUrl: string) => boolean {
  const allowed = new Set(allowedOrigins);
  return (frameUrl) => {
    const origin = originOf(frameUrl);
    return origin !== null && allowed.has(origin);
  };
}

/** Where the renderer comes from: the app:// build, or (in dev) the Vite dev server. */
export interface CspOptions {
  dev: boolean;
  /** The dev server's URL; its websocket (hot reload) is allowed only when `dev` is set. */
  devServerUrl?: string;
}

/**
 * The renderer's Content-Security-Policy. No inline or eval'd script ever runs: model output is
 * rendered in this page, so a markup bug must not become code execution. Inline styles are
 * allowed because React and the markdown renderer set style attributes.
 */
export function rendererCsp(options: CspOptions): string {
  const connect = ["'self'"];
  const devHost = options.dev && options.devServerUrl ? parseUrl(options.devServerUrl)?.host : '';
  if (devHost) connect.push(`ws://${devHost}`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The file under `rootDir` that an app:// request names, or null when it must not be served:
 * another scheme or host, a malformed escape, or a path that leaves `rootDir`. `/` is index.html.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  const parsed = parseUrl(requestUrl);
  if (!parsed || parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const relative = pathname.replace(/^\//, '') || 'index.html';
  // Checked after decoding: %2f, %5c and %2e%2e%2f only become `/`, `\` and `../` then.
  if (relative.includes('\0') || /^([\\/]|[a-z]:)/i.test(relative) || isAbsolute(relative)) {
    return null;
  }
  if (relative.split(/[\\/]/).includes('..')) return null;
  const root = resolve(rootDir);
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : null;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
