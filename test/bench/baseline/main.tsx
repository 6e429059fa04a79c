/**
 * The naive baseline the benchmark compares against: one reply, re-rendered whole by
 * react-markdown (with GFM) on every delta, the way a straightforward client does it.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** A delta to deliver `at` ms after the replay starts. */
type Delta = [at: number, text: string];

let append: (text: string) => void = () => undefined;

function Reply() {
  const [text, setText] = useState('');
  useEffect(() => {
    append = (delta) => flushSync(() => setText((current) => current + delta));
  }, []);
  useEffect(() => void performance.mark('bench:update'), [text]);
  return (
    <article data-testid="reply-text">
      <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>
    </article>
  );
}

/** Deliver each delta in its own task at its recorded time; resolves after the last one. */
function replay(deltas: Delta[]): Promise<void> {
  const start = performance.now();
  return new Promise((resolve) => {
    let index = 0;
    const next = () => {
      const delta = deltas[index++];
      if (!delta) {
        resolve();
        return;
      }
      append(delta[1]);
      const following = deltas[index];
      setTimeout(next, following ? Math.max(0, start + following[0] - performance.now()) : 0);
    };
    setTimeout(next, deltas[0]?.[0] ?? 0);
  });
}

(window as unknown as { __replay: typeof replay }).__replay = replay;
const root = document.getElementById('root');
if (root) createRoot(root).render(<Reply />);
