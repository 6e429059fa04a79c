/**
 * Attachments end to end, with real files the test generates: picked in main's dialog, shown as
 * chips, planned for the model, sent in the provider's own content blocks (checked on what the
 * mock received, with no key inside them), and shown in the transcript.
 */
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { useApp } from './support/app-fixture';
import { rotatedJpeg, tempFolder, textPdf } from '../main/attachments/attachment-fixtures';

const app = useApp({ scope: 'manual' });
const files = tempFolder();
afterAll(() => files.dispose());

const composer = () => app.page.getByRole('textbox', { name: 'Message' });

/** Pick `paths` through the Attach button (main's dialog answers with them). */
async function attach(...paths: string[]) {
  app.attachQueue.push(paths);
  await app.page.getByRole('button', { name: 'Attach files' }).click();
}

/** Make a saved OpenAI-format profile at the mock the active one (main reads it per request). */
async function useServer(preset: 'openai-compatible' | 'ollama' | 'gemini', model: string) {
  const gemini = preset === 'gemini';
  const saved = await app.services.profiles.saveProfile({
    name: preset,
    preset,
    kind: gemini ? 'gemini' : 'openai-compatible',
    baseUrl: gemini ? app.mock.url : `${app.mock.url}/v1`,
    model,
    headers: {},
    defaults: {},
    apiKey: 'sk-openai-test-key',
  });
  await app.services.profiles.setActive(saved.profile.id);
}

/** The JSON body of the n-th request the mock received, as text. */
const body = (index: number) => JSON.stringify(app.mock.requests[index]?.body ?? null);

describe('attachments', () => {
  it('a phone photo goes to Anthropic upright as an image block, and shows in the transcript', async () => {
    await app.start();
    const photo = files.write('portrait.jpg', await rotatedJpeg());
    await attach(photo);
    await expect
      .poll(() => app.page.getByRole('button', { name: 'Remove portrait.jpg' }).count())
      .toBe(1);
    app.mock.enqueue({ type: 'reply', text: 'A red rectangle.' });
    await composer().fill('What is in this photo?');
    await composer().press('Enter');
    await expect.poll(() => app.mock.requests.length).toBe(1);

    const message = (
      app.mock.requests[0]?.body as { messages: Array<{ role: string; content: unknown }> }
    ).messages[0];
    const blocks = message?.content as Array<{
      type: string;
      source?: { media_type: string; data: string };
    }>;
    expect(blocks.map((block) => block.type)).toEqual(['image', 'text']);
    const image = blocks[0]?.source;
    expect(image?.media_type).toMatch(/^image\/(jpeg|png|webp)$/);
    // Sent upright: the stored 400 × 200 with "rotate 90°" arrives as 200 × 400.
    const sent = await sharp(Buffer.from(image?.data ?? '', 'base64')).metadata();
    expect([sent.width, sent.height]).toEqual([200, 400]);
    expect(body(0)).not.toContain('sk-ant-test-key');

    const transcript = app.page.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('A red rectangle.');
    await app.page.getByRole('button', { name: 'View portrait.jpg' }).click();
    await expect.poll(() => app.page.getByRole('dialog').count()).toBe(1);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.page.getByRole('dialog').count()).toBe(0);
  });

  it('a 30-page PDF goes to an OpenAI-compatible server as its text, as the composer said', async () => {
    await app.start();
    await useServer('openai-compatible', 'gpt-4.1-mini');
    const report = files.write('report.pdf', await textPdf(30, 'quokka'));
    await attach(report);
    // The composer says what will happen before anything is sent.
    const form = app.page.locator('form').first();
    await expect
      .poll(() => form.textContent(), { timeout: 10_000 })
      .toContain('Sent as its extracted text');
    app.mock.enqueue({ type: 'reply', text: 'It is about zebras.' });
    await composer().fill('Summarise it');
    await composer().press('Enter');
    await expect.poll(() => app.mock.requests.length).toBe(1);
    const text = body(0);
    expect(text).toContain('Findings about the quokka');
    expect(text).toContain('Page 30 of the zebra report');
    expect(text).not.toContain('"type":"file"');
    expect(text).not.toContain('sk-openai-test-key');
    await expect
      .poll(() => app.page.getByRole('button', { name: 'Open report.pdf' }).count())
      .toBe(1);
  });

  it('an image for a model Parley thinks is blind is named before sending, and the override fixes it', async () => {
    await app.start();
    // A local server's text model: the built-in table does not list it as taking images.
    await useServer('ollama', 'llama3');
    const chart = await sharp({
      create: { width: 64, height: 64, channels: 3, background: 'blue' },
    })
      .png()
      .toBuffer();
    await attach(files.write('chart.png', chart));
    const send = app.page.getByRole('button', { name: 'Send' });
    const override = app.page.getByRole('button', { name: 'This model can see images' });
    await expect.poll(() => override.count(), { timeout: 10_000 }).toBe(1);
    await composer().fill('What does the chart show?');
    expect(await send.isDisabled()).toBe(true);
    expect(app.mock.requests).toHaveLength(0);

    await override.click();
    await expect.poll(() => send.isDisabled()).toBe(false);
    app.mock.enqueue({ type: 'reply', text: 'A blue square.' });
    await send.click();
    await expect.poll(() => app.mock.requests.length).toBe(1);
    expect(body(0)).toContain('data:image/png;base64,');
  });

  it('a large PNG goes to Gemini as inlineData, downscaled to 3072 px, with no key inside', async () => {
    await app.start();
    await useServer('gemini', 'gemini-2.5-flash');
    const wide = await sharp({
      create: { width: 4000, height: 2000, channels: 3, background: { r: 10, g: 200, b: 90 } },
    })
      .png()
      .toBuffer();
    await attach(files.write('wide.png', wide));
    await expect
      .poll(() => app.page.getByRole('button', { name: 'Remove wide.png' }).count())
      .toBe(1);
    app.mock.enqueue({ type: 'reply', text: 'A green field.' });
    await composer().fill('Describe it');
    await composer().press('Enter');
    await expect.poll(() => app.mock.requests.length).toBe(1);
    const request = app.mock.requests[0]?.body as {
      contents: Array<{
        role: string;
        parts: Array<{ inlineData?: { mimeType: string; data: string }; text?: string }>;
      }>;
    };
    const parts = request.contents[0]?.parts ?? [];
    const inline = parts.find((part) => part.inlineData)?.inlineData;
    expect(inline?.mimeType).toMatch(/^image\/(png|jpeg|webp)$/);
    const sent = await sharp(Buffer.from(inline?.data ?? '', 'base64')).metadata();
    expect([sent.width, sent.height]).toEqual([3072, 1536]);
    expect(parts.some((part) => part.text === 'Describe it')).toBe(true);
    expect(body(0)).not.toContain('sk-openai-test-key');
  });
});
