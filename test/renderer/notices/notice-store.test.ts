import { describe, expect, it, vi } from 'vitest';
import { NoticeStore } from '../../../renderer/src/notices/notice-store';

describe('NoticeStore', () => {
  it('keeps only the newest few and tells subscribers', () => {
    const notices = new NoticeStore(2);
    const listener = vi.fn();
    notices.subscribe(listener);
    for (const message of ['one', 'two', 'three']) {
      notices.report('Failed.', { kind: 'internal', message });
    }
    expect(notices.getNotices().map((notice) => notice.failure.message)).toEqual(['two', 'three']);
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
