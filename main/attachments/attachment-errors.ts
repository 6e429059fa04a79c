/**
 * No poisoned conversations: when a provider refuses a request because of a file, the failure
 * names that file (`ChatError.attachmentId`) so the reply can offer "Send again without it",
 * instead of every later message of the conversation failing the same way.
 *
 * What is matched (the provider's own words, from their error bodies as Parley has seen them and
 * as their docs list them), only on a refused request (`bad_request`: HTTP 400, 413, 422):
 * - Anthropic: `image exceeds 5 MB maximum`, `image dimensions exceed max allowed size`,
 *   `Could not process image`, `The PDF specified was not valid`, `A maximum of 100 PDF pages
 *   may be provided`, `…image.source.base64…media type…`;
 * - OpenAI and compatible servers: `Invalid image`, `You uploaded an unsupported image`,
 *   `Invalid MIME type`, `image_url is only supported by certain models`, `Invalid file data`,
 *   LM Studio's `Model does not support images`, Ollama's `does not support images`/`vision`,
 *   vLLM's `is not a multimodal model`;
 * - Gemini: `Unable to process input image`, `Request payload size exceeds the limit`,
 *   `Unsupported MIME type`, `The document has no pages`;
 * - any HTTP 413 (the request is too large) while files are attached.
 * The file blamed is the one whose name the message contains; else, for a size complaint, the
 * largest file of the kind it names; else the last file of that kind; else the largest file.
 */
import type { AttachmentKind, ChatError } from '../../preload/api';

/** A file a request carried, in request order (prepare-attachments.ts lists them). */
export interface SentAttachment {
  id: string;
  name: string;
  kind: AttachmentKind;
  /** Bytes it added to the request body, as sent. */
  bytes: number;
}

const imageWords = /\b(image|images|image_url|vision|multimodal|media type)\b/i;
const pdfWords = /\b(pdf|document|file data|file part|file_data)\b/i;
const sizeWords = /\b(too large|exceeds?|maximum|payload size|dimensions)\b/i;
const fileWords =
  /\b(image|images|image_url|vision|multimodal|pdf|document|file|mime|media type|inline_?data|payload)\b/i;

/**
 * `error` with the file it blames (`attachmentId`) and a sentence naming it, when the provider
 * refused the request because of a file among `sent`; `error` unchanged otherwise (no files, or
 * a failure that is not about one).
 */
export function blameAttachment(error: ChatError, sent: readonly SentAttachment[]): ChatError {
  if (sent.length === 0 || error.kind !== 'bad_request' || error.attachmentId) return error;
  const said = `${error.detail ?? ''} ${error.code ?? ''}`;
  const tooLarge = error.status === 413;
  if (!tooLarge && !fileWords.test(said)) return error;
  const named = [...sent].reverse().find((file) => said.includes(file.name));
  const kind: AttachmentKind | undefined = imageWords.test(said)
    ? 'image'
    : pdfWords.test(said)
      ? 'pdf'
      : undefined;
  const ofKind = kind ? sent.filter((file) => file.kind === kind) : [];
  const pool = ofKind.length > 0 ? ofKind : sent;
  const largest = pool.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const blamed =
    named ?? (tooLarge || sizeWords.test(said) ? largest : ofKind.length ? ofKind.at(-1) : largest);
  if (!blamed) return error;
  return {
    ...error,
    attachmentId: blamed.id,
    message: tooLarge
      ? `The request is too large for the provider, most likely because of ${blamed.name}. Send again without it.`
      : `The provider could not take ${blamed.name}; its reason is in the details. Send again without it.`,
  };
}
