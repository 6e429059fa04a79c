/** The model's reasoning, collapsed; left uncontrolled so the user can open it mid-stream. */
export function ReplyReasoning({ text }: { text: string }) {
  return (
    <details className="reply-reasoning">
      <summary>Reasoning</summary>
      <div className="reply-reasoning-text">{text}</div>
    </details>
  );
}
