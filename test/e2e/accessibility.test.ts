import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { arrange, chains, startSession, themes, type StateSession } from '../visual/states';
import { useApp } from './support/app-fixture';

// axe-core's own bundle; the CSP (script-src 'self') refuses script tags with inline code, so
// it is evaluated over the DevTools protocol, which the page's CSP does not govern.
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Serious and critical WCAG 2.x A/AA violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(options: object): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.help}): ${violation.nodes
          .map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
}

const app = useApp({ scope: 'manual' });

async function launch(scheme: 'light' | 'dark', hash?: string) {
  const page = await app.start({ hash });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  return page;
}

const schemes = ['light', 'dark'] as const;

describe.each(schemes)('accessibility in the %s theme', (scheme) => {
  it('main screen with a streamed reply, settings, search and the shortcuts sheet pass axe', async () => {
    const page = await launch(scheme);
    // The empty conversation's welcome first: mark, model and example prompts.
    await page.getByRole('button', { name: /Python function/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    app.mock.enqueue({
      type: 'reply',
      text: 'Here is **bold**, `code` and a [link](https://example.com).\n\n- one\n- two',
      tokensPerSecond: 400,
    });
    await app.send('Hello');
    await page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The model switcher open: a combobox and its grouped listbox, worked by keyboard.
    await page.getByRole('button', { name: /^Answer with / }).click();
    const search = page.getByRole('combobox', { name: 'Search models' });
    await search.waitFor();
    await search.press('ArrowDown');
    expect(await seriousViolations(page)).toEqual([]);
    await search.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.keyboard.press('Control+K');
    await page.getByRole('dialog').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.keyboard.press('Control+/');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the quick-ask window passes axe', async () => {
    const page = await launch(scheme, 'quick-ask');
    app.mock.enqueue({ type: 'reply', text: 'Four.', tokensPerSecond: 400 });
    await app.send('What is 2+2?', 'Ask Parley');
    await page
      .getByRole('button', { name: 'Continue in Parley' })
      .and(page.locator(':enabled'))
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('every screen of the screenshot set, in both themes', () => {
  let session: StateSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it.each(chains.map((chain) => [chain.join(', then '), chain] as const))(
    '%s pass axe',
    async (_name, chain) => {
      session = await startSession(chain);
      const failures: Record<string, string[]> = {};
      for (const state of chain) {
        await session.reach(state);
        for (const theme of themes) {
          await arrange(session.page, theme, 1280);
          const found = await seriousViolations(session.page);
          if (found.length > 0) failures[`${state} (${theme})`] = found;
        }
      }
      expect(failures).toEqual({});
    },
  );

  it('the narrow window with the sidebar open over the conversation passes axe', async () => {
    session = await startSession(['empty']);
    await session.reach('empty');
    const { page } = session;
    for (const theme of themes) {
      await arrange(page, theme, 600);
      await page.getByRole('button', { name: 'Show conversations' }).click();
      await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('navigation', { name: 'Conversations' }).waitFor({ state: 'detached' });
    }
  });
});

describe('screen readers', () => {
  it('hear a finished reply once, not token by token', async () => {
    const page = await launch('light');
    // Long enough (~3 s) that a loaded machine still sees it mid-stream after "two".
    const words = 'one two three four five six seven eight nine ten eleven twelve';
    app.mock.enqueue({ type: 'reply', text: words, tokensPerSecond: 20 });
    await app.send('Count');
    const region = page.getByTestId('reply-announcer');
    await expect.poll(() => page.getByTestId('reply-text').last().textContent()).toContain('two');
    expect(await region.textContent()).toBe('');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toBe(words);
  });
});
