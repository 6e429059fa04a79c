import type { Root, RootContent } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { Reply, ToolCall, Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import {
  ImportError,
  importJson,
  toJson,
  toMarkdown,
} from '../../../main/storage/conversation-transfer';
import { searchMessages } from '../../../main/storage/conversation-search';
import { openDatabase } from '../../../main/storage/database';
import {
  everyKindOfCall,
  openCalls,
  pixelPng,
  replyText,
  storeWithReply,
  toolCall,
} from './tool-call-fixtures';

const turn = (id: string, userText: string): Turn => ({
  id,
  userText,
  replies: [],
  activeReply: 0,
  userVersion: 0,
  userVersionCount: 1,
});
const reply = (id: string, text: string): Reply => ({
  id,
  streamId: id,
  model: 'claude-x',
  text,
  reasoning: '',
  status: 'done',
  seq: 1,
});

/** A conversation with two reply versions on its first turn, the second chosen, then a follow-up. */
function setup() {
  const store = new ConversationStore(openDatabase(':memory:'));
  store.createConversation('c', 'Sky questions');
  const t1 = turn('t1', 'Why is the sky blue?');
  store.addTurn('c', t1, null);
  for (const r of [
    reply('r1', 'Rayleigh scattering.'),
    reply('r2', 'Short wavelengths scatter more.'),
  ]) {
    t1.replies.push(r);
    t1.activeReply = t1.replies.length - 1;
    store.addReply('c', t1, r, 'anthropic');
    store.saveReply(r);
  }
  const t2 = turn('t2', 'And sunsets?');
  store.addTurn('c', t2, 'r2');
  t2.replies.push(reply('r3', 'Longer path, more red.'));
  store.addReply('c', t2, t2.replies[0] as Reply, 'anthropic');
  store.saveReply(t2.replies[0] as Reply);
  return store;
}

describe('export and import', () => {
  it('Markdown holds the branch on screen, for a person to read', () => {
    const store = setup();
    const markdown = toMarkdown(store.load('c') ?? { id: '', title: '', turns: [] });
    expect(markdown).toBe(
      [
        '# Sky questions',
        '',
        '## You',
        '',
        'Why is the sky blue?',
        '',
        '## Assistant (claude-x)',
        '',
        'Short wavelengths scatter more.',
        '',
        '## You',
        '',
        'And sunsets?',
        '',
        '## Assistant (claude-x)',
        '',
        'Longer path, more red.',
        '',
      ].join('\n'),
    );
  });

  it('JSON of the branch leaves the other versions out; the tree keeps them all', () => {
    const store = setup();
    const conversation = store.load('c');
    if (!conversation) throw new Error('missing');
    const branch = JSON.parse(toJson(store, conversation, 'branch')) as {
      messages: Array<{ id: string }>;
    };
    expect(branch.messages.map((m) => m.id)).toEqual(['t1', 'r2', 't2', 'r3']);
    const tree = JSON.parse(toJson(store, conversation, 'tree')) as {
      messages: Array<{ id: string }>;
    };
    expect(tree.messages.map((m) => m.id)).toEqual(['t1', 'r1', 'r2', 't2', 'r3']);
  });

  it('a tree export imports back as a new conversation with the same messages and shape', () => {
    const store = setup();
    const conversation = store.load('c');
    if (!conversation) throw new Error('missing');
    const importedId = importJson(store, toJson(store, conversation, 'tree'));
    expect(importedId).not.toBe('c');
    const imported = store.load(importedId);
    expect(imported?.title).toBe('Sky questions');
    expect(imported?.turns[0]?.replies.map((r) => r.text)).toEqual([
      'Rayleigh scattering.',
      'Short wavelengths scatter more.',
    ]);
    // The follow-up hangs off the second version, as in the original.
    expect(imported?.turns).toHaveLength(1);
    store.setActiveReply(imported?.turns[0]?.id ?? '', 1);
    expect(store.load(importedId)?.turns.map((t) => t.userText)).toEqual([
      'Why is the sky blue?',
      'And sunsets?',
    ]);
  });

  it('refuses files that are not Parley exports, with a sentence a person understands', () => {
    const store = setup();
    expect(() => importJson(store, 'not json')).toThrow(ImportError);
    expect(() => importJson(store, '{"format":"other"}')).toThrow(
      /not a Parley conversation export/,
    );
    const orphan = JSON.stringify({
      format: 'parley.conversation',
      version: 1,
      conversation: { title: 'x', createdAt: 1 },
      messages: [{ id: 'a', parentId: 'missing', role: 'user', content: 'hi', createdAt: 1 }],
    });
    expect(() => importJson(store, orphan)).toThrow(/incomplete/);
  });
});

/** A message of an export file; `parent` null for a first prompt. */
const message = (
  id: string,
  parentId: string | null,
  role: 'user' | 'assistant',
  content = id,
) => ({
  id,
  parentId,
  role,
  content,
  createdAt: 1,
});

/** An export file holding these messages. */
const exportFile = (messages: unknown[]) =>
  JSON.stringify({
    format: 'parley.conversation',
    version: 1,
    conversation: { title: 'Imported', createdAt: 1 },
    messages,
  });

describe('import checks the whole file before storing any of it', () => {
  const refused: Array<[problem: string, messages: unknown[], says: RegExp]> = [
    [
      'two messages share an id',
      [message('a', null, 'user'), message('b', 'a', 'assistant'), message('a', 'b', 'user')],
      /message 3 in the file has the same id \("a"\) as message 1/,
    ],
    [
      'a parent is missing',
      [message('a', null, 'user'), message('b', 'gone', 'assistant')],
      /incomplete: message 2 in the file follows a message \("gone"\) that is not in the file/,
    ],
    [
      'a reply comes first',
      [message('a', null, 'assistant')],
      /message 1 in the file is a reply with no prompt before it/,
    ],
    [
      'a reply answers a reply',
      [message('a', null, 'user'), message('b', 'a', 'assistant'), message('c', 'b', 'assistant')],
      /message 3 in the file is a reply to a reply \(message 2\)/,
    ],
    [
      'a prompt follows a prompt that has a reply',
      [message('a', null, 'user'), message('b', 'a', 'assistant'), message('c', 'a', 'user')],
      /message 3 in the file is a prompt that follows another prompt \(message 1\) which already has a reply/,
    ],
    [
      'messages loop',
      [message('a', null, 'user'), message('x', 'y', 'user'), message('y', 'x', 'assistant')],
      /message 2 in the file is in a loop/,
    ],
    [
      'a message points at itself',
      [message('a', null, 'user'), message('s', 's', 'user')],
      /message 2 in the file is in a loop/,
    ],
    [
      'a message has a role Parley has no place for',
      [message('a', null, 'user'), { ...message('b', 'a', 'user'), role: 'system' }],
      /message 2 in the file is damaged \(its "role" is missing or not valid\)/,
    ],
    ['there are no messages', [], /holds no messages/],
  ];

  it.each(refused)(
    'refuses a file where %s, says so, and stores nothing',
    (_problem, messages, says) => {
      const store = setup();
      const before = store.conversations.list(undefined).items.length;
      let error: unknown;
      try {
        importJson(store, exportFile(messages));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(says);
      expect((error as Error).message).not.toMatch(/could not save/);
      expect(store.conversations.list(undefined).items).toHaveLength(before);
    },
  );

  it('imports a file whose replies come before their prompts, in the shape it describes', () => {
    const store = setup();
    const id = importJson(
      store,
      exportFile([
        message('r2', 'u2', 'assistant', 'Second answer'),
        message('u2', 'r1', 'user', 'Second question'),
        message('r1', 'u1', 'assistant', 'First answer'),
        message('u1', null, 'user', 'First question'),
      ]),
    );
    const turns = store.load(id)?.turns ?? [];
    expect(turns.map((turn) => [turn.userText, turn.replies[0]?.text])).toEqual([
      ['First question', 'First answer'],
      ['Second question', 'Second answer'],
    ]);
  });

  it('imports a prompt whose reply was never written, with the next prompt after it', () => {
    const store = setup();
    const id = importJson(
      store,
      exportFile([message('u1', null, 'user', 'Lost reply'), message('u2', 'u1', 'user', 'Again')]),
    );
    expect(store.load(id)?.turns.map((turn) => turn.userText)).toEqual(['Lost reply', 'Again']);
  });

  it('a stop reason Parley has no words for is kept as "other"', () => {
    const store = setup();
    const id = importJson(
      store,
      exportFile([
        message('u1', null, 'user'),
        { ...message('r1', 'u1', 'assistant'), stopReason: 'exploded' },
      ]),
    );
    expect(store.load(id)?.turns[0]?.replies[0]?.stopReason).toBe('other');
  });
});

/** The exported Markdown as a reader's renderer sees it: top-level blocks, with math. */
function render(markdown: string): RootContent[] {
  const tree = unified().use(remarkParse).use(remarkMath).parse(markdown) as Root;
  return tree.children;
}

/** The headings a reader sees, in order. */
function headings(markdown: string): string[] {
  return render(markdown)
    .filter((node) => node.type === 'heading')
    .map((node) =>
      node.type === 'heading'
        ? node.children.map((c) => ('value' in c ? c.value : '')).join('')
        : '',
    );
}

describe('Markdown export of replies stopped mid-block', () => {
  const stopped = [
    ['a code fence', 'Here is the fix:\n\n```ts\nconst x = 1;\n'],
    ['a longer fence holding a shorter one', '````md\n```js\nok()\n```\nstill inside'],
    ['a tilde fence', '~~~\ncode without end'],
    ['a math block', 'The sum:\n\n$$\n\\sum_{i=1}^n i'],
    ['a fence with no newline after it', 'Look:\n```'],
  ] as const;

  it.each(stopped)('a reply stopped inside %s leaves every later turn readable', (_label, text) => {
    const conversation = {
      id: 'c',
      title: 'Stopped',
      turns: [
        { ...turn('t1', 'Show me'), replies: [reply('r1', text)] },
        { ...turn('t2', 'And **then**?'), replies: [reply('r2', 'Then *this*.')] },
      ],
    };
    const markdown = toMarkdown(conversation);
    expect(headings(markdown)).toEqual([
      'Stopped',
      'You',
      'Assistant (claude-x)',
      'You',
      'Assistant (claude-x)',
    ]);
    // The stopped reply's own text is still all there, inside its block.
    const blocks = render(markdown);
    const last = blocks.at(-1);
    expect(last?.type).toBe('paragraph');
    expect(markdown).toContain(text);
  });

  it('closes with the same fence characters and length, and leaves closed blocks alone', () => {
    const conversation = {
      id: 'c',
      title: 'Fences',
      turns: [
        {
          ...turn('t1', '~~~~\nuser paste'),
          replies: [reply('r1', '```js\nx()\n```\n\n$$\na\n$$')],
        },
        { ...turn('t2', 'next'), replies: [reply('r2', '  ````py\nprint(1)')] },
      ],
    };
    expect(toMarkdown(conversation)).toBe(
      [
        '# Fences',
        '',
        '## You',
        '',
        '~~~~',
        'user paste',
        '~~~~',
        '',
        '## Assistant (claude-x)',
        '',
        '```js',
        'x()',
        '```',
        '',
        '$$',
        'a',
        '$$',
        '',
        '## You',
        '',
        'next',
        '',
        '## Assistant (claude-x)',
        '',
        '  ````py',
        'print(1)',
        '  ````',
        '',
      ].join('\n'),
    );
  });

  it('does not close a fence that only looks open inside a list item or a quote', () => {
    const conversation = {
      id: 'c',
      title: 'Nested',
      turns: [
        { ...turn('t1', 'steps?'), replies: [reply('r1', '1. Run:\n\n    ```sh\n    make')] },
        { ...turn('t2', 'quote?'), replies: [reply('r2', '> ```\n> quoted')] },
        { ...turn('t3', 'end'), replies: [] },
      ],
    };
    const markdown = toMarkdown(conversation);
    expect(headings(markdown)).toEqual([
      'Nested',
      'You',
      'Assistant (claude-x)',
      'You',
      'Assistant (claude-x)',
      'You',
    ]);
    expect(markdown).not.toMatch(/^```$/m);
  });
});

describe('export and import of tool calls', () => {
  const calls = everyKindOfCall();
  type Exported = { messages: Array<{ id: string; toolCalls?: ToolCall[] }> };

  it("JSON carries each reply's calls with their results; a prompt carries none", () => {
    const { store } = storeWithReply({ text: replyText, status: 'done', toolCalls: calls });
    const conversation = store.load('c');
    if (!conversation) throw new Error('missing');
    for (const scope of ['branch', 'tree'] as const) {
      const file = JSON.parse(toJson(store, conversation, scope)) as Exported;
      expect(file.messages.map((m) => m.id)).toEqual(['t1', 'r1']);
      expect(file.messages[0]).not.toHaveProperty('toolCalls');
      expect(file.messages[1]?.toolCalls).toEqual(calls);
    }
  });

  it('an export imports back with every call, its status, result, image and replay', () => {
    const { store, db } = storeWithReply({ text: replyText, status: 'done', toolCalls: calls });
    const conversation = store.load('c');
    if (!conversation) throw new Error('missing');
    const importedId = importJson(store, toJson(store, conversation, 'tree'));
    const imported = store.load(importedId)?.turns[0]?.replies[0];
    expect(imported?.id).not.toBe('r1');
    expect(imported?.text).toBe(replyText);
    expect(imported?.toolCalls).toEqual(calls);
    // And they are searchable in the copy too.
    expect(
      searchMessages(db, 'centimetres')
        .map((hit) => hit.conversationId)
        .sort(),
    ).toEqual(['c', importedId].sort());
  });

  it('calls a file has as still open are imported as interrupted: nothing will run them', () => {
    const { store } = storeWithReply({ text: replyText, toolCalls: openCalls() });
    const conversation = store.load('c');
    if (!conversation) throw new Error('missing');
    const importedId = importJson(store, toJson(store, conversation, 'tree'));
    const imported = store.load(importedId)?.turns[0]?.replies[0];
    expect(imported?.toolCalls?.map((call) => call.status)).toEqual([
      'interrupted',
      'interrupted',
      'interrupted',
    ]);
  });

  const file = (replyCalls: unknown, promptCalls?: unknown) =>
    JSON.stringify({
      format: 'parley.conversation',
      version: 1,
      conversation: { title: 'Tools', createdAt: 1 },
      messages: [
        {
          id: 'u1',
          parentId: null,
          role: 'user',
          content: 'Look it up',
          createdAt: 1,
          toolCalls: promptCalls,
        },
        {
          id: 'r1',
          parentId: 'u1',
          role: 'assistant',
          content: 'Done.',
          createdAt: 2,
          toolCalls: replyCalls,
        },
      ],
    });

  it.each([
    [
      'a call with a status Parley does not know',
      file([{ ...toolCall('a', 'done'), status: 'exploded' }]),
      'message 2 in the file is damaged (the "status" of its tool call 1 is missing or not valid)',
    ],
    [
      'a call without arguments',
      file([toolCall('a', 'done'), { ...toolCall('b', 'done'), arguments: undefined }]),
      'message 2 in the file is damaged (the "arguments" of its tool call 2 is missing or not valid)',
    ],
    [
      'a result block of no known kind',
      file([
        toolCall('a', 'done', {
          result: { content: [{ type: 'video' }], isError: false } as unknown as ToolCall['result'],
        }),
      ]),
      'message 2 in the file is damaged (the "result" of its tool call 1 is missing or not valid)',
    ],
    [
      'tool calls that are not a list',
      file({ id: 'a' }),
      'message 2 in the file is damaged (its tool calls are not a list of at most 10,000 calls)',
    ],
    ['a call that is not an object', file(['call']), 'its tool call 1 is not a tool call'],
    [
      'a prompt with tool calls',
      file([], [toolCall('a', 'done')]),
      'message 1 in the file is a prompt with tool calls; only replies make them',
    ],
    [
      'two calls of a reply with one id',
      file([toolCall('a', 'done'), toolCall('a', 'denied')]),
      'tool call 2 of message 2 in the file has the same id ("a") as an earlier call',
    ],
    [
      'a call placed past the end of its reply',
      file([toolCall('a', 'done', { textOffset: 6 })]),
      "tool call 1 of message 2 in the file is placed after the end of the reply's text",
    ],
  ])('refuses %s in plain words, storing nothing', (_label, text, words) => {
    const { store, db } = storeWithReply({});
    const count = () =>
      (db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n;
    expect(() => importJson(store, text)).toThrow(ImportError);
    expect(() => importJson(store, text)).toThrow(words);
    expect(() => importJson(store, text)).not.toThrow(/expected|invalid_|received/i);
    expect(count()).toBe(1);
  });

  it('Markdown writes each call where it sits in the reply, with its arguments and result', () => {
    const text = 'Let me look.\n\nFound it.';
    const conversation = {
      id: 'c',
      title: 'Tools',
      turns: [
        {
          ...turn('t1', 'How deep?'),
          replies: [
            {
              ...reply('r1', text),
              toolCalls: [
                toolCall('a', 'done', {
                  textOffset: 'Let me look.'.length,
                  arguments: '{"path":"a.md"}',
                  result: { content: [{ type: 'text', text: 'pot: 40 cm' }], isError: false },
                }),
                toolCall('b', 'failed', {
                  textOffset: text.length,
                  step: 2,
                  arguments: '{"path":"b.md"}',
                  error: 'The server "Files" stopped.',
                }),
              ],
            },
          ],
        },
      ],
    };
    expect(toMarkdown(conversation)).toBe(
      [
        '# Tools',
        '',
        '## You',
        '',
        'How deep?',
        '',
        '## Assistant (claude-x)',
        '',
        'Let me look.',
        '',
        '**Tool call: Files › read_file**',
        '',
        '```json',
        '{',
        '  "path": "a.md"',
        '}',
        '```',
        '',
        'Result:',
        '',
        '```',
        'pot: 40 cm',
        '```',
        '',
        'Found it.',
        '',
        '**Tool call: Files › read_file** (failed)',
        '',
        '```json',
        '{',
        '  "path": "b.md"',
        '}',
        '```',
        '',
        'Error: The server "Files" stopped.',
        '',
      ].join('\n'),
    );
  });

  it('Markdown names every status, images and resources, and keeps later turns readable', () => {
    const stoppedText = `${replyText}\n\n\`\`\`ts\nconst x = 1;\n`;
    const conversation = {
      id: 'c',
      title: 'Tools',
      turns: [
        {
          ...turn('t1', 'Show me'),
          replies: [
            {
              // Stopped inside a code fence, with a call after it and results holding fences.
              ...reply('r1', stoppedText),
              toolCalls: [
                ...everyKindOfCall(),
                ...openCalls(),
                toolCall('fenced', 'done', {
                  textOffset: stoppedText.length,
                  result: {
                    content: [{ type: 'text', text: '```\nnot the end\n```' }],
                    isError: false,
                  },
                }),
              ],
            },
          ],
        },
        { ...turn('t2', 'And **then**?'), replies: [reply('r2', 'Then *this*.')] },
      ],
    };
    const markdown = toMarkdown(conversation);
    expect(headings(markdown)).toEqual([
      'Tools',
      'You',
      'Assistant (claude-x)',
      'You',
      'Assistant (claude-x)',
    ]);
    for (const words of [
      '**Tool call: Camera › snapshot**\n',
      '[Image: image/png]',
      '[Resource: file:///garden/plan.txt]\n\n```\nRow 1: basil\n```',
      '[Resource: Seed catalogue (https://example.com/seeds)]',
      'Result (the tool reported an error):',
      '(The model was sent the first 20 of 43 characters.)',
      '** (failed)',
      '** (denied)',
      '** (stopped)',
      '** (interrupted)',
      '** (still being written)',
      '** (waiting for approval)',
      '** (running)',
      // A result holding a fence gets a longer one around it.
      '````\n```\nnot the end\n```\n````',
    ]) {
      expect(markdown).toContain(words);
    }
    // Image bytes are not written out.
    expect(markdown).not.toContain(pixelPng);
    // Each call's arguments are a code block a reader sees as such (11 calls), and the reply's
    // open code block was closed before the call after it.
    const code = render(markdown).flatMap((node) => (node.type === 'code' ? [node] : []));
    expect(code.filter((node) => node.lang === 'json')).toHaveLength(11);
    expect(code.find((node) => node.lang === 'ts')?.value).toBe('const x = 1;');
    expect(render(markdown).at(-1)?.type).toBe('paragraph');
  });
});
