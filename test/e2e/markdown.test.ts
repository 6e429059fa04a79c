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
  it('streams money, every math delimiter, CJK bold, Arabic and a <br> cell into the right screen', async () => {
    const text = [
      'The lunch special is **$12.50** today, and a drink adds $3. Rooms cost $100-$200.',
      '',
      'Inline \\(a/b\\) and display:',
      '',
      '\\[',
      '\\int_0^1 x\\,dx = \\frac{1}{2}',
      '\\]',
      '',
      'Fit the model',
      '$$',
      'y~x',
      '$$',
      '',
      '**注意：**请先保存文件。',
      '',
      'مرحبا بالعالم، هذا اختبار \\(x^2 + 1\\).',
      '',
      '| step | detail |',
      '| --- | --- |',
      '| 1 | first<br>second |',
      '',
      'End of reply.',
    ].join('\n');
    // Every formula the page ever shows while the reply streams, as KaTeX's TeX annotation.
    await app.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenMath: string[] }).seenMath = seen;
      new MutationObserver(() => {
        for (const note of document.querySelectorAll('.katex annotation'))
          seen.push(note.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    app.mock.enqueue({ type: 'reply', text, tokensPerSecond: 150, split: 'random' });
    await app.send('Prices, math and languages');
    await expect.poll(() => reply().textContent(), { timeout: 20_000 }).toContain('End of reply.');

    const body = reply();
    const first = body.locator('p').first();
    expect(await first.textContent()).toBe(
      'The lunch special is $12.50 today, and a drink adds $3. Rooms cost $100-$200.',
    );
    expect(await first.locator('strong').textContent()).toBe('$12.50');
    expect(await first.locator('.katex').count()).toBe(0);

    const formulas = await body.locator('.katex annotation').allTextContents();
    expect(formulas).toEqual(['a/b', '\\int_0^1 x\\,dx = \\frac{1}{2}', 'y~x', 'x^2 + 1']);
    expect(await body.locator('.katex-display').count()).toBe(2);
    expect(await body.textContent()).not.toContain('\\(');

    const seen = await app.page.evaluate(() => (window as unknown as { seenMath: string[] }).seenMath);
    expect(seen.length).toBeGreaterThan(0);
    for (const tex of seen) {
      expect(tex).not.toContain('\\~');
      expect(
        formulas.some((formula) => formula.startsWith(tex)),
        tex,
      ).toBe(true);
    }

    expect(await body.locator('strong', { hasText: '注意' }).textContent()).toBe('注意：');
    // The Arabic paragraph reads right to left; the formula inside it still left to right.
    const arabic = body.locator('p', { hasText: 'مرحبا' });
    expect(await arabic.getAttribute('dir')).toBe('auto');
    expect(await arabic.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await first.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    const formula = arabic.locator('.katex');
    expect(await formula.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    const cell = body.locator('td').nth(1);
    expect(await cell.locator('br').count()).toBe(1);
    expect(await cell.innerText()).toBe('first\nsecond');
  });
});
