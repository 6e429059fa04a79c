import type { SnippetPart } from '../../../preload/api';

/**
 * A search snippet with the matched words in <mark>. Every part is plain text: a snippet is
 * model or user text and is never parsed as markup.
 */
export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <span className="search-snippet">
      {parts.map((part, index) =>
        // Parts never reorder, so their position is a stable key.
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}
