import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useApp } from './support/app-fixture';
import { xssPayloads } from './fixtures/xss-payloads';

/** Payloads per reply: enough replies to mix framings, few enough to stay quick. */
const perReply = 8;
const allowedScheme = /^(https?:|mailto:)/i;

const dialogs: string[] = [];

/**
 * Installed in the page before anything streams: checks every element that enters a reply, at
 * the moment it enters, so even a transient mid-stream state is caught, not just the final DOM.
 */
function watchReplies() {
  const forbidden = new Set(
    (
      'script iframe frame frameset object embed applet style link meta base form input textarea ' +
      'select option img image video audio source track picture template portal foreignobject ' +
      'use animate set animatetransform details marquee noscript body html head'
    ).split(' '),
  );
  const urlAttributes = new Set(
    'href src srcset srcdoc action formaction data poster background xlink:href ping'.split(' '),
  );
  const violations: string[] = [];
  (window as unknown as { __violations: string[] }).__violations = violations;
  const check = (element: Element) => {
    const tag = element.localName.toLowerCase();
    // KaTeX draws some glyphs (roots, arrows) as inline SVG paths; only those may be SVG.
    const katexSvg =
      (tag === 'svg' || tag === 'path' || tag === 'line') && !!element.closest('.katex');
    if ((forbidden.has(tag) || tag === 'svg') && !katexSvg) violations.push(`<${tag}>`);
    if (tag === 'button' && !element.matches('.md-copy, .md-image')) violations.push('<button>');
    if (tag === 'a' && !element.hasAttribute('href')) violations.push('<a> without href');
    for (const { name, value } of Array.from(element.attributes)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) violations.push(`${tag}[${attribute}]`);
      const safeHref = attribute === 'href' && tag === 'a' && /^(https?:|mailto:)/i.test(value);
      if (urlAttributes.has(attribute) && !safeHref)
        violations.push(`${tag}[${attribute}=${value}]`);
      if (attribute === 'style' && /url\(|expression|javascript|@import/i.test(value)) {
        violations.push(`${tag}[style=${value}]`);
      }
    }
  };
  // Only what a reply renders is model output; the reply's own footer buttons are the app's.
  const inReply = (element: Element) => element.closest('.reply-body') !== null;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      // No filter on the target: a new reply arrives as one subtree added outside any reply.
      const target = mutation.target;
      if (mutation.type === 'attributes' && target instanceof Element && inReply(target)) {
        check(target);
      }
      for (const node of Array.from(mutation.addedNodes)) {
        if (!(node instanceof Element)) continue;
        [node, ...Array.from(node.querySelectorAll('*'))].filter(inReply).forEach(check);
      }
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true });
}

const app = useApp({ scope: 'all' });

beforeAll(async () => {
  app.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await app.page.evaluate(watchReplies);
  // The watcher must see what it is there to catch: plant an unsafe link in a fake reply, then
  // clear the record.
  const planted = await app.page.evaluate(async () => {
    const record = (window as unknown as { __violations: string[] }).__violations;
    const reply = document.createElement('div');
    reply.className = 'reply';
    reply.innerHTML =
      '<div class="reply-body"><a href="javascript:void 0" onclick="void 0">x</a></div>';
    document.body.append(reply);
    await new Promise((resolve) => setTimeout(resolve, 0));
    reply.remove();
    return record.splice(0);
  });
  expect(planted).toEqual(['a[href=javascript:void 0]', 'a[onclick]']);
  // The CSP refused the planted handler too, and said so on the console: that report, and no
  // other, is taken out of the record, so one from the corpus below still fails the test.
  await vi.waitFor(() => expect(app.errors.page).toHaveLength(1));
  expect(app.takeErrors()).toEqual({
    main: [],
    page: [expect.stringMatching(/^console\.error: Executing inline event handler violates/)],
  });
});

/** The newest reply: the transcript keeps the last turn mounted (older ones are virtualized). */
const lastReply = () => app.page.locator('article.reply').last();

describe('hostile model output', () => {
  it(`streams ${xssPayloads.length} XSS payloads and none runs, renders or navigates`, async () => {
    const pageUrl = app.page.url();
    const batches: string[][] = [];
    for (let i = 0; i < xssPayloads.length; i += perReply) {
      batches.push(xssPayloads.slice(i, i + perReply));
    }
    let clickable = 0;
    let inert = 0;
    let links = 0;
    for (const [index, batch] of batches.entries()) {
      // Alternate framings: whole, and randomly cut at a token rate, so payloads also pass
      // through the healer half-written.
      const streamed = index % 2 === 0;
      app.mock.enqueue({
        type: 'reply',
        text: batch.join('\n\n'),
        ...(streamed ? { split: 'random' as const, tokensPerSecond: 3_000 } : {}),
      });
      await app.send(`payload batch ${index + 1}`);
      await expect
        .poll(() => app.page.locator('.user-message-text').last().textContent())
        .toContain(`payload batch ${index + 1}`);
      await expect
        .poll(() => lastReply().getAttribute('aria-busy'), { timeout: 15_000 })
        .toBe('false');
      // Each reply is checked while it is on screen (older turns leave the DOM as the
      // transcript virtualizes): click what looks clickable — inert link text, real links,
      // image placeholders.
      const targets = lastReply().locator(
        '[data-testid="reply-text"] :is(.md-link-inert, a, button.md-image)',
      );
      const count = await targets.count();
      for (let i = 0; i < count; i++) {
        await targets.nth(i).click({ timeout: 2_000 });
      }
      clickable += count;
      // Every bad destination renders its words as text, never as a link.
      links += await lastReply().locator('.reply-body a', { hasText: 'click me' }).count();
      inert += await lastReply()
        .locator('.reply-body .md-link-inert', { hasText: 'click me' })
        .count();
    }

    // The clicks have landed: every link the page asked main to open has its answer. (Nothing
    // deferred can fire later: the watcher saw every element that ever entered a reply, and
    // anything that could carry one — img, meta, an on* attribute — is a violation below.)
    const linkCalls = (direction: 'invoke' | 'result') =>
      app.ipcLog.filter((entry) => entry.direction === direction && entry.channel === 'links:open')
        .length;
    await expect.poll(() => linkCalls('result')).toBe(linkCalls('invoke'));

    expect(links).toBe(0);
    // (A few destinations are not links to markdown at all and stay literal text.)
    expect(inert).toBeGreaterThan(40);

    const pwned = await app.page.evaluate(
      () => (window as unknown as { __pwned?: unknown }).__pwned,
    );
    const violations = await app.page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    // A last sweep of the final DOM, in case an observer callback was missed.
    await app.page.evaluate(() =>
      document.querySelectorAll('.reply-body *').forEach((element) => {
        const observer = window as unknown as { __violations: string[] };
        if (/^(script|iframe|object|embed|style|form|input|img)$/i.test(element.localName)) {
          observer.__violations.push(`final <${element.localName}>`);
        }
      }),
    );
    const finalViolations = await app.page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    const asked = app.ipcLog
      .filter((entry) => entry.direction === 'invoke' && entry.channel === 'links:open')
      .map((entry) => (entry.payload as { url: string }).url);

    console.log(
      `XSS corpus: ${xssPayloads.length} payloads in ${batches.length} replies, ` +
        `${clickable} clicks, ${asked.length} links opened, ${dialogs.length} dialogs, ` +
        `${finalViolations.length} unsafe nodes, canary ${pwned === undefined ? 'untouched' : 'SET'}`,
    );
    expect(pwned).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    expect(finalViolations).toEqual([]);
    expect(asked.every((url) => allowedScheme.test(url))).toBe(true);
    expect(app.openedLinks.every((url) => allowedScheme.test(url))).toBe(true);
    expect(app.page.url()).toBe(pageUrl);
  }, 180_000);
});
