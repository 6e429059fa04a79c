import type { AppCommand } from '../../../preload/api';
import type { AppServices } from '../app-services';
import { runContextAction } from './context-action';

/** What a command can open besides the services: dialogs the app owns. */
export interface CommandTargets {
  services: AppServices;
  openSearch(): void;
  openShortcuts(): void;
}

/** Put the caret in the message box. */
export function focusComposer(): void {
  document.querySelector<HTMLTextAreaElement>('textarea.composer-input')?.focus();
}

/** The conversation before (-1) or after (+1) the open one in the sidebar's order. */
function neighbour(services: AppServices, step: -1 | 1): string | null {
  const { items } = services.conversations.getState();
  const current = services.store.getView().conversationId;
  const index = items.findIndex((item) => item.id === current);
  // From a new, unsaved conversation, "next" is the first in the list.
  if (index === -1) return step === 1 ? (items[0]?.id ?? null) : null;
  return items[index + step]?.id ?? null;
}

/**
 * Do what a shortcut, a menu item, the context menu or quick ask asked for. One place, so the
 * keyboard and the native menu can never drift apart.
 */
export function runCommand(command: AppCommand, targets: CommandTargets): void {
  const { services } = targets;
  const { actions, store } = services;
  switch (command.type) {
    case 'new-conversation':
      actions.newConversation();
      focusComposer();
      return;
    case 'search':
      targets.openSearch();
      return;
    case 'settings':
      services.openSettings();
      return;
    case 'stop':
      void actions.stop();
      return;
    case 'regenerate': {
      const view = store.getView();
      const last = view.turns.at(-1);
      if (last && view.streaming === null) void actions.regenerate(last.id);
      return;
    }
    case 'previous-conversation':
    case 'next-conversation': {
      const id = neighbour(services, command.type === 'next-conversation' ? 1 : -1);
      if (id !== null) void actions.open(id);
      return;
    }
    case 'focus-composer':
      focusComposer();
      return;
    case 'shortcuts':
      targets.openShortcuts();
      return;
    case 'open-conversation':
      void actions.open(command.conversationId);
      return;
    case 'context':
      runContextAction(command.action, command.x, command.y, services);
      return;
  }
}
