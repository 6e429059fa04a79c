/**
 * Tool-loop figure for `npm run bench`: Parley's own time from a tool's result to the model's
 * next request — recording the result, building the next step's history and starting the
 * request — measured in main's real `Generation` with a provider and a tool source that answer
 * at once (no network, no MCP server: their time is not Parley's). Measured at every step of a
 * 20-step reply after a 200-message conversation, so the history it rebuilds is realistic.
 * Run alone with `npx tsx test/bench/tool-loop-bench.ts`.
 */
import { cpus } from 'node:os';
import { Generation } from '../../main/chat/generation';
import type {
  Provider,
  ProviderEvent,
  ProviderMessage,
  ProviderRequest,
} from '../../main/providers/types';
import { PermissionBroker } from '../../main/tools/permission-broker';
import type { AvailableTool } from '../../main/tools/tool-source';
import type { ToolResult } from '../../preload/api';
import { printReport } from './report';

const steps = 20;
const replies = 30;
const targetMs = 5;

const tool: AvailableTool = {
  serverId: 'bench',
  serverName: 'bench',
  name: 'echo',
  description: 'Echoes its input',
  inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
  readOnly: true,
  destructive: false,
};

const result: ToolResult = {
  content: [{ type: 'text', text: 'echo: '.padEnd(2_000, 'x') }],
  isError: false,
};

/** A provider that asks for a tool call at every step but the last, answering at once. */
class ToolAskingProvider implements Provider {
  requestStartedAt: number[] = [];
  private step = 0;

  async *stream(request: ProviderRequest): AsyncIterable<ProviderEvent> {
    this.requestStartedAt.push(performance.now());
    this.step += 1;
    void request;
    yield { type: 'text', text: `Step ${this.step}: calling echo. ` };
    if (this.step >= steps) {
      yield { type: 'stop', reason: 'end' };
      return;
    }
    yield { type: 'tool-call-start', index: 0, id: `call_${this.step}`, name: 'bench__echo' };
    yield { type: 'tool-call-delta', index: 0, fragment: `{"message":"step ${this.step}"}` };
    yield { type: 'tool-call-end', index: 0 };
    yield { type: 'stop', reason: 'tool_use' };
  }
}

function earlierConversation(): ProviderMessage[] {
  const messages: ProviderMessage[] = [];
  for (let i = 0; i < 100; i += 1) {
    messages.push({ role: 'user', content: `Question ${i}: `.padEnd(400, 'q') });
    messages.push({ role: 'assistant', content: `Answer ${i}: `.padEnd(1_500, 'a') });
  }
  messages.push({ role: 'user', content: 'Use the tool twenty times.' });
  return messages;
}

/** One reply of `steps` steps; returns result-to-next-request times in ms. */
async function oneReply(): Promise<number[]> {
  const provider = new ToolAskingProvider();
  const answeredAt: number[] = [];
  const broker = new PermissionBroker({
    rules: () => [],
    saveRules: () => {},
    autoAllowReadOnly: () => true,
  });
  const generation = new Generation({
    streamId: 'bench',
    provider,
    request: { model: 'bench', messages: earlierConversation() },
    emit: () => {},
    frameMs: 16,
    tools: {
      load: async () => ({
        definitions: [
          { name: 'bench__echo', description: tool.description, inputSchema: tool.inputSchema },
        ],
        resolve: (name) => (name === 'bench__echo' ? tool : undefined),
        notices: [],
      }),
      source: {
        callTool: async () => {
          answeredAt.push(performance.now());
          return result;
        },
      },
      broker,
      conversationId: 'bench',
      stepLimit: steps + 1,
    },
  });
  await generation.finished;
  return answeredAt.map((at, index) => (provider.requestStartedAt[index + 1] ?? at) - at);
}

async function main(): Promise<void> {
  const started = performance.now();
  await oneReply(); // warm-up: JIT, module loading
  const times: number[] = [];
  for (let i = 0; i < replies; i += 1) times.push(...(await oneReply()));
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const p95 = at(0.95);
  printReport({
    title: 'Parley tool-loop benchmark',
    method: [
      `method: main’s Generation, ${times.length} tool results (${replies} replies × ${steps - 1} calls,`,
      '  after 200 earlier messages), provider and tool source answering at once, so every',
      '  millisecond is Parley’s own. Details: test/bench/README.md.',
    ],
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`,
    rows: [
      {
        figure: 'tool result → next model request, Parley’s own time (p95)',
        value: `${p95.toFixed(2)} ms (p50 ${at(0.5).toFixed(2)}, max ${at(1).toFixed(2)})`,
        target: `≤ ${targetMs} ms`,
        pass: p95 <= targetMs,
      },
    ],
    info: [],
    seconds: (performance.now() - started) / 1000,
  });
}

await main();
