import { describe, expect, it } from 'vitest';
import { healTail } from '../../../renderer/src/markdown/heal-tail';
import { renderMarkdown } from './render-markdown';

/**
 * What the reader sees as code or math, in document order: the text of every code element and
 * the TeX of every formula (KaTeX keeps it in an annotation; a formula KaTeX cannot parse yet is
 * shown as its source).
 */
function verbatim(body: HTMLElement): string[] {
  return [...body.querySelectorAll('code, .katex annotation, .katex-error')].map(
    (element) => `${element.tagName === 'CODE' ? 'code' : 'math'}: ${element.textContent}`,
  );
}

describe('healTail', () => {
  it.each([
    ['Some **bold', 'Some **bold**'],
    ['Run `npm te', 'Run `npm te`'],
    // The code closes first, inside the bold: the bold's closer never lands in the code.
    ['**run `npm te', '**run `npm te`**'],
    ['~~old `co~~', '~~old `co~~`~~'],
    ['where \\(a/', 'where \\(a/\\)'],
    ['where \\(a \\', 'where \\(a \\)'],
    ['\\[ \\int_0^1 x\\,dx', '\\[ \\int_0^1 x\\,dx\\]'],
    ['so $$a^2', 'so $$a^2$$'],
    ['so $$a^2$', 'so $$a^2$$'],
    // Blocks of code or math are closed by the parser: nothing is added, nothing escaped.
    ['Fit the model\n$$\ny~', 'Fit the model\n$$\ny~'],
    ['Fit the model\n$$\ny~x\n', 'Fit the model\n$$\ny~x\n'],
    ['- a\n\n  ```py\n  x = a*', '- a\n\n  ```py\n  x = a*'],
    ['> $$\n> x**2', '> $$\n> x**2'],
    ['> ```\n> a **b', '> ```\n> a **b'],
    // Closed code and math are not counted: the `**` inside them opens nothing.
    ['`a**b` and $x**2$ and **c', '`a**b` and $x**2$ and **c**'],
    // A `$` just typed may be money (`$100-$200`): it waits for the next character.
    ['$100-$', '$100-'],
    ['$x$', '$x'],
    ['$x$ and *it', '$x$ and *it*'],
    ['20~25 and 3~4', '20~25 and 3~4'],
  ])('heals %j as %j', (source, healed) => {
    expect(healTail(source)).toBe(healed);
  });
});

describe('healing never edits code or math while a reply streams', () => {
  it('never shows the formula of the issue as y\\~x, at any step', () => {
    const { body, update } = renderMarkdown('', true);
    let text = '';
    for (const chunk of ['Fit the model\n', '$$\n', 'y~x\n', '$$']) {
      text += chunk;
      update(text);
      expect(body.textContent).not.toContain('\\~');
      for (const tex of verbatim(body)) expect(tex).not.toContain('\\~');
    }
    update(text, false);
    expect(verbatim(body)).toEqual(['math: y~x']);
  });

  const corpus = [
    'Fit the model\n$$\ny~x\n$$\n\nDone.',
    '- Step one: run `npm test -- --watch`\n- Step two:\n\n  ```sh\n  echo "a*b" ~/x **\n  ```\n- Then \\(a_1 + b_2\\) holds.',
    '> Quote with\n> $$\n> x**2 + y_1 ~ z\n> $$\n> and `co~de` after.',
    'So \\(a/b\\) and\n\\[\n\\int_0^1 x\\,dx = \\frac{1}{2}\n\\]\nwhere **$x^2$** and `**not bold**`.',
    '**Bold `code *x*` end** and ~~old `y~~z`~~ and _it $a_b$ c_',
    '1. $$E = mc^2$$ in a list\n2. `[link](url` in code and [real](https://e.x)',
    'Price $100-$200 and $x^2$ math; `$5` code; $\\frac{1}{2}$ half.',
    '| code | math |\n| --- | --- |\n| `x**` | \\(z^2\\) |\n| `` a`b `` | $y_1$ |',
    'Intro\n\n```js\nconst x = `a${b}`; // **\n```\n\nAfter `z` and ~~~\n~~~~\ntilde fence\n~~~~',
    '- outer\n  > ```js\n  > const a = b ** 2; // ~x~\n  > ```\n  > then \\[ a \\]',
  ];

  it.each(corpus)(
    'shows at every cut of %j only prefixes of the final code and math',
    (text) => {
      const { body, update } = renderMarkdown('', true);
      const frames: string[][] = [];
      for (let cut = 1; cut <= text.length; cut++) {
        update(text.slice(0, cut));
        frames.push(verbatim(body));
      }
      update(text, false);
      const final = verbatim(body);
      expect(final.length).toBeGreaterThan(0);
      frames.forEach((frame, index) => {
        frame.forEach((shown, position) => {
          const cut = JSON.stringify(text.slice(0, index + 1));
          expect(final[position]?.startsWith(shown), `${cut} shows ${shown}`).toBe(true);
        });
      });
    },
    20_000,
  );
});
