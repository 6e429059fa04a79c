/**
 * The URL policy for model output. A reply is hostile input, so a URL becomes a live link (or an
 * image the user may open) only when it parses as an absolute URL with an allowed scheme.
 * Parsing with the URL standard, not a regex, is the point: it strips the tabs, newlines and
 * control characters browsers ignore (`java\tscript:`), lowercases the scheme (`JaVaScRiPt:`),
 * and markdown has already decoded entities (`&#106;avascript:`) before we get here.
 */

import { t } from '../i18n';

const linkSchemes: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const imageSchemes: ReadonlySet<string> = new Set(['http:', 'https:']);

function normalize(raw: string, schemes: ReadonlySet<string>): string | null {
  // Relative URLs would resolve against the app's own origin: never a destination we want.
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (!schemes.has(url.protocol)) return null;
  // A host is what the user trusts in a web link; "http:foo" style oddities get none.
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}

/** The normalized href for a link in a reply, or null when it must render as plain text. */
export function safeLinkUrl(raw: string): string | null {
  return normalize(raw, linkSchemes);
}

/** The normalized address of a remote image (http/https only), or null when it has none we allow. */
export function safeImageUrl(raw: string): string | null {
  return normalize(raw, imageSchemes);
}

/** What to call an image that is not loaded: its alt text, else the host it would come from. */
export function imageLabel(alt: string, url: string | null): string {
  const text = alt.trim();
  if (text !== '') return text;
  return url ? new URL(url).host : t('markdown.image');
}
