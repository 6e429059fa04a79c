import { memo } from 'react';
import type { ToolCall } from '../../../preload/api';
import { StreamingMarkdown } from '../markdown/streaming-markdown';
import { replyParts } from '../tools/reply-parts';
import { ToolCallCard } from '../tools/tool-call-card';
import './reply-body.css';

interface ReplyBodyProps {
  text: string;
  streaming: boolean;
  /** The reply's tool calls; each card sits in the text where its call began. */
  toolCalls?: readonly ToolCall[];
  /** The reply's stream, which an approval answers to. */
  streamId?: string;
}

/**
 * A reply's text, rendered as markdown while it streams, with a card for each tool call at the
 * point of the text where it began. Only the last stretch of text streams; stretches before a
 * call are finished and memoized. The element keeps the `reply-text` test id: end-to-end tests
 * read a reply from its text content.
 */
export function ReplyBody({ text, streaming, toolCalls, streamId = '' }: ReplyBodyProps) {
  const parts = replyParts(text, toolCalls);
  return (
    <div className="reply-body" data-testid="reply-text">
      {parts.map((part, index) =>
        part.kind === 'call' ? (
          <ToolCallCard key={`call-${part.call.id}`} call={part.call} streamId={streamId} />
        ) : (
          // Keyed by where it starts, so the streaming tail keeps its splitter when a call
          // lands after it and it becomes a finished stretch.
          <TextStretch
            key={`text-${part.start}`}
            text={part.text}
            streaming={streaming && index === parts.length - 1}
          />
        ),
      )}
    </div>
  );
}

/** One stretch of reply text; a finished one never renders again while the reply streams. */
const TextStretch = memo(function TextStretch(props: { text: string; streaming: boolean }) {
  return <StreamingMarkdown text={props.text} streaming={props.streaming} />;
});
