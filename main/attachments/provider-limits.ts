/**
 * What each provider takes in files: image types, sizes and byte caps, and PDF caps. The numbers
 * come from the providers' documentation as docs/wire-formats.md ("Attachments") gathers it;
 * where Parley picks a size of its own (Gemini's image edge), the comment says why.
 */
import type { ModelCapabilities, ProviderKind } from '../../preload/api';

/** Where a request goes and what its model takes. */
export interface AttachmentTarget {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  capabilities: ModelCapabilities;
}

/** One provider's limits; bytes are counted as sent (base64), as the providers count them. */
export interface ProviderLimits {
  /** A name for sentences ("Anthropic takes at most…"). */
  label: string;
  /** Image types sent as they are; any other goes re-encoded. */
  imageTypes: readonly string[];
  /** Long edge images are downscaled to, in px. */
  imageEdge: number;
  /** Why `imageEdge`, for the plan's sentence. */
  imageEdgeWhy: string;
  /** Tighter edge when a request carries more than `manyImages.count` images. */
  manyImages?: { count: number; edge: number };
  /** Most base64 bytes of one image. */
  imageBytes: number;
  /** Most base64 bytes of all images in one request. */
  imageRequestBytes: number;
  /** Most base64 bytes of all files (images, PDFs) in one request. */
  requestBytes: number;
  /** Most pages of a PDF sent as a PDF. */
  pdfPages?: number;
}

const mb = 1024 * 1024;

/**
 * Anthropic: jpeg, png, gif, webp; ≤ 5 MB per image; ≤ 8000 px a side, ≤ 2000 px a side when a
 * request has more than 20 images; the API downscales anything past ~1568 px on the long edge, so
 * Parley sends 1568 px (larger only costs upload); PDFs ≤ 32 MB per request (the Messages API's
 * request size) and ≤ 100 pages.
 */
const anthropic: ProviderLimits = {
  label: 'Anthropic',
  imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  imageEdge: 1568,
  imageEdgeWhy: "Anthropic's recommended size",
  manyImages: { count: 20, edge: 2000 },
  imageBytes: 5 * mb,
  imageRequestBytes: 32 * mb,
  requestBytes: 32 * mb,
  pdfPages: 100,
};

/**
 * OpenAI chat completions: png, jpeg, webp, non-animated gif (Parley sends GIFs as their first
 * frame in PNG, since it cannot tell a still GIF from the view); ≤ 20 MB per image, ≤ 50 MB of
 * images per request; its high-detail mode fits an image in 2048 × 2048, so Parley sends 2048 px.
 * Other compatible servers (Ollama, LM Studio, vLLM, routers) get the same: it is the format they
 * copy. PDFs (`file` parts, OpenAI itself only): 32 MB per request and 100 pages, from OpenAI's
 * "File inputs" guide.
 */
const openAi: ProviderLimits = {
  label: 'This server',
  imageTypes: ['image/jpeg', 'image/png', 'image/webp'],
  imageEdge: 2048,
  imageEdgeWhy: "the size OpenAI's high detail works at",
  imageBytes: 20 * mb,
  imageRequestBytes: 50 * mb,
  requestBytes: 50 * mb,
  pdfPages: 100,
};

/**
 * Gemini: `inlineData` for png, jpeg, webp (no GIF); inline request payloads up to ~100 MB, PDFs
 * ~50 MB. Gemini names no image edge; Parley sends 3072 px, past which a picture only costs
 * bytes (Gemini tiles images into 768 px squares).
 */
const gemini: ProviderLimits = {
  label: 'Gemini',
  imageTypes: ['image/jpeg', 'image/png', 'image/webp'],
  imageEdge: 3072,
  imageEdgeWhy: 'a size Gemini reads in full',
  imageBytes: 50 * mb,
  imageRequestBytes: 100 * mb,
  requestBytes: 100 * mb,
  pdfPages: 1_000,
};

/** The limits of a target's provider. */
export function limitsFor(kind: ProviderKind): ProviderLimits {
  switch (kind) {
    case 'anthropic':
      return anthropic;
    case 'gemini':
      return gemini;
    case 'openai-compatible':
      return openAi;
  }
}

/** Bytes of `raw` bytes once base64-encoded. */
export function base64Size(raw: number): number {
  return Math.ceil(raw / 3) * 4;
}

/** The long edge images go at in a request carrying `imageCount` images in all. */
export function imageEdgeFor(limits: ProviderLimits, imageCount: number): number {
  const many = limits.manyImages;
  return many && imageCount > many.count ? Math.min(limits.imageEdge, many.edge) : limits.imageEdge;
}

/** "3.2 MB", for sentences. */
export function megabytes(bytes: number): string {
  return `${(bytes / mb).toFixed(1)} MB`;
}
