/**
 * A main process to kill: it starts a reply from the mock server and reports on stdout how much
 * text it has received, until the test SIGKILLs it. Run with tsx: crash-child.ts <db> <mock url>.
 */
import { createServices } from '../../../main/services';
import { headlessPlatform } from '../../harness/headless-platform';

const [databasePath = '', mockUrl = ''] = process.argv.slice(2);
const services = createServices(
  headlessPlatform({
    env: { ANTHROPIC_API_KEY: 'sk-crash', ANTHROPIC_BASE_URL: mockUrl },
    databasePath,
    keyDir: databasePath,
  }),
);
let received = 0;
await services.chat.send(
  { text: 'Write a long answer' },
  {
    id: 1,
    isDestroyed: () => false,
    send(_channel, payload) {
      const event = payload as { type: string; text?: string };
      if (event.type === 'delta') received += event.text?.length ?? 0;
      process.stdout.write(`${JSON.stringify({ at: Date.now(), received })}\n`);
    },
  },
);
