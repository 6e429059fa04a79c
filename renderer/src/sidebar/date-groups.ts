import type { ConversationSummary } from '../../../preload/api';
import { t } from '../i18n';

/** A heading in the sidebar and the conversations under it. */
export interface ConversationGroup {
  readonly label: 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Older';
  readonly items: readonly ConversationSummary[];
}

/** Local midnight of the day `days` before `now` (calendar days, so DST changes do not shift it). */
function startOfDay(now: Date, days: number): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - days).getTime();
}

/**
 * Group conversations as people remember them: pinned ones first, then by the local calendar
 * day they were last updated. Keeps the order it is given within each group; empty groups are
 * left out.
 */
export function groupByDate(
  items: readonly ConversationSummary[],
  now: Date,
): readonly ConversationGroup[] {
  const today = startOfDay(now, 0);
  const yesterday = startOfDay(now, 1);
  const weekAgo = startOfDay(now, 7);
  const groups: Record<ConversationGroup['label'], ConversationSummary[]> = {
    Pinned: [],
    Today: [],
    Yesterday: [],
    'Previous 7 days': [],
    Older: [],
  };
  for (const item of items) {
    if (item.pinned) groups.Pinned.push(item);
    // A clock that moved back (or a summary from another machine) still counts as today.
    else if (item.updatedAt >= today) groups.Today.push(item);
    else if (item.updatedAt >= yesterday) groups.Yesterday.push(item);
    else if (item.updatedAt >= weekAgo) groups['Previous 7 days'].push(item);
    else groups.Older.push(item);
  }
  return (Object.keys(groups) as Array<ConversationGroup['label']>)
    .map((label) => ({ label, items: groups[label] }))
    .filter((group) => group.items.length > 0);
}

/** What a conversation is called on screen: its title, or a placeholder until main names it. */
export function displayTitle(title: string): string {
  return title.trim() === '' ? t('sidebar.untitled') : title;
}
