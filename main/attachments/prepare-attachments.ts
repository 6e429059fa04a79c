/**
 * Preparation: every file of a conversation, as the request's provider and model take it. Each
 * request re-sends the whole history (providers keep no state), so every earlier turn's files
 * are prepared again for the current target and counted toward its per-request rules; results
 * can be kept in a cache between requests.
 *
 * A file of the message being sent that cannot go refuses the send (the composer shows the plan
 * first, so this is rare). A file of an earlier turn that the current model cannot take (the
 * user switched to a model without vision) is replaced by a note saying so: the conversation
 * goes on rather than being stuck on a file the user cannot take back.
 */
import type { AttachmentView } from '../../preload/api';
import type { ProviderAttachment } from '../providers/types';
import type { SentAttachment } from './attachment-errors';
import { decideAttachments, type AttachmentDecision } from './attachment-plan';
import { prepareImage } from './image-prepare';
import { limitsFor, megabytes, type AttachmentTarget } from './provider-limits';
import { fencedText } from './text-prepare';

/**
 * What preparation needs of the attachment store: a file's bytes as attached, and the text of a
 * text file or a PDF (null when there is none; '' for a PDF with no text layer).
 */
export interface AttachmentSource {
  bytes(id: string): Promise<Buffer>;
  text(id: string): string | null | Promise<string | null>;
}

/** A turn as preparation reads it (a `Turn` fits). */
export interface PreparationTurn {
  id: string;
  attachments?: readonly AttachmentView[];
}

/** A file that keeps the message from being sent, and why (one sentence naming it). */
export interface RefusedAttachment {
  attachmentId: string;
  name: string;
  message: string;
}

/**
 * Each turn's files ready for `history()` with the files the request carries, in order (for
 * `blameAttachment` when the provider refuses it), or the file that keeps the request from going.
 */
export type PreparationResult =
  | { byTurn: Map<string, ProviderAttachment[]>; sent: SentAttachment[] }
  | { refused: RefusedAttachment };

/** One file as the request carries it, for the per-request caps and the `sent` list. */
interface SentSize {
  view: AttachmentView;
  /** It belongs to the message being sent now. */
  last: boolean;
  bytes: number;
  kind: ProviderAttachment['kind'];
}

/** How a preparation runs: a cache kept between requests, and files to leave out. */
export interface PreparationOptions {
  cache?: PreparedCache;
  /** Ids of files to send a note in place of (see `prepareAttachments`). */
  leaveOut?: ReadonlySet<string>;
}

/**
 * Prepared files kept between requests, by file, form and target (see `cacheKey`), so a long
 * conversation's images are not decoded and re-encoded for every message. Bounded by the bytes
 * it holds (default 64 MB): the least recently used files go first.
 */
export class PreparedCache {
  private readonly entries = new Map<string, ProviderAttachment>();
  private held = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): ProviderAttachment | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Map keeps insertion order: moving a hit to the end makes the first entry the oldest.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(key: string, value: ProviderAttachment): void {
    const old = this.entries.get(key);
    if (old) this.held -= sentBytes(old);
    this.entries.delete(key);
    if (sentBytes(value) > this.maxBytes) return;
    this.entries.set(key, value);
    this.held += sentBytes(value);
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= sentBytes(entry);
    }
  }

  /** How many prepared files it holds. */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * Every turn's files prepared for `target`, the last turn being the message sent now. Returns
 * `refused` for a file of the last turn that cannot go (the plan's refusal, a PDF whose text
 * turns out empty, an image that cannot be brought under the byte cap) or when the files of the
 * whole request pass the provider's per-request cap (naming the largest file to remove). Errors
 * of the source (a file missing from the store) are thrown as they are.
 *
 * `leaveOut`: files the provider refused before (`blameAttachment`) that the user chose to send
 * again without; each goes as a note in its turn, so an earlier turn's file cannot keep
 * failing every later message.
 */
export async function prepareAttachments(
  turns: readonly PreparationTurn[],
  target: AttachmentTarget,
  source: AttachmentSource,
  options: PreparationOptions = {},
): Promise<PreparationResult> {
  const { cache = new PreparedCache(), leaveOut = new Set<string>() } = options;
  const byTurn = new Map<string, ProviderAttachment[]>();
  const add = (turnId: string, attachment: ProviderAttachment) => {
    const list = byTurn.get(turnId) ?? [];
    list.push(attachment);
    byTurn.set(turnId, list);
  };
  const entries = turns.flatMap((turn, turnIndex) =>
    (turn.attachments ?? []).map((view) => ({
      turnId: turn.id,
      view,
      last: turnIndex === turns.length - 1,
      leftOut: leaveOut.has(view.id),
    })),
  );
  // Files left out do not count toward the request's rules (Anthropic's many-images size).
  const kept = entries.filter((entry) => !entry.leftOut);
  const decisions = new Map(
    decideAttachments(
      kept.map((entry) => entry.view),
      target,
    ).map((decision, index) => [kept[index], decision]),
  );
  // Files not in the cache are prepared a few at a time (decoding and encoding run on libuv's
  // threads, so this uses every core), then placed in order.
  const outcomes = await mapConcurrently(entries, preparedAtOnce, async (entry) => {
    const decision = decisions.get(entry);
    if (!decision || cache.get(cacheKey(entry.view, decision, target))) return undefined;
    return prepareOne(entry.view, decision, target, source);
  });
  const sizes: SentSize[] = [];
  for (const [index, entry] of entries.entries()) {
    const decision = decisions.get(entry);
    if (!decision) {
      add(entry.turnId, notSentNote(entry.view, 'The provider refused it before.'));
      continue;
    }
    const key = cacheKey(entry.view, decision, target);
    let prepared = cache.get(key);
    if (!prepared) {
      const outcome = outcomes[index] ?? (await prepareOne(entry.view, decision, target, source));
      if (typeof outcome === 'string') {
        if (entry.last) {
          return {
            refused: {
              attachmentId: entry.view.id,
              name: entry.view.name,
              message: `${entry.view.name}: ${outcome}`,
            },
          };
        }
        prepared = notSentNote(entry.view, outcome);
      } else {
        prepared = outcome;
        cache.set(key, prepared);
      }
    }
    add(entry.turnId, prepared);
    sizes.push({
      view: entry.view,
      last: entry.last,
      bytes: sentBytes(prepared),
      // As sent: a PDF that went as text, or a note in place of a file, blames as text.
      kind: prepared.kind,
    });
  }
  const overCap = requestCapRefusal(sizes, target);
  if (overCap) return { refused: overCap };
  const sent = sizes.map(({ view, bytes, kind }) => ({
    id: view.id,
    name: view.name,
    kind,
    bytes,
  }));
  return { byTurn, sent };
}

/** How many files are prepared at the same time (each holds one decoded photo in memory). */
const preparedAtOnce = 3;

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Cache key: the file, the form it takes and the target's provider (limits differ by it). */
function cacheKey(view: AttachmentView, decision: AttachmentDecision, target: AttachmentTarget) {
  return `${view.id}:${decision.form}:${decision.edge ?? 0}:${target.kind}`;
}

const notForThisModel = 'It cannot be sent to this model.';

/** One file prepared, or the sentence saying why it cannot go (without the file's name). */
async function prepareOne(
  view: AttachmentView,
  decision: AttachmentDecision,
  target: AttachmentTarget,
  source: AttachmentSource,
): Promise<ProviderAttachment | string> {
  if (decision.plan.action === 'refuse') return decision.plan.detail ?? notForThisModel;
  const limits = limitsFor(target.kind);
  switch (decision.form) {
    case 'image': {
      const image = await prepareImage(await source.bytes(view.id), view.mimeType, {
        edge: decision.edge ?? limits.imageEdge,
        maxBytes: limits.imageBytes,
        types: limits.imageTypes,
      });
      if (!image) {
        return `It cannot be made smaller than ${megabytes(limits.imageBytes)}, the most ${limits.label} takes for one image. Remove it and send again.`;
      }
      return {
        kind: 'image',
        name: view.name,
        mimeType: image.mimeType,
        data: image.bytes.toString('base64'),
      };
    }
    case 'pdf':
      return {
        kind: 'pdf',
        name: view.name,
        data: (await source.bytes(view.id)).toString('base64'),
      };
    case 'pdf-text': {
      const text = await source.text(view.id);
      if (!text?.trim()) {
        return 'No text found in this PDF (it looks scanned), and this model takes no PDFs. Remove it and send again.';
      }
      return {
        kind: 'text',
        name: view.name,
        text: fencedText(view.name, text, 'text extracted from the PDF').text,
      };
    }
    case 'text': {
      const text = (await source.text(view.id)) ?? (await source.bytes(view.id)).toString('utf8');
      return { kind: 'text', name: view.name, text: fencedText(view.name, text).text };
    }
    case 'none':
      return decision.plan.detail ?? notForThisModel;
  }
}

/** What an earlier turn carries in place of a file the current model cannot take. */
function notSentNote(view: AttachmentView, why: string): ProviderAttachment {
  return {
    kind: 'text',
    name: view.name,
    text: `[The user attached ${view.name} here; it was not sent to you. ${why}]`,
  };
}

/** Bytes a prepared file adds to the request body. */
function sentBytes(attachment: ProviderAttachment): number {
  return attachment.kind === 'text' ? Buffer.byteLength(attachment.text) : attachment.data.length;
}

/**
 * The refusal when the request's files pass the provider's per-request caps (all files, or the
 * images alone), naming the file to remove: the largest of the message being sent, else the
 * largest of the conversation.
 */
function requestCapRefusal(
  sizes: readonly SentSize[],
  target: AttachmentTarget,
): RefusedAttachment | undefined {
  const limits = limitsFor(target.kind);
  const total = sizes.reduce((sum, entry) => sum + entry.bytes, 0);
  const images = sizes.filter((entry) => entry.kind === 'image');
  const imageTotal = images.reduce((sum, entry) => sum + entry.bytes, 0);
  let over: { cap: number; total: number; among: typeof sizes; what: string } | undefined;
  if (total > limits.requestBytes) {
    over = { cap: limits.requestBytes, total, among: sizes, what: 'files' };
  } else if (imageTotal > limits.imageRequestBytes) {
    over = { cap: limits.imageRequestBytes, total: imageTotal, among: images, what: 'images' };
  }
  if (!over) return undefined;
  const pool = over.among.some((entry) => entry.last)
    ? over.among.filter((entry) => entry.last)
    : over.among;
  const largest = pool.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return {
    attachmentId: largest.view.id,
    name: largest.view.name,
    message:
      `The ${over.what} of this conversation come to ${megabytes(over.total)} as sent, and ` +
      `${limits.label} takes at most ${megabytes(over.cap)} a request. Remove ${largest.view.name} ` +
      `(${megabytes(largest.bytes)}) and send again.`,
  };
}

// Re-exported so the chat service needs one import for both steps.
export { planAttachments } from './attachment-plan';
