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

describe('RevealRequests.busy', () => {
  it('is busy from the request until the reveal is done, and tells subscribers when it is', () => {
    const requests = new RevealRequests(() => 0);
    let told = 0;
    requests.subscribe(() => told++);
    expect(requests.busy()).toBe(false);
    requests.request('m1');
    expect(requests.busy()).toBe(true);
    // Handed to the transcript, still on its way on screen.
    expect(requests.take(() => true)).toBe('m1');
    expect(requests.busy()).toBe(true);
    requests.done('m1');
    expect(requests.busy()).toBe(false);
    expect(told).toBe(2);
  });

  it('an older reveal finishing leaves a newer one busy; a forgotten one lapses', () => {
    let now = 0;
    const requests = new RevealRequests(() => now);
    requests.request('m1');
    requests.take(() => true);
    requests.request('m2');
    requests.done('m1');
    expect(requests.busy()).toBe(true);
    expect(requests.take(() => true)).toBe('m2');
    now += revealWaitMs + 1;
    expect(requests.busy()).toBe(false);
  });
});
