import { describe, expect, it } from 'vitest';
import { RevealRequests, revealWaitMs } from '../../../renderer/src/transcript/reveal-requests';

describe('RevealRequests', () => {
  it('holds a request until the transcript has the message, then hands it over once', () => {
    let now = 0;
    const requests = new RevealRequests(() => now);
    let told = 0;
    requests.subscribe(() => told++);
    requests.request('m1');
    expect(told).toBe(1);
    expect(requests.take(() => false)).toBeNull();
    now += revealWaitMs - 1;
    expect(requests.take((id) => id === 'm1')).toBe('m1');
    expect(requests.take(() => true)).toBeNull();
  });

  it('a newer request replaces the older; an old one lapses', () => {
    let now = 0;
    const requests = new RevealRequests(() => now);
    requests.request('m1');
    requests.request('m2');
    expect(requests.take(() => true)).toBe('m2');
    requests.request('m3');
    now += revealWaitMs + 1;
    expect(requests.take(() => true)).toBeNull();
  });
});
