/** The conversations channels: the sidebar's listing, renaming, pinning, deleting, search and transfer. */
import { defineChannels, returns } from './channel';
import type { RequestOf } from './channels';
import type { ConversationSummary, SearchHit } from './model';

/** The conversations group of the channel table: each channel's request schema and result type. */
export const conversationChannels = defineChannels({
  /** The sidebar's page of conversations: pinned first, then most recently updated. */
  'conversations:list': {
    request: ({ z }) =>
      z.strictObject({
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      }),
    result: returns<ListConversationsResult>(),
  },
  'conversations:rename': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id,
        title: z.string().trim().min(1, 'A title cannot be empty.').max(200),
      }),
    result: returns<ConversationSummary>(),
  },
  'conversations:set-pinned': {
    request: ({ z, id }) => z.strictObject({ conversationId: id, pinned: z.boolean() }),
    result: returns<ConversationSummary>(),
  },
  /** Delete a conversation; it can be restored (Undo) until Parley next starts. */
  'conversations:delete': {
    request: ({ z, id }) => z.strictObject({ conversationId: id }),
    result: returns<null>(),
  },
  'conversations:restore': {
    request: ({ z, id }) => z.strictObject({ conversationId: id }),
    result: returns<ConversationSummary>(),
  },
  /** Full-text search over every message. */
  'conversations:search': {
    request: ({ z }) =>
      z.strictObject({
        query: z.string().trim().min(1).max(500),
        limit: z.number().int().min(1).max(100).optional(),
      }),
    result: returns<{ hits: SearchHit[] }>(),
  },
  /** Export a conversation through a Save dialog: its current branch, or the whole tree (JSON). */
  'conversations:export': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id,
        format: z.enum(['markdown', 'json']),
        scope: z.enum(['branch', 'tree']),
      }),
    result: returns<ExportResult>(),
  },
  /** Import a JSON export chosen in an Open dialog. */
  'conversations:import': {
    request: ({ noPayload }) => noPayload,
    result: returns<ImportResult>(),
  },
});

export type ListConversationsRequest = RequestOf<'conversations:list'>;
/** One page of the sidebar's listing. */
export interface ListConversationsResult {
  items: ConversationSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
export type RenameRequest = RequestOf<'conversations:rename'>;
export type SetPinnedRequest = RequestOf<'conversations:set-pinned'>;
export type DeleteConversationRequest = RequestOf<'conversations:delete'>;
export type RestoreConversationRequest = RequestOf<'conversations:restore'>;
export type SearchRequest = RequestOf<'conversations:search'>;
export type ExportRequest = RequestOf<'conversations:export'>;
/** `saved` is false when the user cancelled the dialog. */
export interface ExportResult {
  saved: boolean;
  fileName: string;
}
/** Null when the user cancelled the dialog. */
export type ImportResult = { conversationId: string } | null;
