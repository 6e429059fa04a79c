import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useApp } from './support/app-fixture';

const app = useApp();

let imageHost: Server;
let imageRequests: string[];
let imageOrigin: string;

const reply = () => app.page.getByTestId('reply-text').last();

beforeEach(async () => {
  imageRequests = [];
  // A second local server standing in for a remote image host: it counts every request.
  imageHost = createServer((request, response) => {
    imageRequests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageOrigin = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => imageHost.close(resolve));
});

const markdownReply = (imageUrl: string) =>
  [
    '# Release notes',
    '',
    'Some **bold** text, `inline code` and a [safe link](https://example.com/docs).',
    '',
    '| feature | state |',
    '| --- | --- |',
    '| tables | done |',
    '| math | done |',
    '',
    '- [x] write it',
    '- [ ] ship it',
    '',
    '> quoted wisdom',
    '',
    '```ts',
    'const answer: number = 42;',
    'console.log(answer);',
    '```',
    '',
    'Euler: $e^{i\\pi} + 1 = 0$ and',
    '',
    '$$',
    '\\int_0^1 x^2 \\, dx = \\frac{1}{3}',
    '$$',
    '',
    `![a chart](${imageUrl})`,
    '',
    'The end.',
  ].join('\n');

describe('a markdown reply', () => {
  it('streams into tables, tasks, highlighted code, math, a safe link, an image placeholder and Copy', async () => {
    const imageUrl = `${imageOrigin}/chart.png?leak=conversation`;
    const text = markdownReply(imageUrl);
    app.mock.enqueue({ type: 'reply', text, tokensPerSecond: 400, split: 'random' });
    await app.send('Show me everything');
    await expect.poll(() => reply().textContent(), { timeout: 15_000 }).toContain('The end.');

    const body = reply();
    expect(await body.locator('h1').textContent()).toBe('Release notes');
    expect(await body.locator('table td').allTextContents()).toEqual([
      'tables',
      'done',
      'math',
      'done',
    ]);
    expect(await body.getByRole('img', { name: 'Done', exact: true }).count()).toBe(1);
    expect(await body.getByRole('img', { name: 'Not done' }).count()).toBe(1);
    expect(await body.locator('input').count()).toBe(0);
    expect(await body.locator('blockquote').textContent()).toContain('quoted wisdom');

    // The code block: a label, then coloured spans once Shiki has loaded and run.
    expect(await body.locator('.md-code-lang').textContent()).toBe('ts');
    await expect
      .poll(() => body.locator('pre[data-highlighted] span[style*="--shiki-light"]').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(3);
    expect(await body.locator('pre code').textContent()).toBe(
      'const answer: number = 42;\nconsole.log(answer);',
    );
    // Shiki ran in the highlight worker (same origin, allowed by the CSP), not on the page.
    expect(app.page.workers().map((worker) => worker.url())).toEqual([
      expect.stringMatching(/\/assets\/highlight-worker-[\w-]+\.js$/),
    ]);

    // Math through KaTeX, inline and display.
    expect(await body.locator('.katex').count()).toBeGreaterThanOrEqual(2);
    expect(await body.locator('.katex-display').count()).toBe(1);

    // The link opens through main, and the page stays where it is.
    const pageUrl = app.page.url();
    await body.getByRole('link', { name: 'safe link' }).click();
    await expect.poll(() => app.openedLinks).toEqual(['https://example.com/docs']);
    expect(app.page.url()).toBe(pageUrl);

    // The image was never fetched; the placeholder opens that one image on request.
    expect(await body.locator('img').count()).toBe(0);
    expect(imageRequests).toEqual([]);
    await body.getByRole('button', { name: 'Open image: a chart' }).click();
    await expect.poll(() => app.openedLinks).toContain(imageUrl);
    expect(imageRequests).toEqual([]);

    // Copy code, then Copy the whole reply as its markdown source.
    await body.getByRole('button', { name: 'Copy code' }).click();
    await expect
      .poll(() => app.clipboard)
      .toEqual(['const answer: number = 42;\nconsole.log(answer);']);
    await app.page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => app.clipboard[1]).toBe(text);
  });

  it('shows an open code fence as plain text while it streams, highlighted after it closes', async () => {
    const code = Array.from({ length: 40 }, (_, i) => `let value${i} = ${i} * 2; // line ${i}`);
    const text = ['Here:', '', '```js', ...code, '```', '', 'Done.'].join('\n');
    app.mock.enqueue({ type: 'reply', text, tokensPerSecond: 120 });
    await app.send('Code please');
    await expect
      .poll(() => reply().locator('pre code').textContent(), { timeout: 10_000 })
      .toContain('value3');
    // Mid-stream: the fence is open, so no highlighting yet.
    expect(await reply().locator('pre[data-highlighted]').count()).toBe(0);
    await expect
      .poll(() => reply().locator('pre[data-highlighted] span[style]').count(), { timeout: 20_000 })
      .toBeGreaterThan(40);
  });
});
