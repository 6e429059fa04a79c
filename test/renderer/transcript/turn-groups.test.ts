import { describe, expect, it } from 'vitest';
import { turnGroups, turnsPerGroup } from '../../../renderer/src/transcript/turn-groups';
import type { TurnView } from '../../../renderer/src/transcript/transcript-view';

const turns = (count: number): TurnView[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `t${index}`,
    userText: `q${index}`,
    replyIds: [`r${index}`],
    activeReply: 0,
  }));

const shape = (groups: ReturnType<typeof turnGroups>) =>
  groups.map((group) => [group.index, group.turns.length, group.turns[0]?.id]);

describe('turnGroups', () => {
  it('groups turns by their position in the whole conversation', () => {
    expect(turnsPerGroup).toBe(20);
    expect(shape(turnGroups(45, turns(45)))).toEqual([
      [0, 20, 't0'],
      [1, 20, 't20'],
      [2, 5, 't40'],
    ]);
    expect(turnGroups(0, [])).toEqual([]);
  });

  it('keeps each turn in its group while earlier turns are still to mount', () => {
    const all = turns(45);
    // The newest 8 first (a long conversation opening), then 12 more: same groups as in full.
    expect(shape(turnGroups(45, all.slice(37)))).toEqual([
      [1, 3, 't37'],
      [2, 5, 't40'],
    ]);
    expect(shape(turnGroups(45, all.slice(25)))).toEqual([
      [1, 15, 't25'],
      [2, 5, 't40'],
    ]);
  });

  it('a new turn joins the last group or starts the next one, never moving the others', () => {
    expect(shape(turnGroups(20, turns(20)))).toEqual([[0, 20, 't0']]);
    expect(shape(turnGroups(21, turns(21)))).toEqual([
      [0, 20, 't0'],
      [1, 1, 't20'],
    ]);
  });
});
