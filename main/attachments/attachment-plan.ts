/**
 * The preflight: what will happen to each attachment when a message goes to a model — sent as it
 * is, converted (downscaled, re-encoded, a PDF as its text, a text file cut) or refused, with one
 * sentence for the user. It reads only the views (sizes, pixel sizes, page and text counts), so
 * the composer can show it before anything is sent; preparation (prepare-attachments.ts) follows
 * the same decisions on the bytes.
 */
import type { AttachmentPlan, AttachmentView } from '../../preload/api';
import {
  base64Size,
  imageEdgeFor,
  limitsFor,
  megabytes,
  type AttachmentTarget,
  type ProviderLimits,
} from './provider-limits';
import { maxTextChars } from './text-prepare';

/** How an attachment goes, for preparation: the plan and the form it takes on the wire. */
export interface AttachmentDecision {
  plan: AttachmentPlan;
  /** `image`: re-encoded to fit `edge` if needed; `pdf`: as a PDF; `pdf-text`/`text`: fenced text. */
  form: 'image' | 'pdf' | 'pdf-text' | 'text' | 'none';
  /** Images: the long edge they go at, in px. */
  edge?: number;
}

/** The sentence for an image sent to a model that takes none. */
export const noImagesMessage =
  'This model does not take images (you can change that in Settings → Models if it does).';

/**
 * What will happen to each of `views` sent to `target`. `earlier` are the files of the
 * conversation's earlier turns, which every request sends again: they count toward the
 * per-request rules (Anthropic's tighter size past 20 images).
 */
export function planAttachments(
  views: readonly AttachmentView[],
  target: AttachmentTarget,
  earlier: readonly AttachmentView[] = [],
): AttachmentPlan[] {
  return decideAttachments(views, target, earlier).map((decision) => decision.plan);
}

/** The decisions behind `planAttachments`, in the same order. */
export function decideAttachments(
  views: readonly AttachmentView[],
  target: AttachmentTarget,
  earlier: readonly AttachmentView[] = [],
): AttachmentDecision[] {
  const limits = limitsFor(target.kind);
  const imageCount = [...earlier, ...views].filter((view) => view.kind === 'image').length;
  return views.map((view) => {
    switch (view.kind) {
      case 'image':
        return decideImage(view, target, limits, imageEdgeFor(limits, imageCount));
      case 'pdf':
        return decidePdf(view, target, limits);
      case 'text':
        return decideText(view);
    }
  });
}

function decideImage(
  view: AttachmentView,
  target: AttachmentTarget,
  limits: ProviderLimits,
  edge: number,
): AttachmentDecision {
  const { id } = view;
  if (!target.capabilities.images) {
    return { plan: { id, action: 'refuse', detail: noImagesMessage }, form: 'none' };
  }
  const longEdge = Math.max(view.width ?? 0, view.height ?? 0);
  const why =
    edge < limits.imageEdge ? 'the size for a request with many images' : limits.imageEdgeWhy;
  if (longEdge > edge) {
    return {
      plan: {
        id,
        action: 'convert',
        detail: `Sent downscaled to ${edge} px on its long edge (${why}).`,
      },
      form: 'image',
      edge,
    };
  }
  if (!limits.imageTypes.includes(view.mimeType)) {
    const detail =
      view.mimeType === 'image/gif'
        ? 'Sent as a PNG of its first frame: this provider takes no GIFs.'
        : 'Sent re-encoded as PNG: this provider takes no images of this type.';
    return { plan: { id, action: 'convert', detail }, form: 'image', edge };
  }
  if (base64Size(view.size) > limits.imageBytes) {
    return {
      plan: {
        id,
        action: 'convert',
        detail: `Sent re-encoded smaller: ${limits.label} takes images up to ${megabytes(limits.imageBytes)}.`,
      },
      form: 'image',
      edge,
    };
  }
  return { plan: { id, action: 'send' }, form: 'image', edge };
}

function decidePdf(
  view: AttachmentView,
  target: AttachmentTarget,
  limits: ProviderLimits,
): AttachmentDecision {
  const { id } = view;
  const hasText = view.textChars === undefined || view.textChars > 0;
  let reason: string | undefined;
  if (!target.capabilities.pdfs) {
    reason =
      target.kind === 'openai-compatible'
        ? 'this server or model takes no PDF files'
        : 'this model takes no PDFs';
  } else if (limits.pdfPages !== undefined && (view.pageCount ?? 0) > limits.pdfPages) {
    reason = `it has ${view.pageCount} pages and ${limits.label} takes at most ${limits.pdfPages}`;
  } else if (base64Size(view.size) > limits.requestBytes) {
    reason = `it is ${megabytes(view.size)} and ${limits.label} takes at most ${megabytes(limits.requestBytes)} a request`;
  }
  if (!reason) return { plan: { id, action: 'send' }, form: 'pdf' };
  if (!hasText) {
    return {
      plan: {
        id,
        action: 'refuse',
        detail: `No text found in this PDF (it looks scanned), and it cannot go as a PDF: ${reason}.`,
      },
      form: 'none',
    };
  }
  return {
    plan: { id, action: 'convert', detail: `Sent as its extracted text: ${reason}.` },
    form: 'pdf-text',
  };
}

function decideText(view: AttachmentView): AttachmentDecision {
  if ((view.textChars ?? 0) > maxTextChars) {
    return {
      plan: {
        id: view.id,
        action: 'convert',
        detail: `Only its start is sent: the first ${maxTextChars.toLocaleString('en-US')} characters.`,
      },
      form: 'text',
    };
  }
  return { plan: { id: view.id, action: 'send' }, form: 'text' };
}
