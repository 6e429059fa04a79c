import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

const cellHtml = (cell: Element) => cell.innerHTML.replace(/\n/g, '');

describe('<br> in table cells', () => {
  it.each(['<br>', '<br/>', '<br />', '<BR>', '<Br />'])(
    'turns %j in a cell into a line break',
    (tag) => {
      const { body } = renderMarkdown(
        `| steps | note |\n| --- | --- |\n| one${tag}two${tag}three | **bold${tag}too** |`,
      );
      const [steps, note] = body.querySelectorAll('td');
      expect(steps?.querySelectorAll('br')).toHaveLength(2);
      expect(steps && cellHtml(steps)).toBe('one<br>two<br>three');
      expect(note?.querySelector('strong br')).not.toBeNull();
      expect(body.textContent).not.toContain('<');
    },
  );

  it('turns <br> in a header cell into a line break', () => {
    const { body } = renderMarkdown('| first<br>line | b |\n| --- | --- |\n| 1 | 2 |');
    expect(body.querySelector('th br')).not.toBeNull();
  });

  it.each([
    '<br onclick="alert(1)">',
    '<br class="x">',
    '<br/ >x',
    '<b>bold</b>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '</br>',
  ])('leaves %j in a cell as text', (html) => {
    const { body } = renderMarkdown(`| a |\n| - |\n| x ${html} y |`);
    const cell = body.querySelector('td');
    expect(cell?.querySelector('*')).toBeNull();
    expect(cell?.textContent).toContain(html);
  });

  it.each(['Line one<br>line two', '- item<br>more', '> quote<br/>more', '# Title<br>'])(
    'leaves <br> outside tables as text: %j',
    (text) => {
      const { body } = renderMarkdown(text);
      expect(body.querySelector('br')).toBeNull();
      expect(body.textContent).toMatch(/<br\s*\/?>/);
    },
  );

  it('leaves <br> in code inside a cell as code', () => {
    const { body } = renderMarkdown('| a |\n| - |\n| `x<br>y` |');
    expect(body.querySelector('td code')?.textContent).toBe('x<br>y');
    expect(body.querySelector('br')).toBeNull();
  });
});
