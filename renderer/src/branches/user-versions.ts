import type { ConversationSnapshot, Turn } from '../../../preload/api';

/** Which version of a user message is shown, of how many (1 of 1 for a message never edited). */
export interface UserVersion {
  readonly index: number;
  readonly count: number;
}

const single: UserVersion = { index: 0, count: 1 };

/**
 * The version of each user message on the branch on screen. Kept beside the transcript store
 * (which holds text and replies) and filled from the same snapshots, so a user message can
 * show its pager without the transcript's per-turn structure changing.
 */
export class UserVersionStore {
  private versions = new Map<string, UserVersion>();
  private readonly listeners = new Set<() => void>();

  /** Be told when any user message's version changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** One message's version; the same object until it changes, so readers re-render only then. */
  get(turnId: string): UserVersion {
    return this.versions.get(turnId) ?? single;
  }

  /** Take the versions from a snapshot just loaded (null: an empty transcript). */
  load(snapshot: ConversationSnapshot | null): void {
    const next = new Map<string, UserVersion>();
    for (const turn of snapshot?.turns ?? []) {
      const previous = this.versions.get(turn.id);
      const version = versionOf(turn);
      const same = previous?.index === version.index && previous.count === version.count;
      next.set(turn.id, same ? previous : version);
    }
    this.versions = next;
    this.emit();
  }

  /** Record a turn added by a send. */
  add(turn: Turn): void {
    this.addAll([turn]);
  }

  /** Record turns paged in beside the loaded ones (older or newer turns of the same branch). */
  addAll(turns: readonly Turn[]): void {
    for (const turn of turns) this.versions.set(turn.id, versionOf(turn));
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function versionOf(turn: Turn): UserVersion {
  const count = Math.max(1, turn.userVersionCount);
  return count === 1
    ? single
    : { index: Math.min(Math.max(0, turn.userVersion), count - 1), count };
}
