/**
 * The one place that decides whether a tool call may run. Every call the model asks for comes
 * here before anything runs: a saved rule or the read-only preference lets it run at once;
 * otherwise the user is asked on an approval card in the transcript, and the answer is bound to
 * the exact argument JSON the card showed.
 *
 * Rules: "Always allow" (this server's tool, in every conversation) is saved in settings.json;
 * "Allow for this conversation" lives in memory until Parley quits — a conversation-scoped
 * permission should not outlive the session the user gave it in. "Allow once" and "Deny" leave
 * no rule. Defaults follow the tool's MCP annotations
 * (https://modelcontextprotocol.io/specification/2025-06-18/schema#toolannotations): a tool that
 * says `readOnlyHint` may run without asking if the user chose so in Settings; anything else —
 * `destructiveHint`, or no annotation at all (the spec's default is destructive) — asks.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ToolDecision, ToolRuleView } from '../../preload/api';
import { IpcFailureError } from '../errors/ipc-failure';
import type { StoredToolRule } from '../storage/settings-schema';

/** Where "Always allow" rules and the read-only preference are kept (settings.json in the app). */
export interface ToolRuleStore {
  rules(): StoredToolRule[];
  saveRules(rules: StoredToolRule[]): void;
  autoAllowReadOnly(): boolean;
}

/** What the broker needs to know about a call to decide it. */
export interface CallToDecide {
  streamId: string;
  callId: string;
  conversationId: string;
  serverId: string;
  tool: string;
  /** The argument JSON exactly as the model wrote it (and as the card shows it). */
  arguments: string;
  readOnly: boolean;
}

interface PendingApproval {
  call: CallToDecide;
  resolve: (decision: ToolDecision) => void;
}

/** Decides tool calls: by rule, or by asking the user and waiting for the answer. */
export class PermissionBroker {
  private readonly pending = new Map<string, PendingApproval>();
  /** conversation id → `serverId\u0000tool` allowed in it for this session. */
  private readonly conversationRules = new Map<string, Set<string>>();

  constructor(private readonly store: ToolRuleStore) {}

  /** Whether the call may run without asking (a rule or the read-only preference allows it). */
  allowsWithoutAsking(call: Omit<CallToDecide, 'streamId' | 'callId' | 'arguments'>): boolean {
    if (call.readOnly && this.store.autoAllowReadOnly()) return true;
    const key = ruleKey(call.serverId, call.tool);
    if (this.conversationRules.get(call.conversationId)?.has(key)) return true;
    return this.store.rules().some((rule) => ruleKey(rule.serverId, rule.tool) === key);
  }

  /**
   * Wait for the user's answer to a call's approval card. Resolves with the decision (the
   * caller shows the card before calling); when `signal` aborts (Stop), resolves with `deny`
   * at once and forgets the card, so a late click finds nothing to approve.
   */
  ask(call: CallToDecide, signal: AbortSignal): Promise<ToolDecision> {
    const key = pendingKey(call.streamId, call.callId);
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('deny');
      const onAbort = () => {
        this.pending.delete(key);
        resolve('deny');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(key, {
        call,
        resolve: (decision) => {
          signal.removeEventListener('abort', onAbort);
          this.pending.delete(key);
          resolve(decision);
        },
      });
    });
  }

  /**
   * The user answered a card. `shownArguments` must be exactly the call's arguments: approval
   * is bound to what was shown, so a card that showed something else approves nothing.
   * Throws `IpcFailureError` (`not_found`) when no card waits (the reply was stopped or the
   * call already decided), and (`invalid_payload`) when the arguments differ.
   */
  decide(streamId: string, callId: string, decision: ToolDecision, shownArguments: string): void {
    const approval = this.pending.get(pendingKey(streamId, callId));
    if (!approval) {
      throw new IpcFailureError('not_found', 'That tool call is no longer waiting for approval.');
    }
    if (decision !== 'deny' && shownArguments !== approval.call.arguments) {
      throw new IpcFailureError(
        'invalid_payload',
        'The arguments shown are not the ones the model sent, so nothing was approved.',
      );
    }
    const { serverId, tool, conversationId } = approval.call;
    if (decision === 'allow-conversation') {
      const rules = this.conversationRules.get(conversationId) ?? new Set<string>();
      rules.add(ruleKey(serverId, tool));
      this.conversationRules.set(conversationId, rules);
    } else if (decision === 'allow-always' && !this.allowsAlways(serverId, tool)) {
      this.store.saveRules([...this.store.rules(), { id: randomUUID(), serverId, tool }]);
    }
    approval.resolve(decision);
  }

  /**
   * Every rule, for Settings: the saved "Always allow" rules and this session's conversation
   * rules. `names` gives a server's name and a conversation's title (absent: unknown).
   */
  rules(names: {
    server: (id: string) => string | undefined;
    conversation: (id: string) => string | undefined;
  }): ToolRuleView[] {
    const views: ToolRuleView[] = this.store.rules().map((rule) => ({
      id: rule.id,
      serverId: rule.serverId,
      serverName: names.server(rule.serverId) ?? 'Removed server',
      tool: rule.tool,
      scope: 'always',
    }));
    for (const [conversationId, keys] of this.conversationRules) {
      for (const key of keys) {
        const [serverId = '', tool = ''] = key.split('\u0000');
        views.push({
          id: conversationRuleId(conversationId, key),
          serverId,
          serverName: names.server(serverId) ?? 'Removed server',
          tool,
          scope: 'conversation',
          conversationId,
          conversationTitle: names.conversation(conversationId),
        });
      }
    }
    return views;
  }

  /** Remove a rule by its id (from `rules`); an unknown id is not an error (already gone). */
  removeRule(id: string): void {
    const saved = this.store.rules();
    if (saved.some((rule) => rule.id === id)) {
      this.store.saveRules(saved.filter((rule) => rule.id !== id));
      return;
    }
    for (const [conversationId, keys] of this.conversationRules) {
      for (const key of keys) {
        if (conversationRuleId(conversationId, key) === id) keys.delete(key);
      }
    }
  }

  /** Forget every rule of a server (it was removed). */
  forgetServer(serverId: string): void {
    this.store.saveRules(this.store.rules().filter((rule) => rule.serverId !== serverId));
    for (const keys of this.conversationRules.values()) {
      for (const key of keys) if (key.startsWith(`${serverId}\u0000`)) keys.delete(key);
    }
  }

  private allowsAlways(serverId: string, tool: string): boolean {
    return this.store.rules().some((rule) => rule.serverId === serverId && rule.tool === tool);
  }
}

function ruleKey(serverId: string, tool: string): string {
  return `${serverId}\u0000${tool}`;
}

function pendingKey(streamId: string, callId: string): string {
  return `${streamId}\u0000${callId}`;
}

// Conversation rules have no stored id; this one is stable for as long as the rule exists.
function conversationRuleId(conversationId: string, key: string): string {
  const digest = createHash('sha256').update(`${conversationId}\u0000${key}`).digest('hex');
  return `conversation-${digest.slice(0, 40)}`;
}
