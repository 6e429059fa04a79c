/**
 * The day-of-use soak (issue 15): the whole app in the browser harness (main's services in this
 * Node process, the production renderer in Chromium, the mock LLM over HTTP) driven as a user
 * spends a day with it — 2,000 generations across 50 conversations, switching between them in
 * the sidebar, searching (Ctrl+K) and opening Settings now and then. Every 200 generations, once
 * things are idle: the renderer's JS heap after a full GC (CDP), main's heap after a full GC
 * (this process runs main) and main's open handles (`process.getActiveResourcesInfo()`). Each
 * series is printed, with its growth from the first sample (after the first 200 generations) to
 * the last; the target is flat, ≤ 10 %. Exits 1 when a series grows more, or a reply goes wrong.
 *
 * `PARLEY_SOAK_GENERATIONS` (default 2,000) and `PARLEY_SOAK_SAMPLE_EVERY` (default 200) scale it
 * for a quick try. Needs the renderer built (`npx vite build`; `npm run soak` builds it).
 * Run alone with `npx tsx test/soak/day-of-use.ts`; `npm run soak` runs it after the main soak.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Main's heap is only comparable after a full GC: re-launch with it exposed (tsx stays the loader).
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const { launchApp } = await import('../harness');
const { startMockLlm } = await import('../mock-llm');
const { fullGc } = await import('./probes');

const generations = Number(process.env.PARLEY_SOAK_GENERATIONS ?? 2_000);
const sampleEvery = Number(process.env.PARLEY_SOAK_SAMPLE_EVERY ?? 200);
const conversations = 50;
/** Generations in one conversation before the user switches to another. */
const stayFor = 4;
/** Node's fetch keeps idle sockets ~4 s; samples wait them out so they compare like for like. */
const settleMs = 5_000;

let seed = 0x0da7;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 4_294_967_296;
};
const words =
  'river cloud token stream parser window socket thread render matrix garden violin'.split(' ');
const prose = (length: number) =>
  Array.from({ length: Math.ceil(length / 6) }, () => words[Math.floor(random() * words.length)])
    .join(' ')
    .slice(0, length);
/** A reply like a model's: paragraphs, a list, now and then a code block; ends with its tag. */
const replyText = (index: number) =>
  [
    prose(300 + Math.floor(random() * 900)),
    `- ${prose(80)}\n- ${prose(80)}`,
    index % 3 === 0 ? `\`\`\`ts\nconst value${index} = ${index};\n\`\`\`` : prose(200),
    `[end ${index}]`,
  ].join('\n\n');

interface Sample {
  generations: number;
  rendererMb: number;
  mainMb: number;
  handles: number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stderr.write(`day-of-use: ${line}\n`);

const mock = await startMockLlm();
const app = await launchApp({
  env: { ANTHROPIC_API_KEY: 'sk-ant-soak-key', ANTHROPIC_BASE_URL: mock.url },
});
const { page } = app;
const cdp = await page.context().newCDPSession(page);
const samples: Sample[] = [];
const problems: string[] = [];
const counts = { switches: 0, searches: 0, settings: 0 };
const started = performance.now();

/** Wait until the page shows reply `index` whole (its last words) and main is idle again. */
async function replyShown(index: number) {
  await page.waitForFunction(
    (tag) => {
      const replies = document.querySelectorAll('[data-testid="reply-text"]');
      return replies[replies.length - 1]?.textContent?.includes(tag) ?? false;
    },
    `[end ${index}]`,
    { timeout: 30_000, polling: 50 },
  );
  for (const end = Date.now() + 30_000; app.services.chat.activeCount > 0;) {
    if (Date.now() > end) throw new Error(`generation ${index} never ended`);
    await delay(10);
  }
}

async function sample(done: number): Promise<void> {
  await delay(settleMs);
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const renderer = await cdp.send('Runtime.getHeapUsage');
  await fullGc();
  const reading: Sample = {
    generations: done,
    rendererMb: renderer.usedSize / 1e6,
    mainMb: process.memoryUsage().heapUsed / 1e6,
    handles: process.getActiveResourcesInfo().length,
  };
  samples.push(reading);
  say(
    `${done} generations: renderer ${reading.rendererMb.toFixed(1)} MB, main ${reading.mainMb.toFixed(1)} MB, ${reading.handles} handles (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

try {
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  const composer = page.getByRole('textbox', { name: 'Message' });
  let opened = 0;
  for (let index = 0; index < generations; index++) {
    // The conversation this generation starts (its first message names it), or null.
    let starts: number | null = null;
    if (index % stayFor === 0) {
      // The first 50 switches start the 50 conversations; later ones open one in the sidebar.
      if (opened < conversations) {
        await page.getByRole('button', { name: 'New conversation' }).click();
        starts = opened++;
      } else {
        const thread = Math.floor(random() * conversations);
        await page
          .getByRole('button', { name: new RegExp(`^Thread ${thread}:`) })
          .first()
          .click();
        counts.switches++;
      }
    }
    if (index % 25 === 12) {
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill(words[index % words.length] ?? 'river');
      await dialog
        .getByRole('status')
        .filter({ hasText: /result/ })
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      counts.searches++;
    }
    if (index % 50 === 37) {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      counts.settings++;
    }
    mock.enqueue({ type: 'reply', text: replyText(index), tokensPerSecond: 4_000 });
    await composer.fill(
      starts === null
        ? `Message ${index}: ${prose(40 + Math.floor(random() * 160))}`
        : `Thread ${starts}: ${prose(60)}`,
    );
    await composer.press('Enter');
    await replyShown(index);
    if (process.env.PARLEY_SOAK_VERBOSE === '1') say(`generation ${index + 1}`);
    // The harness keeps every IPC message and the mock every request: not main's memory.
    app.ipcLog.length = 0;
    mock.requests.splice(0);
    if ((index + 1) % sampleEvery === 0) await sample(index + 1);
  }
} catch (error) {
  problems.push(`stopped: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  problems.push(...app.errors.main.map((line) => `main: ${line}`));
  problems.push(...app.errors.page.map((line) => `page: ${line}`));
  await cdp.detach().catch(() => undefined);
  await app.close();
  await mock.close();
}

// ───────────── report ─────────────

const series: Array<[string, (reading: Sample) => number, string]> = [
  ['renderer JS heap after GC', (reading) => reading.rendererMb, 'MB'],
  ['main heap after GC', (reading) => reading.mainMb, 'MB'],
  ['main open handles', (reading) => reading.handles, ''],
];
console.log(
  `\nday of use: ${samples.at(-1)?.generations ?? 0} of ${generations} generations across ${conversations} conversations, ` +
    `${counts.switches} switches in the sidebar, ${counts.searches} searches, Settings opened ${counts.settings} times; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s; a sample every ${sampleEvery} generations`,
);
let flat = samples.length >= 2;
if (samples.length < 2) problems.push('fewer than two samples: no growth to judge');
for (const [name, read, unit] of series) {
  const values = samples.map(read);
  const first = values[0] ?? Number.NaN;
  const last = values.at(-1) ?? Number.NaN;
  const growth = (last - first) / first;
  const ok = growth <= 0.1;
  flat &&= ok;
  const digits = unit === 'MB' ? 1 : 0;
  console.log(
    `${name.padEnd(28)}${values.map((value) => value.toFixed(digits)).join(' → ')}${unit ? ` ${unit}` : ''}; ` +
      `growth after the first ${sampleEvery}: ${Number.isFinite(growth) ? `${(growth * 100).toFixed(1)} %` : 'n/a'} (target ≤ 10 %) ${ok ? 'flat' : 'GROWS'}`,
  );
}
for (const line of problems.slice(0, 20)) console.log(`  ! ${line}`);
process.exit(flat && problems.length === 0 ? 0 : 1);
