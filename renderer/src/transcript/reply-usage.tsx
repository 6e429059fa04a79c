import { Tooltip } from '../ui/tooltip';
import type { UsageSummary } from './reply-meta';

/**
 * "180 tokens · 2.4 s · 75 tok/s" in a reply's footer; input, output and time to first token in
 * its tooltip. Focusable, so the tooltip opens from the keyboard too, and the details are also
 * in the text for screen readers (visually hidden), since a tooltip is only a visual aid.
 */
export function ReplyUsage({ summary }: { summary: UsageSummary }) {
  const details = summary.details.join(' · ');
  const line = <span className="reply-usage">{summary.line}</span>;
  if (!details) return line;
  return (
    <Tooltip
      content={
        <span className="reply-usage-details">
          {summary.details.map((detail) => (
            <span key={detail}>{detail}</span>
          ))}
        </span>
      }
    >
      <span className="reply-usage-group" tabIndex={0}>
        {line}
        <span className="visually-hidden"> ({details})</span>
      </span>
    </Tooltip>
  );
}
