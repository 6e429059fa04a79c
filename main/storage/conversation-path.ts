import type { AttachmentView, ChatError, Reply, StopReason, Turn, Usage } from '../../preload/api';
import { parseStoredToolCalls } from './stored-tool-calls';

/** A row of the messages table, as the path builder reads it. */
export interface MessageRow {
  id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  active_reply: number;
  active_child_id: string | null;
  status: string | null;
  stream_id: string | null;
  seq: number;
  stop_reason: string | null;
  /** Absent in rows read by queries that do not select it. */
  provider_stop_reason?: string | null;
  error: string | null;
  usage: string | null;
  model: string | null;
  /** The reply's tool calls as JSON (stored-tool-calls.ts); absent in rows read without it. */
  tool_calls?: string | null;
}

/** The columns the branch walk needs: a message's place in the tree, never its content. */
export type PathRow = Pick<
  MessageRow,
  'id' | 'parent_id' | 'role' | 'active_reply' | 'active_child_id'
>;

/** One turn of a branch as ids: the user message, its reply versions and which ones are chosen. */
export interface PathTurn {
  userId: string;
  replyIds: string[];
  activeReply: number;
  userVersion: number;
  userVersionCount: number;
}

/** Hears about a stored row that could not be read in full (what was dropped, and why). */
export type DamageLog = (message: string, error: unknown) => void;

/**
 * Walk a conversation's message tree from its root along the chosen versions: at each prompt
 * the chosen reply, after each reply the chosen next prompt. Rows must be in position order.
 * Reads only the tree's shape, so a 10,000-message conversation's branch is found without
 * reading any message's text.
 */
export function branchTurns(rows: readonly PathRow[], activeRootId: string | null): PathTurn[] {
  // Prompts and replies under each parent, in position order: one pass, so the walk below does
  // no filtering (a 10,000-message conversation is walked in a few ms).
  const prompts = new Map<string | null, PathRow[]>();
  const replies = new Map<string | null, PathRow[]>();
  for (const row of rows) {
    const byParent = row.role === 'user' ? prompts : replies;
    const siblings = byParent.get(row.parent_id);
    if (siblings) siblings.push(row);
    else byParent.set(row.parent_id, [row]);
  }

  const turns: PathTurn[] = [];
  let candidates = prompts.get(null) ?? [];
  let chosenId = activeRootId;
  while (candidates.length > 0) {
    let version = candidates.findIndex((row) => row.id === chosenId);
    if (version < 0) version = candidates.length - 1;
    const user = candidates[version];
    if (!user) break;
    const versions = replies.get(user.id) ?? [];
    const activeReply = Math.min(Math.max(user.active_reply, 0), Math.max(versions.length - 1, 0));
    turns.push({
      userId: user.id,
      replyIds: versions.map((row) => row.id),
      activeReply,
      userVersion: version,
      userVersionCount: candidates.length,
    });
    // A prompt whose reply never got written carries the next prompt itself.
    const next = versions[activeReply] ?? user;
    candidates = prompts.get(next.id) ?? [];
    chosenId = next.active_child_id;
  }
  return turns;
}

/**
 * Turn a branch's ids into turns with their content. `rows` holds at least every message the
 * turns name (any order); `attachments` gives each user message's attachments in order.
 */
export function materializeTurns(
  pathTurns: readonly PathTurn[],
  rows: readonly MessageRow[],
  log: DamageLog = () => {},
  attachments: ReadonlyMap<string, AttachmentView[]> = new Map(),
): Turn[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const turns: Turn[] = [];
  for (const path of pathTurns) {
    const user = byId.get(path.userId);
    if (!user) continue;
    const turn: Turn = {
      id: user.id,
      userText: user.content,
      replies: path.replyIds.flatMap((id) => {
        const row = byId.get(id);
        return row ? [replyFromRow(row, log)] : [];
      }),
      activeReply: path.activeReply,
      userVersion: path.userVersion,
      userVersionCount: path.userVersionCount,
    };
    const attached = attachments.get(user.id);
    if (attached?.length) turn.attachments = attached;
    turns.push(turn);
  }
  return turns;
}

/**
 * The whole branch with content: `branchTurns` then `materializeTurns` over the same rows.
 * `attachments` gives each user message's attachments in order (AttachmentRecords).
 */
export function buildPath(
  rows: MessageRow[],
  activeRootId: string | null,
  log: DamageLog = () => {},
  attachments: ReadonlyMap<string, AttachmentView[]> = new Map(),
): Turn[] {
  return materializeTurns(branchTurns(rows, activeRootId), rows, log, attachments);
}

/**
 * A stored assistant message as a reply version. Tool calls that do not pass their check are
 * left out and reported to `log`: the reply still opens with the rest.
 */
export function replyFromRow(row: MessageRow, log: DamageLog = () => {}): Reply {
  const reply: Reply = {
    id: row.id,
    streamId: row.stream_id ?? row.id,
    model: row.model ?? '',
    text: row.content,
    reasoning: row.reasoning,
    status: row.status === 'error' ? 'error' : row.status === 'streaming' ? 'streaming' : 'done',
    seq: row.seq,
  };
  if (row.stop_reason) reply.stopReason = row.stop_reason as StopReason;
  if (row.provider_stop_reason) reply.providerStopReason = row.provider_stop_reason;
  if (row.error) reply.error = JSON.parse(row.error) as ChatError;
  if (row.usage) reply.usage = JSON.parse(row.usage) as Usage;
  const toolCalls = parseStoredToolCalls(row.tool_calls, row.content.length, (message) =>
    log(`reply ${row.id}: ${message}`, null),
  );
  if (toolCalls) reply.toolCalls = toolCalls;
  return reply;
}
