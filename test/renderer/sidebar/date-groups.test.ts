import { describe, expect, it } from 'vitest';
import { displayTitle, groupByDate } from '../../../renderer/src/sidebar/date-groups';
import { makeSummary } from '../support/fake-conversations';

/** Local time, so the test means the same in every time zone. */
const at = (day: number, hour: number, minute = 0) =>
  new Date(2026, 2, day, hour, minute).getTime();

describe('groupByDate', () => {
  it('sorts conversations into Pinned, Today, Yesterday, Previous 7 days and Older by local day', () => {
    const now = new Date(2026, 2, 15, 9, 30);
    const items = [
      makeSummary('pinned-old', { updatedAt: at(1, 12), pinned: true }),
      makeSummary('this-morning', { updatedAt: at(15, 0, 5) }),
      makeSummary('last-night', { updatedAt: at(14, 23, 59) }),
      makeSummary('yesterday-early', { updatedAt: at(14, 0, 0) }),
      makeSummary('two-days', { updatedAt: at(13, 18) }),
      makeSummary('seven-days', { updatedAt: at(8, 0, 0) }),
      makeSummary('eight-days', { updatedAt: at(7, 23, 59) }),
    ];

    const groups = groupByDate(items, now);

    expect(groups.map((group) => [group.label, group.items.map((item) => item.id)])).toEqual([
      ['Pinned', ['pinned-old']],
      ['Today', ['this-morning']],
      ['Yesterday', ['last-night', 'yesterday-early']],
      ['Previous 7 days', ['two-days', 'seven-days']],
      ['Older', ['eight-days']],
    ]);
  });

  it('leaves out empty groups, and counts a time after "now" (a clock moved back) as today', () => {
    const now = new Date(2026, 2, 15, 9, 30);
    const groups = groupByDate([makeSummary('future', { updatedAt: at(15, 22) })], now);
    expect(groups).toEqual([
      { label: 'Today', items: [expect.objectContaining({ id: 'future' })] },
    ]);
  });

  it('uses calendar days across a month boundary', () => {
    const now = new Date(2026, 3, 1, 8, 0);
    const groups = groupByDate([makeSummary('march-31', { updatedAt: at(31, 20) })], now);
    expect(groups[0]?.label).toBe('Yesterday');
  });
});

describe('displayTitle', () => {
  it('shows "New conversation" until main names it', () => {
    expect(displayTitle('')).toBe('New conversation');
    expect(displayTitle('  ')).toBe('New conversation');
    expect(displayTitle('Trip to Lisbon')).toBe('Trip to Lisbon');
  });
});
