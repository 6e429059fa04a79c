import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

/** The TeX source of each formula on screen, in order (KaTeX keeps it in an annotation). */
function formulas(body: HTMLElement): string[] {
  return [...body.querySelectorAll('.katex')].map(
    (katex) => katex.querySelector('annotation')?.textContent ?? '',
  );
}

const displayFormulas = (body: HTMLElement) =>
  [...body.querySelectorAll('.katex-display annotation')].map((note) => note.textContent);

describe('dollar amounts are not math', () => {
  it('keeps the lunch special as bold text with its prices', () => {
    const { body } = renderMarkdown('The lunch special is **$12.50** today, and a drink adds $3.');
    expect(body.querySelector('.katex')).toBeNull();
    expect(body.querySelector('strong')?.textContent).toBe('$12.50');
    expect(body.textContent).toBe('The lunch special is $12.50 today, and a drink adds $3.');
  });

  it.each([
    'Rooms cost $100-$200 a night.',
    'Between $5 and $10, or $20 with tax.',
    'Prices: $1,000–$2,000 (about $1.5k on average).',
    'I paid $20 for 2 items, so $10 each.',
    'It costs $5. The deluxe one costs $7.',
    'Budget: US$5 or A$10 or HK$20$ in total.',
    'The $ sign and the $ 5 bill.',
    'From $3 to $4.50, a 50% rise; then $4.50 to $6.',
    '**Total:** $45.00\n\n| item | price |\n| --- | --- |\n| tea | $3 |\n| cake | $4.50 |',
    '- $5 per month\n- $50 per year ($4.17/month)',
    'Save $$$ today',
    'Escaped \\$x\\$ stays text.',
  ])('%j stays text', (text) => {
    const { body } = renderMarkdown(text);
    expect(body.querySelector('.katex')).toBeNull();
    expect(body.textContent).toContain('$');
  });

  it.each([
    ['$x^2$', ['x^2']],
    ['Sorting is $O(n \\log n)$ on average.', ['O(n \\log n)']],
    ['$2^{10} = 1024$ bytes', ['2^{10} = 1024']],
    ['the $n$th term, where $a$, $b$ and $c$ are sides', ['n', 'a', 'b', 'c']],
    ['($x$) and $-1$.', ['x', '-1']],
    ['$3 \\times 4 = 12$', ['3 \\times 4 = 12']],
    ['$f(x) = x^2$ for all $x$.', ['f(x) = x^2', 'x']],
    ['其中$x$是变量', ['x']],
    ['It costs $5 (or $x$ per kg).', ['x']],
    ['A **bold $\\frac{1}{2}$** half', ['\\frac{1}{2}']],
    ['$\\$5 + \\$3$ in TeX', ['\\$5 + \\$3']],
  ])('%j is inline math', (text, expected) => {
    const { body } = renderMarkdown(text);
    expect(formulas(body)).toEqual(expected);
    expect(body.querySelector('.katex-display')).toBeNull();
  });
});

describe('the other math delimiters', () => {
  it('renders \\( \\) as inline math and \\[ \\] as display math, backslashes kept', () => {
    const { body } = renderMarkdown(
      'So \\(a/b\\) is a ratio:\n\n\\[ \\int_0^1 x\\,dx = \\frac{1}{2} \\]',
    );
    expect(formulas(body)).toEqual(['a/b', ' \\int_0^1 x\\,dx = \\frac{1}{2} ']);
    expect(displayFormulas(body)).toEqual([' \\int_0^1 x\\,dx = \\frac{1}{2} ']);
    expect(body.textContent).not.toContain('\\(');
    expect(body.textContent).not.toContain('[');
  });

  it('renders a \\[ \\] block over several lines, as OpenAI models write it', () => {
    const { body } = renderMarkdown(
      'The area is\n\\[\n\\begin{aligned}\nA &= \\pi r^2 \\\\\n  &= 3.14\n\\end{aligned}\n\\]\nwhere r is 1.',
    );
    expect(displayFormulas(body)).toHaveLength(1);
    expect(body.querySelector('.katex-error')).toBeNull();
    expect(body.textContent).toContain('where r is 1.');
  });

  it('keeps \\[ \\] one display formula across a blank line', () => {
    const { body } = renderMarkdown('\\[\na = b\n\n+ c\n\\]');
    expect(displayFormulas(body)).toEqual(['a = b\n\n+ c']);
  });

  it('does not end \\( at an escaped TeX sequence: \\\\) is a line break then a parenthesis', () => {
    const { body } = renderMarkdown('\\(f(a \\\\) b\\) done');
    expect(formulas(body)).toEqual(['f(a \\\\) b']);
  });

  it('renders $$…$$ on one line as display math, in its own paragraph or in a sentence', () => {
    const { body } = renderMarkdown('$$E = mc^2$$\n\nAs shown, $$a^2 + b^2 = c^2$$ holds.');
    expect(displayFormulas(body)).toEqual(['E = mc^2', 'a^2 + b^2 = c^2']);
  });

  it('keeps the first line of $$ math that starts on the fence line', () => {
    const { body } = renderMarkdown(
      '$$ a = b \\\\\n c = d $$\n\nand $$\\begin{aligned}\nx\n\\end{aligned}$$',
    );
    expect(displayFormulas(body)).toEqual([
      ' a = b \\\\\n c = d ',
      '\\begin{aligned}\nx\n\\end{aligned}',
    ]);
  });

  it('renders $$ blocks in lists and quotes, blank lines included', () => {
    const { body } = renderMarkdown('- item\n\n  $$\n  a\n\n  b\n  $$\n\n> $$\n> c\n> $$');
    expect(displayFormulas(body)).toEqual(['a\n\nb', 'c']);
  });

  it('never runs a script or a link from TeX', () => {
    const { body } = renderMarkdown(
      '\\(\\href{javascript:alert(1)}{x}\\) \\[\\url{javascript:alert(2)}\\] $\\htmlClass{x}{y}$',
    );
    expect(body.querySelector('a, script, [href]')).toBeNull();
    expect(formulas(body)).toHaveLength(3);
  });

  it('renders a $$ block right after a paragraph line as display math', () => {
    const { body } = renderMarkdown('Fit the model\n$$\ny~x\n$$');
    expect(displayFormulas(body)).toEqual(['y~x']);
    expect(body.querySelector('p')?.textContent).toBe('Fit the model');
  });

  it.each([
    ['`\\(a/b\\)` and `$x^2$` and `\\[x\\]`', ['\\(a/b\\)', '$x^2$', '\\[x\\]']],
    ['```\n\\[ \\int x \\]\n$x$ and \\(y\\)\n```', ['\\[ \\int x \\]\n$x$ and \\(y\\)']],
    ['- item\n\n      \\(indented\\) code', ['\\(indented\\) code']],
  ])('changes nothing inside code: %j', (text, code) => {
    const { body } = renderMarkdown(text);
    expect(body.querySelector('.katex')).toBeNull();
    expect([...body.querySelectorAll('code')].map((element) => element.textContent)).toEqual(code);
  });

  it('leaves an empty \\[ \\] (a task box written with escapes) as text', () => {
    const { body } = renderMarkdown('\\[ \\] not done');
    expect(body.querySelector('.katex')).toBeNull();
    expect(body.textContent).toBe('[ ] not done');
  });
});
