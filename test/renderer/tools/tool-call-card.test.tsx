import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolArgumentsEvent, ToolCall, ToolCallEvent } from '../../../preload/api';
import { events, failure } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

const stream = 'stream-reply-1';

/** A call as main reports it, on the `everything` server. */
function makeCall(overrides: Partial<ToolCall> = {}): ToolCall {
  return {
    id: 'call-1',
    name: 'everything__add',
    serverId: 'server-1',
    serverName: 'everything',
    tool: 'add',
    step: 1,
    textOffset: 0,
    arguments: '{"a":1,"b":2}',
    status: 'running',
    ...overrides,
  };
}

const callEvent = (seq: number, call: ToolCall): ToolCallEvent => ({
  type: 'tool-call',
  streamId: stream,
  seq,
  call,
});

const argsEvent = (seq: number, fragment: string): ToolArgumentsEvent => ({
  type: 'tool-arguments',
  streamId: stream,
  seq,
  callId: 'call-1',
  fragment,
});

const card = () => screen.getByRole('group', { name: /^Tool call:/ });

afterEach(() => vi.useRealTimers());

describe('a tool call card', () => {
  it('sits in the text where the call began: text before, the card, text after', async () => {
    const app = await renderApp();
    await sendMessage('Add');
    app.stream(
      events.delta(stream, 1, 'Let me add them. '),
      callEvent(2, makeCall({ textOffset: 17 })),
      callEvent(3, makeCall({ textOffset: 17, status: 'done', durationMs: 120 })),
      events.delta(stream, 4, 'The sum is 3.'),
    );
    const body = screen.getByTestId('reply-text');
    const order = [...body.querySelectorAll('p, [role="group"]')].map((node) =>
      node.getAttribute('role') === 'group' ? 'card' : node.textContent,
    );
    expect(order).toEqual(['Let me add them.', 'card', 'The sum is 3.']);
  });

  it('says each status in words, in its accessible name too', async () => {
    const app = await renderApp();
    await sendMessage('Add');
    const cases: Array<[Partial<ToolCall>, string]> = [
      [{ status: 'done', durationMs: 120 }, 'Tool call: add on everything, done in 120 ms'],
      [{ status: 'done', durationMs: 3400 }, 'Tool call: add on everything, done in 3.4 s'],
      [
        { status: 'failed', error: 'The server closed.' },
        'Tool call: add on everything, failed: The server closed.',
      ],
      [{ status: 'denied' }, 'Tool call: add on everything, denied'],
      [{ status: 'stopped' }, 'Tool call: add on everything, stopped'],
      [
        { status: 'interrupted' },
        'Tool call: add on everything, interrupted: Parley closed while it was open',
      ],
      [{ status: 'awaiting-approval' }, 'Tool call: add on everything, waiting for your approval'],
    ];
    let seq = 1;
    for (const [overrides, name] of cases) {
      app.stream(callEvent(seq++, makeCall(overrides)));
      expect(card().getAttribute('aria-label')).toBe(name);
    }
  });

  it('counts a running call up in seconds from when it started', async () => {
    const app = await renderApp();
    await sendMessage('Add');
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    vi.setSystemTime(10_000);
    app.stream(callEvent(1, makeCall({ status: 'running', startedAt: 8_000 })));
    expect(card().getAttribute('aria-label')).toBe('Tool call: add on everything, running for 2 s');
    act(() => vi.advanceTimersByTime(3_000));
    expect(card().getAttribute('aria-label')).toBe('Tool call: add on everything, running for 5 s');
  });

  it('shows arguments as written while they stream, then pretty-printed once they parse', async () => {
    const app = await renderApp();
    await sendMessage('Add');
    app.stream(
      callEvent(1, makeCall({ status: 'streaming', arguments: '' })),
      argsEvent(2, '{"a":'),
    );
    const args = () => within(card()).getByLabelText('Arguments').textContent;
    expect(args()).toBe('{"a":');
    app.stream(argsEvent(3, '1,"b":2}'));
    expect(args()).toBe('{"a":1,"b":2}');
    app.stream(callEvent(4, makeCall({ status: 'running' })));
    expect(args()).toBe('{\n  "a": 1,\n  "b": 2\n}');
    app.stream(callEvent(5, makeCall({ status: 'done', arguments: '{"a": oops' })));
    expect(args()).toBe('{"a": oops');
  });

  it('keeps the result collapsed until opened, and copies its text', async () => {
    const app = await renderApp();
    await sendMessage('Add');
    app.stream(
      callEvent(
        1,
        makeCall({
          status: 'done',
          durationMs: 5,
          result: {
            content: [
              { type: 'text', text: 'The **sum** is 3' },
              { type: 'resource', uri: 'file:///tmp/sum.txt', text: 'three' },
            ],
            isError: false,
            truncated: { keptChars: 1000, totalChars: 25000 },
          },
        }),
      ),
    );
    const toggle = within(card()).getByRole('button', { name: 'Result' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(card().textContent).not.toContain('The sum is 3');
    expect(card().textContent).toContain('The model got the first 1,000 of 25,000 characters.');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(card()).getByText('sum').tagName).toBe('STRONG');
    // A file: address is shown, never a live link.
    expect(within(card()).getByText('file:///tmp/sum.txt').closest('a')).toBeNull();

    fireEvent.click(within(card()).getByRole('button', { name: 'Copy result' }));
    expect(app.fake.callsTo('clipboard:write-text')).toEqual([
      { text: 'The **sum** is 3\n\nthree' },
    ]);

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(card().textContent).not.toContain('The sum is 3');
  });

  it('renders a hostile result inert: no script, javascript: links are only words', async () => {
    const app = await renderApp();
    await sendMessage('Fetch');
    const hostile =
      '<script>window.pwned = true</script><img src=x onerror="window.pwned=true">\n\n' +
      '[click me](javascript:alert(1)) and [fine](https://example.com)';
    app.stream(
      callEvent(
        1,
        makeCall({
          status: 'done',
          result: { content: [{ type: 'text', text: hostile }], isError: true },
        }),
      ),
    );
    fireEvent.click(
      within(card()).getByRole('button', { name: 'Result (the tool reported an error)' }),
    );
    const result = card().querySelector('.tool-result') as HTMLElement;
    expect(result.className).toContain('tool-result-error');
    expect(result.querySelector('script')).toBeNull();
    expect(result.querySelector('[onerror]')).toBeNull();
    expect(within(result).getByText('click me').closest('a')).toBeNull();
    expect(within(result).getByText('fine').closest('a')?.getAttribute('href')).toBe(
      'https://example.com/',
    );
  });

  it('shows an image result as a data: URL, and refuses one that is not an image', async () => {
    const app = await renderApp();
    await sendMessage('Draw');
    app.stream(
      callEvent(
        1,
        makeCall({
          status: 'done',
          result: {
            content: [
              { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
              { type: 'image', mimeType: 'text/html', data: 'PHNjcmlwdD4=' },
            ],
            isError: false,
          },
        }),
      ),
    );
    fireEvent.click(within(card()).getByRole('button', { name: 'Result' }));
    const images = card().querySelectorAll('img');
    expect([...images].map((image) => image.getAttribute('src'))).toEqual([
      'data:image/png;base64,iVBORw0KGgo=',
    ]);
    expect(card().textContent).toContain('An image Parley cannot show.');
  });
});

describe('the approval card', () => {
  const destructiveCall = makeCall({
    status: 'awaiting-approval',
    destructive: true,
    arguments: '{"path":"/tmp/x","force":true}',
  });

  it.each([
    ['Allow once', 'allow-once'],
    ['Allow for this conversation', 'allow-conversation'],
    ['Always allow', 'allow-always'],
    ['Deny', 'deny'],
  ])('"%s" sends %s with exactly the arguments shown', async (button, decision) => {
    const app = await renderApp();
    await sendMessage('Delete');
    app.stream(callEvent(1, destructiveCall));
    const group = card();
    expect(group.textContent).toContain('This tool may change or delete things.');
    expect(within(group).getByLabelText('Arguments').textContent).toBe(
      '{\n  "path": "/tmp/x",\n  "force": true\n}',
    );
    fireEvent.click(within(group).getByRole('button', { name: button }));
    for (const other of within(group).getAllByRole('button')) {
      expect((other as HTMLButtonElement).disabled).toBe(true);
    }
    await flushAsync();
    expect(app.fake.callsTo('tools:decide')).toEqual([
      { streamId: stream, callId: 'call-1', decision, arguments: destructiveCall.arguments },
    ]);
  });

  it('announces itself politely without taking focus from the composer', async () => {
    const app = await renderApp();
    await sendMessage('Delete');
    const box = screen.getByRole('textbox', { name: 'Message' });
    box.focus();
    app.stream(callEvent(1, destructiveCall));
    expect(document.activeElement).toBe(box);
    const live = screen.getByTestId('tool-approval-announcer');
    // Outside the reply, which is aria-busy while it streams.
    expect(live.closest('[aria-busy="true"]')).toBeNull();
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('add on everything is waiting for your approval.');
  });

  it('says so when the answer could not be sent, and lets the user answer again', async () => {
    const app = await renderApp();
    app.fake.respond('tools:decide', () => failure('not_found', 'That reply has ended.'));
    await sendMessage('Delete');
    app.stream(callEvent(1, destructiveCall));
    fireEvent.click(within(card()).getByRole('button', { name: 'Deny' }));
    await flushAsync();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Couldn't send your answer to the tool call.");
    expect(alert.textContent).toContain('That reply has ended.');
    expect(
      (within(card()).getByRole('button', { name: 'Deny' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });
});

describe('a reply that ends at a tool call', () => {
  it('says so without claiming Parley cannot use tools', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      callEvent(1, makeCall({ status: 'done', durationMs: 4 })),
      events.done(stream, 2, { stopReason: 'tool_use' }),
    );
    expect(document.querySelector('.reply-note')?.textContent).toBe(
      'The reply ended at a tool call, before a final answer',
    );
  });
});
