import type {
  ConversationSummary,
  DeleteConversationRequest,
  ExportRequest,
  ExportResult,
  ImportResult,
  ListConversationsRequest,
  ListConversationsResult,
  RenameRequest,
  Reply,
  RestoreConversationRequest,
  SearchHit,
  SearchRequest,
  SetPinnedRequest,
  Turn,
} from '../../preload/api';
import { sendEvent } from '../events/send-event';
import { providerFor } from '../providers/provider-for';
import type { FetchVia, Provider, ProviderConfig } from '../providers/types';
import type { ConversationLibrary, StoredSummary } from '../storage/conversation-library';
import type { ConversationStore } from '../storage/conversation-store';
import {
  ImportError,
  importJson,
  importJsonWithAttachments,
  toJson,
  toMarkdown,
  type TransferAttachments,
} from '../storage/conversation-transfer';
import type { ActiveProfile } from '../storage/profile-settings';
import type { ChatService, EventSink } from './chat-service';
import { IpcFailureError } from '../errors/ipc-failure';
import { redactLoggedError } from '../errors/redact';
import { generateTitle } from './title-generator';

/** Save and Open dialogs: Electron's dialog module in the app, a recorder in tests. */
export interface FileDialogs {
  /** Ask where to save and write the file; `saved` is false if the user cancelled. */
  saveFile(suggestedName: string, content: string): Promise<{ saved: boolean; fileName: string }>;
  /** Ask for a JSON file and read it; null if the user cancelled. */
  openJsonFile(): Promise<string | null>;
  /** Ask for files to attach (several may be chosen); their paths, or null if the user cancelled. */
  openFiles(): Promise<string[] | null>;
  /** Ask where to save a copy of an attachment and write `bytes` there; `saved` false if cancelled. */
  saveBytes(suggestedName: string, bytes: Uint8Array): Promise<{ saved: boolean }>;
}

/** What the conversation service needs. */
export interface ConversationServiceOptions {
  /** The messages table (and, through it, each conversation's branch). */
  store: ConversationStore;
  /** The conversations table: the sidebar's listing, titles, pins and deletes. */
  library: ConversationLibrary;
  /** Full-text search over the messages (conversation-search.ts on the same connection). */
  search: (query: string, limit?: number) => SearchHit[];
  chat: ChatService;
  dialogs: FileDialogs;
  /** Whether to ask the model for titles (off in tests that script every request). */
  generateTitles: boolean;
  activeProfile: (conversationId: string) => Promise<ActiveProfile>;
  /** The adapter factory `providerFor` uses (the real `createProvider` in the app; a script in tests). */
  createProvider: (config: ProviderConfig) => Provider;
  fetch: ProviderConfig['fetch'];
  /** A fetch through a profile's explicit proxy; absent: such profiles use `fetch`. */
  fetchVia?: FetchVia;
  /** The idle timeout title requests share with chat (ms); absent: the adapters' default. */
  idleTimeoutMs?: number;
  log?: (message: string, error: unknown) => void;
  /** Attachments' bytes for a JSON export, and their intake for an import; absent: none. */
  attachments?: TransferAttachments;
}

/** The sidebar's operations: list, rename, pin, delete and undo, search, export and import, titles. */
export class ConversationService {
  private readonly library: ConversationLibrary;

  constructor(private readonly options: ConversationServiceOptions) {
    this.library = options.library;
  }

  /** Forget what was deleted in an earlier session (Undo lasts until the app restarts). */
  purgeDeleted(): number {
    return this.library.purgeDeleted();
  }

  /** One page of the sidebar's listing, each row saying whether a reply is running there. */
  list(request: ListConversationsRequest): ListConversationsResult {
    const page = this.library.list(request.cursor, request.limit);
    return { ...page, items: page.items.map((stored) => this.withStreaming(stored)) };
  }

  rename(request: RenameRequest): ConversationSummary {
    this.library.setTitle(request.conversationId, request.title);
    return this.summary(request.conversationId);
  }

  setPinned(request: SetPinnedRequest): ConversationSummary {
    this.library.setPinned(request.conversationId, request.pinned);
    return this.summary(request.conversationId);
  }

  /** Delete (undoably); a reply still streaming there is stopped first. */
  delete(request: DeleteConversationRequest): void {
    if (this.options.chat.isRunning(request.conversationId)) {
      this.options.chat.stopConversation(request.conversationId);
    }
    if (!this.library.softDelete(request.conversationId)) throw notFound();
  }

  restore(request: RestoreConversationRequest): ConversationSummary {
    if (!this.library.restore(request.conversationId)) {
      throw new IpcFailureError('not_found', 'That conversation can no longer be restored.');
    }
    return this.summary(request.conversationId);
  }

  search(request: SearchRequest): { hits: SearchHit[] } {
    return { hits: this.options.search(request.query, request.limit) };
  }

  /** Export through a Save dialog. */
  async export(request: ExportRequest): Promise<ExportResult> {
    const conversation = this.options.store.load(request.conversationId);
    if (!conversation) throw notFound();
    const markdown = request.format === 'markdown';
    const content = markdown
      ? toMarkdown(conversation)
      : toJson(this.options.store, conversation, request.scope, this.options.attachments);
    const base = safeFileName(conversation.title || 'Conversation');
    return this.options.dialogs.saveFile(`${base}.${markdown ? 'md' : 'json'}`, content);
  }

  /** Import a JSON export chosen in an Open dialog. */
  async import(sink: EventSink): Promise<ImportResult> {
    const text = await this.options.dialogs.openJsonFile();
    if (text === null) return null;
    try {
      const { attachments } = this.options;
      const conversationId = attachments
        ? await importJsonWithAttachments(this.options.store, text, attachments)
        : importJson(this.options.store, text);
      this.notify(sink, conversationId);
      return { conversationId };
    } catch (error) {
      if (error instanceof ImportError) throw new IpcFailureError('invalid_payload', error.message);
      throw error;
    }
  }

  /**
   * Tell the window a conversation's listing changed (created, retitled, a reply started or
   * ended there); a deleted conversation is announced with a null summary.
   */
  notify(sink: EventSink, conversationId: string): void {
    if (sink.isDestroyed()) return;
    const stored = this.library.summary(conversationId);
    sendEvent(sink, 'conversations:changed', {
      conversationId,
      summary: stored ? this.withStreaming(stored) : null,
    });
  }

  /** After the first reply: ask the same model for a title, in the background, never blocking. */
  titleAfterFirstReply(conversationId: string, turn: Turn, reply: Reply, sink: EventSink): void {
    if (!this.options.generateTitles || reply.text.trim() === '') return;
    void this.makeTitle(conversationId, turn, reply).then(
      (changed) => changed && this.notify(sink, conversationId),
      (error: unknown) => this.options.log?.('could not generate a title', error),
    );
  }

  /** Throws what went wrong with the profile's key already cut out (the caller logs it). */
  private async makeTitle(conversationId: string, turn: Turn, reply: Reply): Promise<boolean> {
    const fallback = this.library.title(conversationId);
    const profile = await this.options.activeProfile(conversationId);
    let title: string | null;
    try {
      const provider = providerFor(profile, this.options);
      title = await generateTitle(provider, profile.model, turn.userText, reply.text);
    } catch (error) {
      // Like chat's, a title error can quote the key back (an echoing 401): it must not be logged.
      throw redactLoggedError(error, profile.apiKey);
    }
    // The user may have renamed it meanwhile: only replace the fallback title.
    if (!title || this.library.title(conversationId) !== fallback) return false;
    return this.library.setTitle(conversationId, title);
  }

  private summary(id: string): ConversationSummary {
    const stored = this.library.summary(id);
    if (!stored) throw notFound();
    return this.withStreaming(stored);
  }

  /** A stored listing as the sidebar gets it: with whether a reply is running there now. */
  private withStreaming(stored: StoredSummary): ConversationSummary {
    return { ...stored, streaming: this.options.chat.isRunning(stored.id) };
  }
}

function notFound(): IpcFailureError {
  return new IpcFailureError('not_found', 'That conversation no longer exists.');
}

function safeFileName(title: string): string {
  // Characters no file system accepts in a name, and control characters.
  const cleaned = [...title]
    .map((char) => (/[\\/:*?"<>|]/.test(char) || char.charCodeAt(0) < 32 ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, 80) || 'Conversation';
}
