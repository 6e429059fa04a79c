import type { ContextAction } from '../../../preload/api';
import type { AppServices } from '../app-services';

/** The turn a message element belongs to: a reply names its reply id, a user message its turn. */
function turnAt(x: number, y: number, services: AppServices) {
  const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-message-id]');
  const id = element?.dataset.messageId;
  if (!element || id === undefined) return null;
  const { turns } = services.store.getView();
  const isReply = element.classList.contains('reply');
  const turn = turns.find((candidate) =>
    isReply ? candidate.replyIds.includes(id) : candidate.id === id,
  );
  return turn ? { turn, replyId: isReply ? id : null, isLast: turn === turns.at(-1) } : null;
}

/**
 * A context-menu action on the message at (x, y): Copy as Markdown copies what the model (or the
 * user) wrote, Regenerate redoes the last reply, Edit opens the user message's editor. Nothing
 * happens on empty space.
 */
export function runContextAction(
  action: ContextAction,
  x: number,
  y: number,
  services: AppServices,
): void {
  const found = turnAt(x, y, services);
  if (!found) return;
  const { turn, replyId, isLast } = found;
  if (action === 'copy-markdown') {
    const text = replyId === null ? turn.userText : (services.store.getReply(replyId)?.text ?? '');
    if (text !== '') void services.api.clipboard.writeText({ text });
  } else if (action === 'regenerate') {
    if (isLast && services.store.getView().streaming === null) {
      void services.actions.regenerate(turn.id);
    }
  } else {
    // The user message's own Edit button: one way into the editor, whatever opened it.
    const message = [...document.querySelectorAll<HTMLElement>('.user-message')].find(
      (element) => element.dataset.messageId === turn.id,
    );
    message?.querySelector<HTMLButtonElement>('button[data-action="edit-message"]')?.click();
  }
}
