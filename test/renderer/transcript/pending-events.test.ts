import { describe, expect, it } from 'vitest';
import { PendingEvents } from '../../../renderer/src/transcript/pending-events';
import { events } from '../support/fake-parley';

describe('PendingEvents', () => {
  it('gives a stream its events back in seq order, once', () => {
    const pending = new PendingEvents();
    pending.hold(events.delta('s', 2, 'b'));
    pending.hold(events.delta('s', 1, 'a'));
    expect(pending.take('s').map((event) => event.seq)).toEqual([1, 2]);
    expect(pending.take('s')).toEqual([]);
  });

  it('forgets the stalest stream when too many are held', () => {
    const pending = new PendingEvents(2);
    pending.hold(events.delta('old', 1, 'x'));
    pending.hold(events.delta('mid', 1, 'y'));
    pending.hold(events.delta('new', 1, 'z'));
    expect(pending.take('old')).toEqual([]);
    expect(pending.take('mid')).toHaveLength(1);
    expect(pending.take('new')).toHaveLength(1);
  });

  it('keeps only the newest events of a runaway stream', () => {
    const pending = new PendingEvents(16, 3);
    for (let seq = 1; seq <= 5; seq++) pending.hold(events.delta('s', seq, String(seq)));
    expect(pending.take('s').map((event) => event.seq)).toEqual([3, 4, 5]);
  });
});
