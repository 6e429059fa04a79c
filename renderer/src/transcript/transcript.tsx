import { useServices } from '../app-services';
import { TurnItem } from './turn-item';
import { useStickToBottom } from './use-stick-to-bottom';
import { useTranscriptView } from './use-transcript';
import './transcript.css';

/** The conversation: a live log of turns that scrolls, keeping the newest text in view. */
export function Transcript() {
  const { store } = useServices();
  const { turns } = useTranscriptView(store);
  const ref = useStickToBottom<HTMLDivElement>(turns.length);
  return (
    // Focusable so keyboard users can scroll it.
    <div ref={ref} className="transcript" role="log" aria-label="Transcript" tabIndex={0}>
      <div className="transcript-column">
        {turns.length === 0 ? (
          <p className="transcript-empty">Ask anything to start a conversation.</p>
        ) : null}
        <ol className="transcript-turns">
          {turns.map((turn, index) => (
            <TurnItem key={turn.id} turn={turn} isLast={index === turns.length - 1} />
          ))}
        </ol>
      </div>
    </div>
  );
}
