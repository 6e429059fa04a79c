/**
 * The chat channels: sending, regenerating, stopping, editing and paging the versions of a
 * conversation's messages. Stream events for these calls arrive on `chat:event` (events.ts).
 */
import { defineChannels, returns } from './channel';
import type { RequestOf } from './channels';
import type { ConversationSnapshot, Reply, Turn, TurnPage } from './model';

/** The chat group of the channel table: each channel's request schema and result type. */
export const chatChannels = defineChannels({
  /** Send a user message; without a conversation id a new conversation starts. */
  'chat:send': {
    request: ({ z, id, replyId }) =>
      z
        .strictObject({
          conversationId: id.optional(),
          /** May be empty when files are attached: the files are the message. */
          text: z.string().max(1_000_000),
          /**
           * The id the page minted for the reply (also its stream id), so the reply exists on the
           * page before its first event. Absent: main mints one (tests, tools).
           */
          replyId: replyId.optional(),
          /** Files attached to the message (ids from the attachments channels), in order. */
          attachmentIds: z
            .array(z.string().regex(/^[0-9a-f]{64}$/))
            .max(50)
            .optional(),
        })
        .refine(
          (request) => request.text.trim() !== '' || (request.attachmentIds?.length ?? 0) > 0,
          {
            message: 'A message needs text or a file.',
          },
        ),
    result: returns<SendResult>(),
  },
  /** Ask for a fresh version of a turn's reply. */
  'chat:regenerate': {
    request: ({ z, id, replyId }) =>
      z.strictObject({
        conversationId: id,
        turnId: id,
        replyId: replyId.optional(),
        /**
         * "Send again without it" for a file of an earlier message that the provider refused:
         * the file is marked left out (AttachmentView.leftOut) wherever the branch up to this
         * turn carries it, and this and every later request send a note in its place.
         */
        leaveOutAttachmentId: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      }),
    result: returns<RegenerateResult>(),
  },
  /**
   * Stop a running generation. Stopping one that already ended is not an error. `shownSeq` is
   * the last event the user saw: text that was still in flight is not kept.
   */
  'chat:stop': {
    request: ({ z, id }) =>
      z.strictObject({ streamId: id, shownSeq: z.number().int().min(0).optional() }),
    result: returns<null>(),
  },
  /** Choose which version of a turn's reply the conversation continues from. */
  'chat:select-version': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id,
        turnId: id,
        index: z.number().int().min(0).max(10_000),
        /** Answer a window of this many turns around the chosen version (see chat:snapshot). */
        turnLimit: z.number().int().min(1).max(1_000).optional(),
      }),
    result: returns<null>(),
  },
  /**
   * A conversation as main holds it; without an id, the most recent one. With `revealMessageId`
   * main first switches to the branch that holds that message (opening a search hit).
   */
  'chat:snapshot': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id.optional(),
        revealMessageId: id.optional(),
        /**
         * Answer only a window of this many turns: the newest ones, or with `revealMessageId`
         * the ones around that message. Absent: the whole branch (export, tests).
         */
        turnLimit: z.number().int().min(1).max(1_000).optional(),
      }),
    result: returns<ConversationSnapshot | null>(),
  },
  /**
   * A page of a conversation's branch next to a loaded turn: up to `limit` turns just before
   * `beforeTurnId`, or just after `afterTurnId` (exactly one of the two). not_found if the
   * turn is no longer on the branch the user is on.
   */
  'chat:turns': {
    request: ({ z, id }) =>
      z
        .strictObject({
          conversationId: id,
          beforeTurnId: id.optional(),
          afterTurnId: id.optional(),
          limit: z.number().int().min(1).max(1_000),
        })
        .refine(
          (request) => (request.beforeTurnId === undefined) !== (request.afterTurnId === undefined),
          {
            message: 'Name exactly one of beforeTurnId and afterTurnId.',
          },
        ),
    result: returns<TurnPage>(),
  },
  /**
   * Edit a user message and resend it: a sibling version of it starts a new branch. Answers the
   * conversation on its new branch.
   */
  'chat:edit': {
    request: ({ z, id, replyId }) =>
      z.strictObject({
        conversationId: id,
        turnId: id,
        text: z.string().min(1).max(1_000_000),
        replyId: replyId.optional(),
        /**
         * The edited message's attachments; absent: the same as the original's ("Send again
         * without it" sends the others).
         */
        attachmentIds: z
          .array(z.string().regex(/^[0-9a-f]{64}$/))
          .max(50)
          .optional(),
        /** Answer a window of this many of the new branch's newest turns (see chat:snapshot). */
        turnLimit: z.number().int().min(1).max(1_000).optional(),
      }),
    result: returns<ConversationSnapshot>(),
  },
  /** Switch to another version of a user message (and the branch below it); answers that branch. */
  'chat:select-user-version': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id,
        turnId: id,
        index: z.number().int().min(0).max(10_000),
        /** Answer a window of this many turns around the chosen version (see chat:snapshot). */
        turnLimit: z.number().int().min(1).max(1_000).optional(),
      }),
    result: returns<ConversationSnapshot>(),
  },
});

export type SendRequest = RequestOf<'chat:send'>;
/** The conversation the message went to and its new turn, whose reply is streaming. */
export interface SendResult {
  conversationId: string;
  turn: Turn;
}
export type RegenerateRequest = RequestOf<'chat:regenerate'>;
/** The new reply version, streaming, and its index among the turn's replies. */
export interface RegenerateResult {
  turnId: string;
  reply: Reply;
  activeReply: number;
}
export type StopRequest = RequestOf<'chat:stop'>;
export type SelectVersionRequest = RequestOf<'chat:select-version'>;
export type SnapshotRequest = RequestOf<'chat:snapshot'>;
export type TurnsRequest = RequestOf<'chat:turns'>;
export type EditRequest = RequestOf<'chat:edit'>;
export type SelectUserVersionRequest = RequestOf<'chat:select-user-version'>;
