import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { planAttachments } from '../../../main/attachments/attachment-plan';
import { imageEdgeFor, limitsFor } from '../../../main/attachments/provider-limits';
import {
  PreparedCache,
  prepareAttachments,
  type PreparationResult,
} from '../../../main/attachments/prepare-attachments';
import { history } from '../../../main/chat/history';
import { requestBody } from '../../../main/providers/anthropic';
import type { ProviderAttachment } from '../../../main/providers/types';
import type { Turn } from '../../../preload/api';
import {
  animatedGif,
  bulkyPdf,
  pdfFile,
  pngFile,
  sourceOf,
  targets,
  textFile,
  turnedJpeg,
  type StoredFile,
} from './prepare-fixtures';

function prepared(result: PreparationResult, turnId: string): ProviderAttachment[] {
  if ('refused' in result) throw new Error(`refused: ${result.refused.message}`);
  return result.byTurn.get(turnId) ?? [];
}

async function imageSize(attachment: ProviderAttachment | undefined) {
  if (attachment?.kind !== 'image') throw new Error('not an image');
  const meta = await sharp(Buffer.from(attachment.data, 'base64')).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}

const turn = (id: string, files: StoredFile[]) => ({ id, attachments: files.map((f) => f.view) });

describe('the plan for each attachment', () => {
  it('refuses an image for a model without vision, pointing at Settings → Models', async () => {
    const photo = await pngFile('photo.png', 64, 64);
    expect(planAttachments([photo.view], targets.ollamaText)).toEqual([
      {
        id: photo.view.id,
        action: 'refuse',
        detail:
          'This model does not take images (you can change that in Settings → Models if it does).',
      },
    ]);
  });

  it('sends a small image, converts a large one with the size it goes at', async () => {
    const small = await pngFile('small.png', 64, 64);
    const large = await pngFile('large.png', 3000, 2000);
    expect(planAttachments([small.view, large.view], targets.anthropic)).toEqual([
      { id: small.view.id, action: 'send' },
      {
        id: large.view.id,
        action: 'convert',
        detail: "Sent downscaled to 1568 px on its long edge (Anthropic's recommended size).",
      },
    ]);
  });

  it('sends a PDF where the model takes PDFs, converts it to text elsewhere, refuses a scanned one', async () => {
    const report = await pdfFile('report.pdf', ['Quarterly revenue: 42']);
    const scan = await pdfFile('scan.pdf', []);
    expect(planAttachments([report.view], targets.openAi)).toEqual([
      { id: report.view.id, action: 'send' },
    ]);
    expect(planAttachments([report.view, scan.view], targets.ollamaVision)).toEqual([
      {
        id: report.view.id,
        action: 'convert',
        detail: 'Sent as its extracted text: this server or model takes no PDF files.',
      },
      {
        id: scan.view.id,
        action: 'refuse',
        detail:
          'No text found in this PDF (it looks scanned), and it cannot go as a PDF: this server or model takes no PDF files.',
      },
    ]);
  });

  it('counts the earlier turns’ images toward Anthropic’s many-images size', async () => {
    const image = await pngFile('wide.png', 2100, 100);
    const earlier = Array.from({ length: 20 }, () => image.view);
    const [plan] = planAttachments([image.view], targets.anthropic, earlier);
    expect(plan?.action).toBe('convert');
    // 21 images: every side must be ≤ 2000 px; Parley's 1568 px already is.
    expect(plan?.detail).toMatch(/^Sent downscaled to 1568 px/);
  });

  it('applies the tighter edge past 20 images of a request', () => {
    const wide = { ...limitsFor('anthropic'), imageEdge: 8000 };
    expect(imageEdgeFor(wide, 20)).toBe(8000);
    expect(imageEdgeFor(wide, 21)).toBe(2000);
    expect(imageEdgeFor(limitsFor('openai-compatible'), 50)).toBe(2048);
  });
});

describe('preparing a conversation’s files', () => {
  it('downscales a large PNG and turns an EXIF-rotated JPEG upright, for Anthropic', async () => {
    const large = await pngFile('large.png', 4000, 3000);
    const phone = await turnedJpeg('phone.jpg', 400, 300);
    const result = await prepareAttachments(
      [turn('t1', [large, phone])],
      targets.anthropic,
      sourceOf([large, phone]),
    );
    const [png, jpeg] = prepared(result, 't1');
    expect(await imageSize(png)).toEqual({ format: 'png', width: 1568, height: 1176 });
    expect(await imageSize(jpeg)).toEqual({ format: 'jpeg', width: 300, height: 400 });
  });

  it('re-sends every earlier turn’s files, and 25 images to Anthropic all keep to 2000 px', async () => {
    const files = await Promise.all(
      Array.from({ length: 25 }, (_, i) => pngFile(`shot-${i}.png`, 2400 + i, 300)),
    );
    const turns = files.map((file, i) => turn(`t${i}`, [file]));
    const result = await prepareAttachments(turns, targets.anthropic, sourceOf(files));
    for (const [index] of files.entries()) {
      const [image] = prepared(result, `t${index}`);
      const size = await imageSize(image);
      expect(Math.max(size.width ?? 0, size.height ?? 0)).toBeLessThanOrEqual(2000);
    }
  });

  it('sends an animated GIF to Gemini as a PNG of its first frame, and keeps it for Anthropic', async () => {
    const gif = await animatedGif('wave.gif');
    const forGemini = await prepareAttachments([turn('t', [gif])], targets.gemini, sourceOf([gif]));
    expect(prepared(forGemini, 't')[0]).toMatchObject({ kind: 'image', mimeType: 'image/png' });
    const forClaude = await prepareAttachments(
      [turn('t', [gif])],
      targets.anthropic,
      sourceOf([gif]),
    );
    expect(prepared(forClaude, 't')[0]).toEqual({
      kind: 'image',
      name: 'wave.gif',
      mimeType: 'image/gif',
      data: gif.bytes.toString('base64'),
    });
  });

  it('sends a PDF as its fenced text to a compatible server that is not OpenAI', async () => {
    const report = await pdfFile('report.pdf', ['Quarterly revenue: 42', 'Costs: 7']);
    const result = await prepareAttachments(
      [turn('t', [report])],
      targets.ollamaVision,
      sourceOf([report]),
    );
    expect(prepared(result, 't')).toEqual([
      {
        kind: 'text',
        name: 'report.pdf',
        text: 'report.pdf (text extracted from the PDF)\n```\nQuarterly revenue: 42\nCosts: 7\n```',
      },
    ]);
    const toOpenAi = await prepareAttachments(
      [turn('t', [report])],
      targets.openAi,
      sourceOf([report]),
    );
    expect(prepared(toOpenAi, 't')).toEqual([
      { kind: 'pdf', name: 'report.pdf', data: report.bytes.toString('base64') },
    ]);
  });

  it('refuses a scanned PDF for a model without PDF input, naming it', async () => {
    const scan = await pdfFile('scan.pdf', []);
    const result = await prepareAttachments(
      [turn('t', [scan])],
      targets.ollamaText,
      sourceOf([scan]),
    );
    expect(result).toEqual({
      refused: {
        attachmentId: scan.view.id,
        name: 'scan.pdf',
        message:
          'scan.pdf: No text found in this PDF (it looks scanned), and it cannot go as a PDF: this server or model takes no PDF files.',
      },
    });
  });

  it('puts a note in place of an earlier turn’s image the current model cannot take', async () => {
    const photo = await pngFile('photo.png', 64, 64);
    const notes = textFile('notes.txt', 'hello');
    const result = await prepareAttachments(
      [turn('t1', [photo]), turn('t2', [notes])],
      targets.ollamaText,
      sourceOf([photo, notes]),
    );
    expect(prepared(result, 't1')).toEqual([
      {
        kind: 'text',
        name: 'photo.png',
        text: '[The user attached photo.png here; it was not sent to you. This model does not take images (you can change that in Settings → Models if it does).]',
      },
    ]);
    expect(prepared(result, 't2')).toEqual([
      { kind: 'text', name: 'notes.txt', text: 'notes.txt\n```\nhello\n```' },
    ]);
    // The request's files in order, for blaming one if the provider refuses the request.
    expect('sent' in result && result.sent.map((file) => [file.name, file.kind])).toEqual([
      ['photo.png', 'text'],
      ['notes.txt', 'text'],
    ]);
  });

  it('refuses a request past the provider’s byte cap, naming the largest file of the new message', async () => {
    const old = bulkyPdf('old.pdf', 9 * 1024 * 1024);
    const small = bulkyPdf('small.pdf', 4 * 1024 * 1024);
    const big = bulkyPdf('big.pdf', 12 * 1024 * 1024);
    const result = await prepareAttachments(
      [turn('t1', [old]), turn('t2', [small, big])],
      targets.anthropic,
      sourceOf([old, small, big]),
    );
    expect(result).toEqual({
      refused: {
        attachmentId: big.view.id,
        name: 'big.pdf',
        message:
          'The files of this conversation come to 33.3 MB as sent, and Anthropic takes at most 32.0 MB a request. Remove big.pdf (16.0 MB) and send again.',
      },
    });
  });

  it('reuses prepared files from the cache on the next request', async () => {
    const large = await pngFile('large.png', 3000, 2000);
    const source = sourceOf([large]);
    const cache = new PreparedCache();
    await prepareAttachments([turn('t1', [large])], targets.anthropic, source, { cache });
    await prepareAttachments([turn('t1', [large]), turn('t2', [])], targets.anthropic, source, {
      cache,
    });
    expect(source.reads).toBe(1);
  });

  it('sends a note in place of a file the provider refused before', async () => {
    const photo = await pngFile('photo.png', 64, 64);
    const other = await pngFile('other.png', 32, 32);
    const result = await prepareAttachments(
      [turn('t1', [other, photo]), turn('t2', [])],
      targets.anthropic,
      sourceOf([photo, other]),
      { leaveOut: new Set([photo.view.id]) },
    );
    const [kept, note] = prepared(result, 't1');
    expect(note).toEqual({
      kind: 'text',
      name: 'photo.png',
      text: '[The user attached photo.png here; it was not sent to you. The provider refused it before.]',
    });
    expect(kept).toMatchObject({ kind: 'image', name: 'other.png' });
  });

  it('keeps the cache under its byte bound, dropping the least recently used file', () => {
    const cache = new PreparedCache(10);
    const file = (data: string) => ({ kind: 'pdf' as const, name: 'x.pdf', data });
    const dataOf = (entry: ProviderAttachment | undefined) =>
      entry?.kind === 'pdf' ? entry.data : undefined;
    cache.set('a', file('aaaa'));
    cache.set('b', file('bbbb'));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', file('cccc'));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(dataOf)).toEqual([
      'aaaa',
      undefined,
      'cccc',
    ]);
    cache.set('huge', file('x'.repeat(11)));
    expect(cache.size).toBe(2);
  });
});

describe('prepared files in a request', () => {
  it('go with every turn of the history, in the provider’s blocks', async () => {
    const photo = await pngFile('photo.png', 64, 64);
    const notes = textFile('notes.txt', 'hello');
    const turns: Turn[] = [
      { ...baseTurn('t1', 'What is this?'), attachments: [photo.view] },
      { ...baseTurn('t2', 'And this?'), attachments: [notes.view] },
    ];
    const result = await prepareAttachments(turns, targets.anthropic, sourceOf([photo, notes]));
    if ('refused' in result) throw new Error(result.refused.message);
    const body = requestBody({
      model: 'claude-sonnet-4-5',
      messages: history(turns, result.byTurn),
    });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'image',
            source: {
              type: 'base64',
              media_type: 'image/png',
              data: photo.bytes.toString('base64'),
            },
          },
          { type: 'text', text: 'What is this?' },
        ],
      },
      { role: 'assistant', content: 'A picture.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'notes.txt\n```\nhello\n```' },
          { type: 'text', text: 'And this?' },
        ],
      },
    ]);
  });
});

function baseTurn(id: string, userText: string): Turn {
  return {
    id,
    userText,
    replies: [
      {
        id: `${id}-r`,
        streamId: `${id}-s`,
        model: 'claude-sonnet-4-5',
        text: 'A picture.',
        reasoning: '',
        status: 'done',
        seq: 1,
      },
    ],
    activeReply: 0,
    userVersion: 1,
    userVersionCount: 1,
  };
}
