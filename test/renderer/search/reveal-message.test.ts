import { afterEach, describe, expect, it, vi } from 'vitest';
import { revealMessage } from '../../../renderer/src/search/reveal-message';
import { revealRequests } from '../../../renderer/src/transcript/reveal-requests';

function message(id: string, text: string): HTMLElement {
  const element = document.createElement('article');
  element.dataset.messageId = id;
  element.textContent = text;
  return element;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('revealMessage', () => {
  it('highlights the message mounted when it lands, not a node the list unmounted meanwhile', async () => {
    const list = document.createElement('div');
    document.body.append(list);
    const first = message('m1', 'first mount');
    list.append(first);
    const cancel = revealMessage('m1');
    expect(revealRequests.busy()).toBe(true);
    // The virtual list scrolls on and mounts the turn afresh before the highlight's task runs.
    const second = message('m1', 'second mount');
    first.replaceWith(second);

    // Done (the transcript may load pages again), with the node on screen highlighted.
    await vi.waitFor(() => expect(revealRequests.busy()).toBe(false));
    expect(second.dataset.revealed).toBe('true');
    expect(first.dataset.revealed).toBeUndefined();
    cancel();
    expect(second.dataset.revealed).toBeUndefined();
  });

  it('waits for a message that is not mounted yet, or gone again when it would land', async () => {
    const cancel = revealMessage('m2');
    const shown = message('m2', 'mounted later');
    document.body.append(shown);
    // Unmounted before the highlight, mounted again a moment later.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    shown.remove();
    expect(revealRequests.busy()).toBe(true);
    const again = message('m2', 'mounted again');
    setTimeout(() => document.body.append(again), 50);

    await vi.waitFor(() => expect(revealRequests.busy()).toBe(false));
    expect(again.dataset.revealed).toBe('true');
    cancel();
  });
});
