/**
 * Takes the README screenshot: the real renderer build in the browser harness, a reply streamed
 * from the mock LLM server. Run with `npx tsx scripts/screenshot.ts` after `npx vite build`.
 */
import { fileURLToPath } from 'node:url';
import { launchApp } from '../test/harness';
import { startMockLlm } from '../test/mock-llm';

const reply = [
  'Server-Sent Events keep **one HTTP response open** and write events into it as they happen.',
  'Each event is a few `field: value` lines and a blank line:',
  '',
  '```text',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","delta":{"text":"Hello"}}',
  '```',
  '',
  '| step | where |',
  '| --- | --- |',
  '| decode the stream | main process |',
  '| paint at most once a frame | renderer |',
  '',
  'So you watch the reply being written — and **Stop** closes the connection at once.',
].join('\n');

const mock = await startMockLlm();
mock.enqueue({ type: 'reply', text: 'Rayleigh scattering: short wavelengths scatter most.' });
mock.enqueue({
  type: 'reply',
  text: reply,
  reasoning: 'The user wants a short, concrete explanation of SSE framing.',
  tokensPerSecond: 400,
  usage: { input: 18, output: 96 },
});
const app = await launchApp({
  env: { ANTHROPIC_API_KEY: 'sk-demo', ANTHROPIC_BASE_URL: mock.url },
});
const composer = app.page.getByRole('textbox', { name: 'Message' });
await composer.fill('Why is the sky blue?');
await composer.press('Enter');
// Within the reply: the aria-live announcer repeats the reply's text for screen readers, so a
// page-wide getByText would match twice and Playwright's strict mode would refuse it.
await app.page
  .getByTestId('reply-text')
  .getByText('Rayleigh scattering')
  .waitFor({ timeout: 15_000 });
await app.page.getByRole('button', { name: 'New conversation' }).click();
await composer.fill('How do streaming replies work?');
await composer.press('Enter');
await app.page.getByText('18 in').waitFor({ timeout: 15_000 });
// Let code highlighting (off the critical path) finish before the picture.
await app.page.waitForTimeout(1_000);
const file = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
await app.page.screenshot({ path: file });
await app.close();
await mock.close();
console.log(`saved ${file}`);
