import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage } from '../support/render-app';

const renders = vi.hoisted(() => new Map<string, number>());

// Count how often each reply body renders, keyed by its first word.
vi.mock('../../../renderer/src/transcript/reply-body', () => ({
  ReplyBody: ({ text }: { text: string }) => {
    const key = text.split(' ')[0] ?? '';
    renders.set(key, (renders.get(key) ?? 0) + 1);
    return <div className="reply-body">{text}</div>;
  },
}));

describe('render isolation', () => {
  it('re-renders only the streaming reply when tokens arrive', async () => {
    const { stream } = await renderApp();
    await sendMessage('First');
    stream(events.delta('stream-reply-1', 1, 'Older answer'), events.done('stream-reply-1', 2));
    await sendMessage('Second');
    stream(events.delta('stream-reply-2', 1, 'Newer'));
    const olderBefore = renders.get('Older');
    const newerBefore = renders.get('Newer') ?? 0;

    for (let seq = 2; seq <= 6; seq++) stream(events.delta('stream-reply-2', seq, ' token'));

    expect(renders.get('Older')).toBe(olderBefore);
    expect(renders.get('Newer')).toBe(newerBefore + 5);
    expect(screen.queryByText('Newer token token token token token')).not.toBeNull();
  });
});
