/**
 * A main process to kill. Run with tsx: crash-child.ts <db> <mock url> [text|tools].
 * - `text` (default): starts a reply from the mock server and reports on stdout how much text it
 *   has received, until the test SIGKILLs it.
 * - `tools`: adds the fixture MCP server (test/main/mcp/fixtures/fixture-server.mjs), approves
 *   every call the model asks for ("Allow once", as a user would on the card), and reports each
 *   call's state on stdout, so the test can kill it while a tool runs.
 */
import type { ChatEvent } from '../../../preload/api';
import { createServices } from '../../../main/services';
import { headlessPlatform } from '../../harness/headless-platform';
import { fixtureScript } from '../mcp/everything-server';

const [databasePath = '', mockUrl = '', mode = 'text'] = process.argv.slice(2);
const services = createServices(
  headlessPlatform({
    env: { ANTHROPIC_API_KEY: 'sk-crash', ANTHROPIC_BASE_URL: mockUrl },
    databasePath,
    keyDir: databasePath,
  }),
);
const report = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (mode === 'tools') {
  const saved = await services.tools.saveServer({
    name: 'fixture',
    enabled: true,
    transport: 'stdio',
    command: process.execPath,
    args: [fixtureScript, 'normal'],
    env: {},
    headers: {},
  });
  await services.tools.connectServer(saved.id);
  await services.chat.send(
    { text: 'Echo, then run the slow tool' },
    {
      id: 1,
      isDestroyed: () => false,
      send(_channel, payload) {
        const event = payload as ChatEvent;
        if (event.type !== 'tool-call') return;
        const { call } = event;
        // Each state is saved before a window hears of it (reply-recorder.ts), so once `slow`
        // reports running, the database holds it running.
        report({ tool: call.tool, status: call.status });
        // The broker waits for the answer only once the card went out: answer after this event.
        if (call.status === 'awaiting-approval') {
          setImmediate(() =>
            services.tools.decide({
              streamId: event.streamId,
              callId: call.id,
              decision: 'allow-once',
              arguments: call.arguments,
            }),
          );
        }
      },
    },
  );
} else {
  let received = 0;
  await services.chat.send(
    { text: 'Write a long answer' },
    {
      id: 1,
      isDestroyed: () => false,
      send(_channel, payload) {
        const event = payload as { type: string; text?: string };
        if (event.type === 'delta') received += event.text?.length ?? 0;
        report({ at: Date.now(), received });
      },
    },
  );
}
