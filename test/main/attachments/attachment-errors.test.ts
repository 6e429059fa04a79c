import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blameAttachment, type SentAttachment } from '../../../main/attachments/attachment-errors';
import { createProvider } from '../../../main/providers/create-provider';
import { ProviderError } from '../../../main/providers/types';
import type { ChatError, ProviderKind } from '../../../preload/api';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { collect, request } from '../providers/provider-test-kit';

const photo: SentAttachment = {
  id: 'a'.repeat(64),
  name: 'photo.jpg',
  kind: 'image',
  bytes: 900_000,
};
const big: SentAttachment = {
  id: 'b'.repeat(64),
  name: 'big.png',
  kind: 'image',
  bytes: 7_000_000,
};
const report: SentAttachment = {
  id: 'c'.repeat(64),
  name: 'report.pdf',
  kind: 'pdf',
  bytes: 300_000,
};
const sent = [big, photo, report];

let mock: MockLlm;
beforeEach(async () => {
  mock = await startMockLlm();
});
afterEach(async () => {
  await mock.close();
});

/** The ChatError an adapter makes of a refused request with `body`. */
async function refusal(kind: ProviderKind, status: number, body: object): Promise<ChatError> {
  mock.enqueue({ type: 'http-error', status, body });
  const provider = createProvider({ kind, baseUrl: mock.url, apiKey: 'k', fetch });
  const { error } = await collect(provider, request());
  if (!(error instanceof ProviderError)) throw new Error('expected a provider error');
  return error.info;
}

describe('blaming the file a provider refused', () => {
  it("Anthropic's 5 MB complaint blames the largest image", async () => {
    const error = await refusal('anthropic', 400, {
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          'messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 7340032 bytes > 5242880 bytes',
      },
    });
    expect(blameAttachment(error, sent)).toMatchObject({
      attachmentId: big.id,
      message:
        'The provider could not take big.png; its reason is in the details. Send again without it.',
    });
  });

  it('an invalid PDF blames the PDF', async () => {
    const error = await refusal('anthropic', 400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'The PDF specified was not valid.' },
    });
    expect(blameAttachment(error, sent).attachmentId).toBe(report.id);
  });

  it("LM Studio's 'does not support images' blames the last image", async () => {
    const error = await refusal('openai-compatible', 400, {
      error: 'Model does not support images. Please use a model that does.',
    });
    expect(blameAttachment(error, sent).attachmentId).toBe(photo.id);
  });

  it('a message that names a file blames that file', async () => {
    const error = await refusal('gemini', 400, {
      error: {
        code: 400,
        message: 'Unable to process input image photo.jpg',
        status: 'INVALID_ARGUMENT',
      },
    });
    expect(blameAttachment(error, sent).attachmentId).toBe(photo.id);
  });

  it('a 413 blames the largest file', async () => {
    const error = await refusal('openai-compatible', 413, {
      error: { message: 'Request Entity Too Large' },
    });
    expect(blameAttachment(error, sent)).toMatchObject({
      attachmentId: big.id,
      message:
        'The request is too large for the provider, most likely because of big.png. Send again without it.',
    });
  });

  it('leaves other failures alone: no files, a bad key, a refusal about something else', async () => {
    const other = await refusal('anthropic', 400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: must be at most 64000' },
    });
    expect(blameAttachment(other, sent)).toEqual(other);
    const image = await refusal('anthropic', 400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'Could not process image' },
    });
    expect(blameAttachment(image, [])).toEqual(image);
    const auth = await refusal('anthropic', 401, {
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid image key' },
    });
    expect(blameAttachment(auth, sent)).toEqual(auth);
  });
});
