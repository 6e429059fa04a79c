/**
 * A reply's markdown as the page mounts it. The markdown stack is a chunk of its own, loaded
 * after first paint (markdown-loader.ts); until it arrives the reply is its text as written,
 * wrapped like a paragraph (`pre-wrap`, the body's font), so nothing is lost and the reply keeps
 * roughly its size when markdown replaces it.
 */
import { startTransition, useEffect, useState } from 'react';
import { loadMarkdown, loadedMarkdown } from './markdown-loader';
import './markdown.css';

/** A reply as GitHub-flavoured markdown (see markdown-body.tsx), plain text until that loads. */
export function StreamingMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const [markdown, setMarkdown] = useState(loadedMarkdown);
  useEffect(() => {
    if (markdown) return;
    let mounted = true;
    loadMarkdown().then(
      (module) => {
        // A transition: every reply on screen switches in one render that yields to input,
        // rather than one long task.
        if (mounted) startTransition(() => setMarkdown(module));
      },
      () => {
        // The chunk failed to load: the text stays as it is.
      },
    );
    return () => {
      mounted = false;
    };
  }, [markdown]);
  if (markdown) return <markdown.MarkdownBody text={text} streaming={streaming} />;
  return text === '' ? null : (
    <p className="markdown-plain" dir="auto" data-markdown="pending">
      {text}
    </p>
  );
}
