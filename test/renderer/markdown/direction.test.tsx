import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot } from '../../../preload/api';
import { createFakeParley, makeReply } from '../support/fake-parley';
import { renderApp, transcript } from '../support/render-app';
import { renderMarkdown } from './render-markdown';

const arabic = 'مرحبا! هذا نص عربي، مع `const x = 1;` في السطر.';
const hebrew = 'שלום עולם, זה טקסט בעברית.';

describe('right-to-left text in replies', () => {
  it('gives paragraphs, headings, list items and table cells their direction from content', () => {
    const { body } = renderMarkdown(
      `# ${hebrew}\n\n${arabic}\n\n- ${hebrew}\n- English item\n\n| ${hebrew} | b |\n| - | - |\n| ${arabic} | 2 |`,
    );
    const directions = (selector: string) =>
      [...body.querySelectorAll(selector)].map((element) => element.getAttribute('dir'));
    expect(directions('h1')).toEqual(['auto']);
    expect(directions('p')).toEqual(['auto']);
    expect(directions('li')).toEqual(['auto', 'auto']);
    expect(directions('th, td')).toEqual(['auto', 'auto', 'auto', 'auto']);
  });

  it('keeps code left to right inside right-to-left text', () => {
    const { body } = renderMarkdown(`${arabic}\n\n\`\`\`js\nconst x = 1; // تعليق\n\`\`\``);
    expect(body.querySelector('p code')?.getAttribute('dir')).toBe('ltr');
    expect(body.querySelector('pre')?.getAttribute('dir')).toBe('ltr');
  });

  it('keeps a fence that is still streaming left to right too', () => {
    const { body } = renderMarkdown('```js\nconst x = 1;', true);
    expect(body.querySelector('pre')?.getAttribute('dir')).toBe('ltr');
  });
});

describe('right-to-left text in user messages', () => {
  it('lets the bubble take its direction from what the user typed', async () => {
    const snapshot: ConversationSnapshot = {
      id: 'c1',
      title: 'RTL',
      turns: [
        {
          id: 't1',
          userText: hebrew,
          replies: [makeReply('t1-r', { text: 'OK', status: 'done', stopReason: 'end', seq: 2 })],
          activeReply: 0,
          userVersion: 0,
          userVersionCount: 1,
        },
      ],
    };
    const fake = createFakeParley();
    fake.setSnapshot(snapshot);
    await renderApp(fake);
    const message = within(transcript()).getByRole('article', { name: 'Your message' });
    const text = within(message).getByText(hebrew);
    expect(text.getAttribute('dir')).toBe('auto');
  });
});
