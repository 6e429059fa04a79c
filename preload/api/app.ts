/** The app channels: links, the clipboard and handing quick ask's conversation to the main window. */
import { defineChannels, returns } from './channel';
import type { RequestOf } from './channels';

/** The app group of the channel table: each channel's request schema and result type. */
export const appChannels = defineChannels({
  /** Open an http(s) or mailto link in the user's browser; main checks the scheme again. */
  'links:open': {
    request: ({ z }) => z.strictObject({ url: z.string().min(1).max(8_000) }),
    result: returns<null>(),
  },
  /** Put text on the system clipboard (the sandboxed page has no clipboard permission). */
  'clipboard:write-text': {
    request: ({ z }) => z.strictObject({ text: z.string().max(50_000_000) }),
    result: returns<null>(),
  },
  /** Open a conversation in the main window and bring it forward (quick ask's "Continue"). */
  'app:continue-in-main': {
    request: ({ z, id }) => z.strictObject({ conversationId: id }),
    result: returns<null>(),
  },
});

export type OpenLinkRequest = RequestOf<'links:open'>;
export type WriteClipboardRequest = RequestOf<'clipboard:write-text'>;
export type ContinueInMainRequest = RequestOf<'app:continue-in-main'>;
