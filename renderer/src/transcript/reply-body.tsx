import './reply-body.css';

/**
 * A reply's text. Plain text with its whitespace kept for now; markdown rendering replaces this
 * one component later, so nothing else may assume how the body is drawn.
 */
export function ReplyBody({ text }: { text: string }) {
  return (
    <div className="reply-body" data-testid="reply-text">
      {text}
    </div>
  );
}
