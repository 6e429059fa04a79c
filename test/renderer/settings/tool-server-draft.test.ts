import { describe, expect, it } from 'vitest';
import {
  draftOfServer,
  draftProblems,
  newServerDraft,
  saveRequestOf,
  splitArgs,
} from '../../../renderer/src/settings/tool-server-draft';
import { makeServer } from '../support/fake-parley';

describe('the MCP server draft', () => {
  it('takes one argument per line, keeping spaces inside a line', () => {
    expect(splitArgs('-y\r\n pkg \n\n/My Folder')).toEqual(['-y', ' pkg ', '/My Folder']);
  });

  it('names duplicate and nameless rows in plain words', () => {
    const draft = {
      ...newServerDraft(),
      name: 'x',
      command: 'run',
      env: [
        { name: 'A', value: '1', stored: false },
        { name: 'A', value: '2', stored: false },
        { name: '', value: 'orphan', stored: false },
        { name: '', value: '', stored: false },
      ],
    };
    expect(draftProblems(draft)).toEqual([
      { key: 'rowDuplicate', values: { name: 'A' } },
      { key: 'rowNameMissing' },
    ]);
  });

  it('keeps stored secrets with null and sends a new value when one is typed', () => {
    const draft = draftOfServer(makeServer({ envNames: ['KEEP', 'CHANGE'] }));
    draft.env = draft.env.map((row) => (row.name === 'CHANGE' ? { ...row, value: 'new' } : row));
    expect(saveRequestOf(draft).env).toEqual({ KEEP: null, CHANGE: 'new' });
  });
});
