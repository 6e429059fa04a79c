/**
 * The production renderer's Content-Security-Policy, proven in Chromium: the harness serves the
 * build with the same header app:// sends. Inline script, inline handlers, javascript: URLs, eval
 * and script from anywhere but the app itself never run, and each attempt is reported as a
 * violation. The markdown XSS corpus (test/e2e/xss.test.ts) proves nothing hostile gets as far
 * as the DOM; this proves that if something did, the page would still refuse to run it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp } from '../../main/security';
import { useApp } from './support/app-fixture';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

// The mock is never asked: these tests send no message.
const app = useApp({ scope: 'all' });

beforeAll(async () => {
  // The app's own scripts ran (they are 'self'): the composer is on screen.
  await app.page.getByRole('textbox', { name: 'Message' }).waitFor();
  await app.page.evaluate(() => {
    const list: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (event) => {
      list.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  });
});

/**
 * Chromium's console report of a refusal these tests provoke on purpose: the allow-list entry
 * for exactly that kind of attempt (`what` starts the message, e.g. "Executing inline script").
 */
const refused = (what: string) =>
  new RegExp(`^console\\.error: ${what} violates the following Content Security Policy directive`);

async function violations(): Promise<Violation[]> {
  return app.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

async function ran(flag: string): Promise<boolean> {
  return app.page.evaluate((name) => name in window, flag);
}

describe('the production CSP', () => {
  it('is the one main builds, on the page Chromium loaded', async () => {
    const response = await fetch(app.page.url());
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp({ dev: false }));
    await response.body?.cancel();
  });

  it('blocks an inline <script> and reports it', async () => {
    app.allowErrors({ page: [refused('Executing inline script')] });
    await app.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
    });
    await expect
      .poll(violations)
      .toContainEqual(expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' }));
    expect(await ran('__inlineRan')).toBe(false);
  });

  it('blocks inline event handlers and javascript: URLs', async () => {
    app.allowErrors({
      page: [refused('Executing inline event handler'), refused('Running the JavaScript URL')],
    });
    await app.page.evaluate(() => {
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.__handlerRan = true');
      image.src = 'data:image/png;base64,broken';
      document.body.append(image);
      const link = document.createElement('a');
      link.href = 'javascript:window.__linkRan = true';
      document.body.append(link);
      link.click();
    });
    await expect
      .poll(async () => (await violations()).filter((v) => v.directive === 'script-src-attr'))
      .toHaveLength(1);
    await expect
      .poll(async () => (await violations()).filter((v) => v.directive === 'script-src-elem'))
      .toHaveLength(2);
    expect(await ran('__handlerRan')).toBe(false);
    expect(await ran('__linkRan')).toBe(false);
  });

  it('makes eval, new Function and string timers throw EvalError', async () => {
    app.allowErrors({ page: [refused('Evaluating a string as JavaScript')] });
    // Run from a timer, as page code would: DevTools allows eval inside its own evaluate call.
    await app.page.evaluate(() => {
      const attempt = (run: () => unknown) => {
        try {
          run();
          return 'ran';
        } catch (error) {
          return error instanceof Error ? error.name : String(error);
        }
      };
      setTimeout(() => {
        (window as unknown as { __outcomes: Record<string, string> }).__outcomes = {
          // Indirect eval, so no bundler or linter rewrites it.
          eval: attempt(() => (0, window.eval)('window.__evalRan = true')),
          Function: attempt(() => new Function('window.__functionRan = true')()),
          setTimeout: attempt(() =>
            (window.setTimeout as unknown as (code: string) => number)('window.__timerRan = true'),
          ),
        };
        // Queued after the string timer: once this has run, that timer would have run too.
        setTimeout(() => {
          (window as unknown as { __timersDone: boolean }).__timersDone = true;
        });
      });
    });
    await expect.poll(() => ran('__timersDone')).toBe(true);
    const outcomes = await app.page.evaluate(
      () => (window as unknown as { __outcomes: Record<string, string> }).__outcomes,
    );
    expect(outcomes.eval).toBe('EvalError');
    expect(outcomes.Function).toBe('EvalError');
    // A string timer is dropped silently (it returns an id); it must not run either.
    expect(['EvalError', 'ran']).toContain(outcomes.setTimeout);
    for (const flag of ['__evalRan', '__functionRan', '__timerRan']) {
      expect(await ran(flag)).toBe(false);
    }
    await expect
      .poll(async () => (await violations()).filter((v) => v.directive === 'script-src'))
      .toHaveLength(3);
  });

  it('blocks script from another origin and from data: URLs', async () => {
    app.allowErrors({
      page: [refused("Loading the script '(https://evil\\.example/|data:)[^']*'")],
    });
    await app.page.evaluate(() => {
      for (const src of [
        'https://evil.example/x.js',
        'data:text/javascript,window.__dataRan=true',
      ]) {
        const script = document.createElement('script');
        script.src = src;
        document.body.append(script);
      }
    });
    await expect
      .poll(async () => (await violations()).map((v) => v.blocked))
      .toEqual(expect.arrayContaining(['https://evil.example/x.js', 'data']));
    expect(await ran('__dataRan')).toBe(false);
    console.log(
      `csp: ${(await violations()).length} violations reported, no injected script ran ` +
        `(${[...new Set((await violations()).map((v) => v.directive))].join(', ')})`,
    );
  });
});
