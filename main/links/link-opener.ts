import { IpcFailureError } from '../errors/ipc-failure';
import { externalUrlToOpen } from '../security';

/**
 * Opens links from replies in the user's browser. The renderer already shows only safe links,
 * but it renders hostile text, so the scheme is checked again here before the OS sees the URL.
 */
export class LinkOpener {
  constructor(private readonly openExternal: (url: string) => Promise<void>) {}

  /**
   * Open an http(s) or mailto URL; refuse anything else. The OS gets the URL as it was parsed
   * and checked, never the raw text: "ht\ttps://x/a b" is judged as https://x/a%20b, so that is
   * what is opened, with no tab, newline, space or control character left for a shell to read.
   * A mailto link loses every field but subject, body, cc and bcc (see `externalUrlToOpen`).
   */
  async open(url: string): Promise<void> {
    const target = externalUrlToOpen(url);
    if (target === null) {
      throw new IpcFailureError(
        'forbidden',
        'Parley opens only web (http, https) and mailto links.',
      );
    }
    await this.openExternal(target);
  }
}
