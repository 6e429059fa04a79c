/**
 * The attachments part of the data model: files a user attaches to a message (images, PDFs,
 * text-like files), what main found them to be, and what will happen to each when the message
 * is sent to the conversation's model. Main reads, checks and keeps every file; the renderer
 * only ever sees these views (and small data-URL thumbnails), never a path it could read.
 */

/** What a file is, by its content (magic bytes, not its name). */
export const attachmentKinds = ['image', 'pdf', 'text'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/**
 * One attached file as the renderer sees it. `id` is the file's content address (SHA-256 of its
 * bytes, hex): the same file attached twice is stored once.
 */
export interface AttachmentView {
  id: string;
  /** The file's name as the user had it (shown; never used to decide the type). */
  name: string;
  kind: AttachmentKind;
  /** The type found from the content: `image/png`, `image/jpeg`, `image/webp`, `image/gif`, `application/pdf`, `text/plain`. */
  mimeType: string;
  /** Bytes of the file as attached. */
  size: number;
  /** Images: pixel size, upright (after EXIF rotation). */
  width?: number;
  height?: number;
  /** PDFs: how many pages. */
  pageCount?: number;
  /** PDFs and text files: characters of text found (0 for a scanned PDF with no text layer). */
  textChars?: number;
  /** Images: a small upright JPEG/PNG as a data: URL (≤ 256 px on its long edge), for chips and the transcript. */
  thumbnail?: string;
  /**
   * In a sent message: the provider refused this file and the user went on without it ("Send
   * again without it"), so requests carry a note in its place. Absent: it is sent.
   */
  leftOut?: boolean;
}

/**
 * What will happen to an attachment when the message goes to the current model:
 * - `send`: sent as it is;
 * - `convert`: sent in another form, `detail` says which (an image downscaled to 1568 px, a PDF
 *   as its extracted text because this provider or model takes no PDFs);
 * - `refuse`: it cannot go, `detail` says why (a scanned PDF with no text for a model that takes
 *   no PDFs, an image for a model that takes none); the message cannot be sent with it.
 */
export interface AttachmentPlan {
  id: string;
  action: 'send' | 'convert' | 'refuse';
  /** One sentence for the user, in plain words. */
  detail?: string;
}

/** A file that could not be attached, and why (too big, binary, unreadable, empty…). */
export interface AttachmentProblem {
  name: string;
  message: string;
}

/** What adding files answered: the attachments made and the files refused. */
export interface AddAttachmentsResult {
  added: AttachmentView[];
  problems: AttachmentProblem[];
}

/** What a model can take, as far as Parley knows, and where that came from. */
export interface ModelCapabilities {
  images: boolean;
  pdfs: boolean;
  /** `provider`: its model list said so; `table`: Parley's built-in table; `user`: the user's override; `default`: a guess. */
  source: 'provider' | 'table' | 'user' | 'default';
}
