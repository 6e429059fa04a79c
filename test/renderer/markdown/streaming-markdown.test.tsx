import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

describe('markdown features', () => {
  it('renders headings, emphasis, lists, quotes and inline code', () => {
    const { body } = renderMarkdown(
      '# One\n\n## Two\n\nSome **bold**, *it* and ~~gone~~ with `code`.\n\n1. first\n2. second\n\n- a\n- b\n\n> quoted\n\n---',
    );
    expect(body.querySelector('h1')?.textContent).toBe('One');
    expect(body.querySelector('h2')?.textContent).toBe('Two');
    expect(body.querySelector('strong')?.textContent).toBe('bold');
    expect(body.querySelector('em')?.textContent).toBe('it');
    expect(body.querySelector('del')?.textContent).toBe('gone');
    expect(body.querySelector('p > code')?.textContent).toBe('code');
    expect(body.querySelectorAll('ol > li')).toHaveLength(2);
    expect(body.querySelectorAll('ul > li')).toHaveLength(2);
    expect(body.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(body.querySelector('hr')).not.toBeNull();
  });

  it('renders task lists without form inputs', () => {
    const { body } = renderMarkdown('- [x] done\n- [ ] todo');
    expect(body.querySelector('input')).toBeNull();
    expect(screen.queryByRole('img', { name: 'Done' })).not.toBeNull();
    expect(screen.queryByRole('img', { name: 'Not done' })).not.toBeNull();
  });

  it('renders tables', () => {
    const { body } = renderMarkdown('| a | b |\n| - | -: |\n| 1 | 2 |');
    expect([...body.querySelectorAll('th')].map((cell) => cell.textContent)).toEqual(['a', 'b']);
    expect([...body.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['1', '2']);
  });

  it('renders inline and display math with KaTeX', () => {
    const { body } = renderMarkdown('Inline $x^2$ here.\n\n$$\n\\frac{1}{2}\n$$');
    expect(body.querySelectorAll('.katex')).toHaveLength(2);
    expect(body.querySelector('.katex-display')).not.toBeNull();
  });

  it('renders a code fence with its language and a Copy code button', async () => {
    const { body, fake } = renderMarkdown('```python\nprint("hi")\n```');
    expect(body.querySelector('.md-code-lang')?.textContent).toBe('python');
    expect(body.querySelector('pre code')?.textContent).toBe('print("hi")');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(fake.callsTo('clipboard:write-text')).toEqual([{ text: 'print("hi")' }]);
    await screen.findByRole('button', { name: 'Copied' });
  });

  it('resolves reference links defined in another block', () => {
    renderMarkdown('See [the docs][d].\n\n[d]: https://example.com/docs');
    expect(screen.getByRole('link', { name: 'the docs' }).getAttribute('href')).toBe(
      'https://example.com/docs',
    );
  });
});

describe('healing half-written markdown while it streams', () => {
  it.each([
    ['an open **', 'Some **bold', 'strong', 'bold'],
    ['an open `', 'Run `npm te', 'code', 'npm te'],
    ['an open ~~', 'Old ~~news', 'del', 'news'],
  ])('shows %s as formatted, not as syntax', (_name, text, tag, inner) => {
    const { body } = renderMarkdown(text, true);
    expect(body.querySelector(tag)?.textContent).toBe(inner);
    expect(body.textContent).not.toMatch(/\*\*|`|~~/);
  });

  it('shows an open code fence as a code block, in plain text', () => {
    const { body } = renderMarkdown('```js\nconst a = 1;\nconst b', true);
    expect(body.querySelector('pre code')?.textContent).toBe('const a = 1;\nconst b');
    expect(body.textContent).not.toContain('```');
    expect(body.querySelector('pre[data-highlighted]')).toBeNull();
  });

  it('shows a link whose address is still arriving as its words, not as syntax or a link', () => {
    const { body } = renderMarkdown('Read [the guide](https://exam', true);
    expect(body.textContent).toBe('Read the guide');
    expect(body.querySelector('a')).toBeNull();
  });

  it('shows open display math as math', () => {
    const { body } = renderMarkdown('$$\nx^2 + y', true);
    expect(body.querySelector('.katex-display')).not.toBeNull();
    expect(body.textContent).not.toContain('$$');
  });

  it('does not heal a finished reply: what the model wrote is what shows', () => {
    const { body } = renderMarkdown('Some **bold', false);
    expect(body.querySelector('strong')).toBeNull();
    expect(body.textContent).toBe('Some **bold');
  });
});

describe('links and images from model output', () => {
  it('opens safe links through main and never navigates', () => {
    const { fake } = renderMarkdown('[site](https://example.com) and [mail](mailto:a@example.com)');
    const link = screen.getByRole('link', { name: 'site' });
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    fireEvent.click(screen.getByRole('link', { name: 'mail' }));
    expect(fake.callsTo('links:open')).toEqual([
      { url: 'https://example.com/' },
      { url: 'mailto:a@example.com' },
    ]);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html,hi)',
    '[x](vbscript:msgbox)',
    '[x](file:///etc/passwd)',
    '[x](slack://open)',
    '[x](/relative)',
    '<javascript:alert(1)>',
    '[x][r]\n\n[r]: javascript:alert(1)',
  ])('renders %j as text, and clicking it opens nothing', (text) => {
    const { body, fake } = renderMarkdown(text);
    expect(body.querySelector('a')).toBeNull();
    for (const element of body.querySelectorAll('*')) fireEvent.click(element);
    expect(fake.callsTo('links:open')).toEqual([]);
  });

  it('shows raw HTML as text, never as elements', () => {
    const { body } = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <iframe src="https://e.x"></iframe>',
    );
    expect(body.querySelector('script, img, iframe')).toBeNull();
    expect(body.textContent).toContain('<script>alert(1)</script>');
    const attributes = [...body.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].map((attribute) => attribute.name),
    );
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
  });

  it('shows a remote image as a placeholder that opens that image through main on click', () => {
    const { body, fake } = renderMarkdown(
      '![a cat](https://img.example/cat.png) ![](https://img.example/x.png)',
    );
    expect(body.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open image: a cat' }));
    expect(screen.queryByRole('button', { name: 'Open image: img.example' })).not.toBeNull();
    expect(fake.callsTo('links:open')).toEqual([{ url: 'https://img.example/cat.png' }]);
  });

  it('never loads data: or script images, and offers nothing to click', () => {
    const { body } = renderMarkdown(
      '![pixel](data:image/png;base64,AAAA) ![bad](javascript:alert(1))',
    );
    expect(body.querySelector('img, button')).toBeNull();
    expect(body.textContent).toContain('Image not shown: pixel');
  });
});
