import { describe, expect, it } from 'vitest';
import { PermissionBroker, type CallToDecide } from '../../../main/tools/permission-broker';
import type { StoredToolRule } from '../../../main/storage/settings-schema';

function broker(options: { autoAllowReadOnly?: boolean } = {}) {
  let rules: StoredToolRule[] = [];
  const subject = new PermissionBroker({
    rules: () => rules,
    saveRules: (next) => (rules = next),
    autoAllowReadOnly: () => options.autoAllowReadOnly ?? false,
  });
  return { subject, saved: () => rules };
}

const call: CallToDecide = {
  streamId: 's1',
  callId: 'c1',
  conversationId: 'conv-1',
  serverId: 'files',
  tool: 'write_file',
  arguments: '{"path":"a.txt"}',
  readOnly: false,
};
const names = {
  server: (id: string) => (id === 'files' ? 'Files' : undefined),
  conversation: () => 'Plans',
};

describe('PermissionBroker', () => {
  it('asks by default, even for read-only tools, until the user opts in', () => {
    const { subject } = broker();
    expect(subject.allowsWithoutAsking(call)).toBe(false);
    expect(subject.allowsWithoutAsking({ ...call, readOnly: true })).toBe(false);
    expect(
      broker({ autoAllowReadOnly: true }).subject.allowsWithoutAsking({ ...call, readOnly: true }),
    ).toBe(true);
    expect(broker({ autoAllowReadOnly: true }).subject.allowsWithoutAsking(call)).toBe(false);
  });

  it('"Allow for this conversation" allows that tool there only, and is listed and removable', async () => {
    const { subject, saved } = broker();
    const answer = subject.ask(call, new AbortController().signal);
    subject.decide('s1', 'c1', 'allow-conversation', call.arguments);
    expect(await answer).toBe('allow-conversation');
    expect(subject.allowsWithoutAsking(call)).toBe(true);
    expect(subject.allowsWithoutAsking({ ...call, conversationId: 'conv-2' })).toBe(false);
    expect(saved()).toEqual([]);
    const [rule] = subject.rules(names);
    expect(rule).toMatchObject({
      scope: 'conversation',
      serverName: 'Files',
      tool: 'write_file',
      conversationTitle: 'Plans',
    });
    subject.removeRule(rule?.id ?? '');
    expect(subject.allowsWithoutAsking(call)).toBe(false);
    expect(subject.rules(names)).toEqual([]);
  });

  it('"Always allow" is saved once, applies everywhere, and removing the server forgets it', async () => {
    const { subject, saved } = broker();
    for (const callId of ['c1', 'c2']) {
      const answer = subject.ask({ ...call, callId }, new AbortController().signal);
      subject.decide('s1', callId, 'allow-always', call.arguments);
      await answer;
    }
    expect(saved()).toHaveLength(1);
    expect(subject.allowsWithoutAsking({ ...call, conversationId: 'other' })).toBe(true);
    expect(subject.rules(names)).toEqual([
      expect.objectContaining({ scope: 'always', serverName: 'Files' }),
    ]);
    subject.forgetServer('files');
    expect(subject.allowsWithoutAsking(call)).toBe(false);
  });

  it('"Allow once" and "Deny" leave no rule', async () => {
    const { subject, saved } = broker();
    for (const decision of ['allow-once', 'deny'] as const) {
      const answer = subject.ask(call, new AbortController().signal);
      subject.decide('s1', 'c1', decision, call.arguments);
      expect(await answer).toBe(decision);
    }
    expect(saved()).toEqual([]);
    expect(subject.allowsWithoutAsking(call)).toBe(false);
  });

  it('a card answered after Stop finds nothing to approve', async () => {
    const { subject } = broker();
    const controller = new AbortController();
    const answer = subject.ask(call, controller.signal);
    controller.abort();
    expect(await answer).toBe('deny');
    expect(() => subject.decide('s1', 'c1', 'allow-once', call.arguments)).toThrow(
      /no longer waiting/,
    );
  });
});
