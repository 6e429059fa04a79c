/**
 * The bench's tool-card scenario: a reply that makes 50 tool calls before it streams its final
 * text. The calls run for real (main's tool loop, the permission broker, the MCP hub, the
 * fixture MCP server over stdio), so the cards the page holds while the text streams are the
 * ones a user would see. Method: test/bench/README.md ("Tool cards").
 */
import type { LaunchedApp } from '../harness';
import type { ReplyScenario } from '../mock-llm';
import { fixtureScript } from '../main/mcp/everything-server';

/** Tool cards in the reply when its final text starts. */
export const toolCardCount = 50;
/** Steps that call tools (parallel calls each): `toolCardCount` cards over this many requests. */
const toolSteps = 5;

/**
 * Add the fixture MCP server (read-only `echo`) and let read-only tools run without asking, with
 * room for every step. Returns the undo: removes the server, so later scenarios are plain again.
 */
export async function addEchoServer(app: LaunchedApp): Promise<() => Promise<void>> {
  const saved = await app.services.tools.saveServer({
    name: 'fixture',
    enabled: true,
    transport: 'stdio',
    command: process.execPath,
    args: [fixtureScript, 'normal'],
    env: {},
    headers: {},
  });
  const view = await app.services.tools.connectServer(saved.id);
  if (view.status.state !== 'connected') {
    throw new Error(`the fixture MCP server did not connect: ${JSON.stringify(view.status)}`);
  }
  const before = app.services.tools.state().preferences;
  app.services.tools.setPreferences({ autoAllowReadOnly: true, stepLimit: toolSteps + 1 });
  return async () => {
    app.services.tools.setPreferences(before);
    await app.services.tools.removeServer(saved.id);
  };
}

/**
 * The mock's scripts for the steps before the final text: each writes a sentence and asks for
 * `toolCardCount / toolSteps` echo calls at once (Anthropic `tool_use` blocks).
 */
export function toolStepScenarios(): ReplyScenario[] {
  const perStep = toolCardCount / toolSteps;
  return Array.from({ length: toolSteps }, (_, step) => ({
    type: 'reply' as const,
    text: `Checking group ${step + 1} of ${toolSteps}. `,
    toolCalls: Array.from({ length: perStep }, (_, index) => ({
      name: 'fixture__echo',
      arguments: JSON.stringify({ text: `item ${step * perStep + index + 1}` }),
    })),
  }));
}
