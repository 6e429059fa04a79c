/**
 * The screens Parley's pictures show, and the one way to drive the app to each of them. Used by
 * `scripts/screenshot.ts` (writes docs/screenshots/) and by test/e2e/visual.test.ts (compares
 * with them), so the baseline and the check can never drift apart. A plain module, no
 * test-runner globals.
 *
 * Everything in a picture must be the same on every run on this machine: mock replies with
 * fixed text and token counts, no stream still moving (a streaming reply is held mid-way by the
 * mock), code highlighting finished, reduced motion (no caret blink, no pulsing), no tooltip, and
 * anything that shows a measured time (durations, elapsed seconds) masked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchApp, type LaunchedApp } from '../harness';
import { startMockLlm, type MockLlm } from '../mock-llm';
import { fixtureScript } from '../main/mcp/everything-server';

/** The screens, in the order the pictures are taken. */
export const stateNames = [
  'onboarding',
  'empty',
  'streaming',
  'rich-reply',
  'tool-call',
  'attachment',
  'error',
  'settings',
  'search',
] as const;

/** One screen of the set. */
export type StateName = (typeof stateNames)[number];

/** Both colour schemes (`prefers-color-scheme`; the app's theme setting is left at "system"). */
export const themes = ['light', 'dark'] as const;
/** A colour scheme. */
export type Theme = (typeof themes)[number];

/** Window widths in CSS px: a desktop window, and one narrow enough for the overlay sidebar. */
export const widths = [1280, 600] as const;
/** A window width in CSS px. */
export type Width = (typeof widths)[number];

/** Every picture has this height (CSS px, device scale factor 1). */
export const viewportHeight = 800;

/** Where the committed pictures live. */
export const screenshotDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The file of one picture: docs/screenshots/<state>-<theme>-<width>.png. */
export function screenshotPath(state: StateName, theme: Theme, width: Width): string {
  return join(screenshotDir, `${state}-${theme}-${width}.png`);
}

/**
 * Elements whose text changes from run to run — a measured time (a tool's "done in 12 ms",
 * "Waiting… 3 s", a usage line's seconds and tokens per second) or a local server's port (marked
 * data-volatile by `capture`): painted over with a flat box, so the picture stays the same. Add
 * the selector of any new element that shows a clock or a duration.
 */
export const volatileSelectors: readonly string[] = ['[data-volatile]', '.reply-timing'];

/**
 * Mark (data-volatile, so they are masked) the fields and texts that show a local server's
 * address: the mock LLM listens on a port the OS picks, which Settings shows in its Base URL.
 */
async function markLocalAddresses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const address = /127\.0\.0\.1:\d+/;
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input, textarea',
    )) {
      if (address.test(field.value)) field.setAttribute('data-volatile', '');
    }
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (address.test(node.textContent ?? ''))
        node.parentElement?.setAttribute('data-volatile', '');
    }
  });
}

/** CSS put in the page only while a picture is taken: no tooltips, no text cursor. */
const pictureStyle = `
  [data-radix-popper-content-wrapper]:has(> .ui-tooltip), .ui-tooltip { display: none !important; }
  * { caret-color: transparent !important; }
`;

/** The reply of the "rich reply" screen: a paragraph, a list, code and a table. */
export const richReply = [
  'Server-Sent Events keep **one HTTP response open** and write events into it as they happen.',
  'Each event is a few `field: value` lines and a blank line:',
  '',
  '```ts',
  'const response = await fetch(url, { method: "POST", body });',
  'for await (const event of parseSse(response.body)) {',
  '  render(event.delta.text); // paint at most once a frame',
  '}',
  '```',
  '',
  '| step | where |',
  '| --- | --- |',
  '| decode the stream | main process |',
  '| paint at most once a frame | renderer |',
  '',
  '1. The request goes out once.',
  '2. Deltas arrive as they are written.',
  '3. **Stop** closes the connection at once.',
].join('\n');

/** The reply of the "streaming" screen; the mock holds it after `streamingHeldAt` characters. */
export const streamingReply =
  'Rayleigh scattering explains it. Sunlight holds every colour, and the air scatters short ' +
  'wavelengths, blue and violet, far more than long ones. Our eyes are more sensitive to blue, ' +
  'so the whole sky glows blue while the sun itself looks a little yellow. At sunset the light ' +
  'crosses much more air, and the blue is scattered away before it reaches you.';

/** Characters of `streamingReply` sent before the mock stalls (ends on a word). */
export const streamingHeldAt = 180;

/** What a state's driver gets: the running app and mock, and a temp folder for files. */
interface DriveContext {
  app: LaunchedApp;
  page: Page;
  mock: MockLlm;
  files: string;
}

/** Type into the composer and send, as a user does. */
async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** Wait until a finished reply's actions are there (the stream has ended and was painted). */
async function replyFinished(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Copy', exact: true }).last().waitFor();
}

/** Wait until every code block has its highlighting (it runs off the critical path). */
async function highlightingDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('pre.md-code-pre')].every(
        (pre) => pre.getAttribute('data-highlighted') === 'true',
      ),
    undefined,
    { timeout: 15_000 },
  );
}

/** The launch options of a state: the Anthropic provider at the mock, unless it needs none. */
function environment(state: StateName, mock: MockLlm): Record<string, string> {
  if (state === 'onboarding') return {};
  return { ANTHROPIC_API_KEY: 'sk-ant-visual-key', ANTHROPIC_BASE_URL: mock.url };
}

/** How to reach each screen from a fresh start. */
const drivers: Record<StateName, (context: DriveContext) => Promise<void>> = {
  async onboarding({ page }) {
    await page.getByRole('dialog', { name: 'Welcome to Parley' }).waitFor();
  },

  async empty({ page }) {
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
  },

  async streaming({ page, mock }) {
    mock.enqueue({
      type: 'reply',
      text: streamingReply,
      after: 'stall',
      afterChars: streamingHeldAt,
      usage: { input: 12, output: 60 },
    });
    await send(page, 'Why is the sky blue?');
    const shown = streamingReply.slice(0, streamingHeldAt).trim().split(' ').slice(-3).join(' ');
    await page.getByTestId('reply-text').getByText(shown, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
  },

  async 'rich-reply'({ page, mock }) {
    mock.enqueue({
      type: 'reply',
      text: richReply,
      reasoning: 'The user wants a short, concrete explanation of SSE framing.',
      usage: { input: 18, output: 196 },
    });
    await send(page, 'How do streaming replies work?');
    await replyFinished(page);
    await highlightingDone(page);
  },

  async 'tool-call'({ app, page, mock }) {
    const saved = await app.services.tools.saveServer({
      name: 'files',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args: [fixtureScript, 'normal'],
      env: {},
      headers: {},
    });
    await app.services.tools.connectServer(saved.id);
    // MCP servers write to stderr by design; main logs it, which is not a failure here.
    app.errors.main.length = 0;
    mock.enqueue(
      {
        type: 'reply',
        text: 'I will ask the files server to echo it back. ',
        toolCalls: [{ name: 'files__echo', arguments: '{"text": "hello from Parley"}' }],
        usage: { input: 40, output: 22 },
      },
      { type: 'reply', text: 'The server echoed **hello from Parley**.' },
    );
    await send(page, 'Echo "hello from Parley" with the files tool.');
    await page
      .getByRole('group', { name: /echo/ })
      .getByRole('button', { name: 'Allow once' })
      .waitFor();
  },

  async attachment({ app, page, mock, files }) {
    const image = join(files, 'harbour.png');
    await writeFile(image, await picture());
    const notes = join(files, 'notes.txt');
    await writeFile(notes, 'Harbour survey\n\n- 12 boats\n- 3 cranes\n');
    app.attachQueue.push([image, notes]);
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.getByRole('button', { name: 'Remove harbour.png' }).waitFor();
    await page.getByRole('button', { name: 'Remove notes.txt' }).waitFor();
    mock.enqueue({
      type: 'reply',
      text: 'The picture shows a calm blue gradient; your notes count **12 boats** and **3 cranes**.',
      usage: { input: 320, output: 24 },
    });
    await send(page, 'What do the picture and my notes show?');
    await replyFinished(page);
    await page.getByRole('button', { name: 'View harbour.png' }).waitFor();
    // The thumbnail is decoded before the picture.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
    );
  },

  async error({ page, mock }) {
    mock.enqueue({ type: 'http-error', status: 401 });
    await send(page, 'Summarise the meeting notes.');
    await page.getByRole('alert').or(page.locator('.reply-error')).first().waitFor();
  },

  // Continues from the empty screen (see `chains`).
  async settings({ page }) {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
  },

  // Continues from the rich reply (see `chains`): its words are what the search finds.
  async search({ page }) {
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search' }).fill('frame');
    await page.getByRole('option').first().waitFor();
    // The search has finished (its status line counts the hits), not only begun to show them.
    await page
      .getByRole('status')
      .getByText(/^\d+ results?$/)
      .waitFor();
  },
};

/** A small deterministic picture for the attachment screen: a sky over a sea, 320 × 200. */
async function picture(): Promise<Buffer> {
  const sea = await sharp({
    create: { width: 320, height: 80, channels: 3, background: { r: 22, g: 78, b: 140 } },
  })
    .png()
    .toBuffer();
  return sharp({
    create: { width: 320, height: 200, channels: 3, background: { r: 150, g: 200, b: 240 } },
  })
    .composite([{ input: sea, top: 120, left: 0 }])
    .png()
    .toBuffer();
}

/**
 * The states in launch order: each list is one app launch, its states reached one after the
 * other (Settings opens over the empty screen, search looks through the rich reply), so the
 * set costs seven launches, not nine. A state's picture depends on the states before it in its
 * list, so a list is always run whole.
 */
export const chains: ReadonlyArray<readonly StateName[]> = [
  ['onboarding'],
  ['empty', 'settings'],
  ['streaming'],
  ['rich-reply', 'search'],
  ['tool-call'],
  ['attachment'],
  ['error'],
];

/** A launched app that a chain's states are driven through. */
export interface StateSession {
  readonly app: LaunchedApp;
  readonly page: Page;
  /** Drive the app to the next state of the chain. */
  reach(state: StateName): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start a mock LLM and the app for a chain (at the first width, light theme, reduced motion);
 * `reach` then drives it to each state, erroring (Playwright's timeout) if a screen does not
 * appear.
 */
export async function startSession(chain: readonly StateName[]): Promise<StateSession> {
  const mock = await startMockLlm();
  const files = await mkdtemp(join(tmpdir(), 'parley-visual-'));
  const app = await launchApp({ env: environment(chain[0] ?? 'empty', mock) });
  const { page } = app;
  const close = async () => {
    await app.close();
    await mock.close();
    await rm(files, { recursive: true, force: true });
  };
  try {
    await arrange(page, themes[0], widths[0]);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    app,
    page,
    close,
    async reach(state) {
      // Each state is driven at the first width, where the sidebar and header show in full.
      await arrange(page, themes[0], widths[0]);
      await drivers[state]({ app, page, mock, files });
    },
  };
}

/** Show the open state in this theme and width (no relaunch: media emulation and a resize). */
export async function arrange(page: Page, theme: Theme, width: Width): Promise<void> {
  await page.setViewportSize({ width, height: viewportHeight });
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
}

/** One frame has been painted since now (layout and styles of a change have settled). */
async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/** A picture of the page as it is, with the picture-only style and the volatile parts masked. */
function shoot(page: Page, mask: Locator[]): Promise<Buffer> {
  return page.screenshot({
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    style: pictureStyle,
    mask,
    maskColor: '#888888',
  });
}

/**
 * The PNG of the page once it stops changing: pictures are taken a frame apart until two in a
 * row are the same (a resize can scroll the transcript a frame later), at most `tries` times.
 * With `tries` 1, the first picture after a frame (the visual test takes that, and tries again
 * only when it does not match).
 */
export async function capture(page: Page, tries = 6): Promise<Buffer> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await markLocalAddresses(page);
  // No pointer over a control (its hover look would depend on where the last click was).
  await page.mouse.move(0, viewportHeight - 1);
  const mask = volatileSelectors.map((selector) => page.locator(selector));
  await nextFrame(page);
  let previous = await shoot(page, mask);
  for (let attempt = 1; attempt < tries; attempt++) {
    await nextFrame(page);
    const next = await shoot(page, mask);
    if (next.equals(previous)) return next;
    previous = next;
  }
  return previous;
}
