import { StreamingMarkdown } from '../markdown/streaming-markdown';
import './reply-body.css';

/**
 * A reply's text, rendered as markdown while it streams. The element keeps the `reply-text` test
 * id: end-to-end tests read a reply from its text content.
 */
export function ReplyBody({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <div className="reply-body" data-testid="reply-text">
      <StreamingMarkdown text={text} streaming={streaming} />
    </div>
  );
}
