/**
 * The attachments channels: adding files (picked in main's dialog, dropped or pasted), what will
 * happen to them with the current model, viewing and opening them, and what a model can take.
 * A message carries its attachments by id (`chat:send`'s `attachmentIds`).
 */
import { defineChannels, returns } from './channel';
import type { RequestOf } from './channels';
import type { AddAttachmentsResult, AttachmentPlan, ModelCapabilities } from './attachment-model';
import type { SchemaKit } from './schema-kit';

/** A content address: SHA-256, hex. */
const attachmentId = ({ z }: SchemaKit) =>
  z.string().regex(/^[0-9a-f]{64}$/, 'An attachment id is a SHA-256 in hex.');

/** The attachments group of the channel table: each channel's request schema and result type. */
export const attachmentChannels = defineChannels({
  /** Open main's file dialog and attach what the user picks; null when they cancel. */
  'attachments:pick': {
    request: ({ noPayload }) => noPayload,
    result: returns<AddAttachmentsResult | null>(),
  },
  /**
   * Attach files the user dropped or pasted, by their paths. The page never calls this with a
   * path of its own: the preload's `attachments.addFiles(files)` takes the dropped `File`s and
   * asks Electron for their paths (`webUtils.getPathForFile`); a file with no path (a pasted
   * image) goes as bytes on `attachments:add-data`.
   */
  'attachments:add-paths': {
    request: ({ z }) =>
      z.strictObject({ paths: z.array(z.string().min(1).max(4_096)).min(1).max(100) }),
    result: returns<AddAttachmentsResult>(),
  },
  /**
   * Attach bytes the page holds (a pasted image), base64 (IPC and the test bridge both carry
   * strings as they are); at most 50 MB of bytes, checked again in main.
   */
  'attachments:add-data': {
    request: ({ z }) =>
      z.strictObject({
        name: z.string().trim().min(1).max(255),
        base64: z
          .string()
          .max(Math.ceil((50 * 1024 * 1024) / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      }),
    result: returns<AddAttachmentsResult>(),
  },
  /**
   * What will happen to each attachment if sent now in `conversationId` (absent: a new
   * conversation, with the active profile): send, convert (how) or refuse (why).
   */
  'attachments:plan': {
    request: (kit) =>
      kit.z.strictObject({
        conversationId: kit.id.optional(),
        attachmentIds: kit.z.array(attachmentId(kit)).max(50),
      }),
    result: returns<AttachmentPlan[]>(),
  },
  /** A larger upright view of an image attachment (≤ 2048 px), as a data: URL, for the viewer. */
  'attachments:image': {
    request: (kit) => kit.z.strictObject({ id: attachmentId(kit) }),
    result: returns<string>(),
  },
  /** Open an attachment with the OS's app for its type (main writes a temporary copy). */
  'attachments:open': {
    request: (kit) => kit.z.strictObject({ id: attachmentId(kit) }),
    result: returns<null>(),
  },
  /** Save a copy of an attachment where the user picks; `saved` false when they cancel. */
  'attachments:save': {
    request: (kit) => kit.z.strictObject({ id: attachmentId(kit) }),
    result: returns<{ saved: boolean }>(),
  },
  /** What a model of a profile can take (images, PDFs), and where Parley knows it from. */
  'attachments:capabilities': {
    request: ({ z, id }) =>
      z.strictObject({ profileId: id.optional(), model: z.string().trim().min(1).max(200) }),
    result: returns<ModelCapabilities>(),
  },
  /** Override what a model can take (null: forget the override and use what Parley knows). */
  'attachments:set-capabilities': {
    request: ({ z, id }) =>
      z.strictObject({
        profileId: id.optional(),
        model: z.string().trim().min(1).max(200),
        images: z.boolean().nullable(),
        pdfs: z.boolean().nullable(),
      }),
    result: returns<ModelCapabilities>(),
  },
});

export type AddAttachmentPathsRequest = RequestOf<'attachments:add-paths'>;
export type AddAttachmentDataRequest = RequestOf<'attachments:add-data'>;
export type PlanAttachmentsRequest = RequestOf<'attachments:plan'>;
export type SetCapabilitiesRequest = RequestOf<'attachments:set-capabilities'>;
