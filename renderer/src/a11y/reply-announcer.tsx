import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app-services';
import { finishedReplyMessage } from './finished-reply';
import './a11y.css';

/**
 * A polite live region that speaks a reply once, when it finishes — never token by token. It
 * watches which reply streams: when that stream ends, the reply's final text is announced.
 */
export function ReplyAnnouncer() {
  const { store } = useServices();
  const [message, setMessage] = useState('');
  const streamingReply = useRef<string | null>(null);

  useEffect(() => {
    const check = () => {
      const now = store.getView().streaming?.replyId ?? null;
      const previous = streamingReply.current;
      streamingReply.current = now;
      if (previous === null || previous === now) return;
      const text = finishedReplyMessage(store.getReply(previous));
      if (text !== '') setMessage(text);
    };
    check();
    return store.subscribe(check);
  }, [store]);

  return (
    // aria-live without role="status": the page's status roles (search results, toasts) stay
    // the only ones, and this region is never a landmark anyone navigates to.
    <div
      className="reply-announcer"
      aria-live="polite"
      aria-atomic="true"
      data-testid="reply-announcer"
    >
      {message}
    </div>
  );
}
