import type { ComponentProps } from 'react';
import type * as ReactMarkdown from 'react-markdown';
import { describe, expect, it, vi } from 'vitest';
import type { ToolCallEvent } from '../../../preload/api';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage } from '../support/render-app';

// Count every parse react-markdown does, by the source it was given.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('react-markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof ReactMarkdown>();
  return {
    ...actual,
    default: (props: ComponentProps<typeof actual.default>) => {
      parsed.push(String(props.children));
      return actual.default(props);
    },
  };
});

const before = 'Text **before** the call.';

const callEvent = (seq: number): ToolCallEvent => ({
  type: 'tool-call',
  streamId: 'stream-reply-1',
  seq,
  call: {
    id: 'call-1',
    name: 'everything__add',
    serverId: 'server-1',
    serverName: 'everything',
    tool: 'add',
    step: 1,
    textOffset: before.length,
    arguments: '{}',
    status: 'done',
    durationMs: 3,
  },
});

describe('a reply with a tool call', () => {
  it('does not parse the text before the call again while the text after it streams', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(events.delta('stream-reply-1', 1, before), callEvent(2));
    app.stream(events.delta('stream-reply-1', 3, 'After'));
    const settled = parsed.filter((source) => source === before).length;
    for (let seq = 4; seq < 14; seq++) app.stream(events.delta('stream-reply-1', seq, ' more'));
    expect(parsed.filter((source) => source === before)).toHaveLength(settled);
    expect(parsed.filter((source) => source.startsWith('After')).length).toBeGreaterThanOrEqual(11);
  });
});
