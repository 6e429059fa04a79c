import type { ExportRequest, IpcResult, ParleyApi } from '../../../preload/api';
import type { ChatActions } from '../chat/chat-actions';
import { settle } from '../chat/settle';
import type { NoticeStore } from '../notices/notice-store';
import type { TranscriptStore } from '../transcript/transcript-store';
import type { ConversationList } from './conversation-list';
import { displayTitle } from './date-groups';
import type { ToastStore } from './toast-store';

/** The three ways to export a conversation, as its menu offers them. */
export type ExportChoice = Pick<ExportRequest, 'format' | 'scope'>;

/**
 * What the user can do to conversations in the sidebar. Each change shows at once in the list
 * and is put back (with a notice) if main refuses it, so the list never waits on a round trip.
 */
export class ConversationActions {
  constructor(
    private readonly api: ParleyApi,
    private readonly list: ConversationList,
    private readonly chat: ChatActions,
    private readonly store: TranscriptStore,
    private readonly notices: NoticeStore,
    private readonly toasts: ToastStore,
  ) {}

  /** Give a conversation a new title; an empty one is no change. */
  async rename(conversationId: string, title: string): Promise<void> {
    const before = this.list.find(conversationId);
    const trimmed = title.trim();
    if (!before || trimmed === '' || trimmed === before.title) return;
    this.list.put({ ...before, title: trimmed });
    const result = await settle(() =>
      this.api.conversations.rename({ conversationId, title: trimmed }),
    );
    if (result.ok) return this.list.put(result.value);
    this.list.put(before);
    this.notices.report("Couldn't rename the conversation.", result.error);
  }

  /** Pin a conversation to the top of the sidebar, or unpin it. */
  async setPinned(conversationId: string, pinned: boolean): Promise<void> {
    const before = this.list.find(conversationId);
    if (!before || before.pinned === pinned) return;
    this.list.put({ ...before, pinned });
    const result = await settle(() => this.api.conversations.setPinned({ conversationId, pinned }));
    if (result.ok) return this.list.put(result.value);
    this.list.put(before);
    this.notices.report(`Couldn't ${pinned ? 'pin' : 'unpin'} the conversation.`, result.error);
  }

  /**
   * Delete a conversation: it leaves the list at once and an Undo toast appears. Deleting the
   * open conversation empties the transcript; main stops a reply still running there.
   */
  async delete(conversationId: string): Promise<void> {
    const removed = this.list.remove(conversationId);
    const wasOpen = this.store.getView().conversationId === conversationId;
    if (wasOpen) this.chat.newConversation();
    const deleted = settle(() => this.api.conversations.delete({ conversationId }));
    const name = displayTitle(removed?.title ?? '');
    this.toasts.show(`Deleted “${name}”.`, {
      label: 'Undo',
      run: () => void this.undoDelete(conversationId, deleted, wasOpen),
    });
    const result = await deleted;
    if (result.ok) return;
    if (removed) this.list.put(removed);
    this.notices.report("Couldn't delete the conversation.", result.error);
  }

  /** Export through main's Save dialog; a cancelled dialog is not news. */
  async export(conversationId: string, choice: ExportChoice): Promise<void> {
    const result = await settle(() => this.api.conversations.export({ conversationId, ...choice }));
    if (!result.ok) this.notices.report("Couldn't export the conversation.", result.error);
    else if (result.value.saved) this.toasts.show(`Exported “${result.value.fileName}”.`);
  }

  /** Import a JSON export through main's Open dialog, then open what it brought in. */
  async import(): Promise<void> {
    const result = await settle(() => this.api.conversations.import());
    if (!result.ok) this.notices.report("Couldn't import the conversation.", result.error);
    else if (result.value) await this.chat.open(result.value.conversationId);
  }

  private async undoDelete(
    conversationId: string,
    deleted: Promise<IpcResult<null>>,
    wasOpen: boolean,
  ): Promise<void> {
    // Undo may be pressed before main has finished deleting: restore after it.
    if (!(await deleted).ok) return;
    const result = await settle(() => this.api.conversations.restore({ conversationId }));
    if (!result.ok) {
      this.notices.report("Couldn't restore the conversation.", result.error);
      return;
    }
    this.list.put(result.value);
    // Bring it back on screen too, unless the user has moved on to another conversation.
    if (wasOpen && this.store.getView().conversationId === null) {
      await this.chat.open(conversationId);
    }
  }
}
