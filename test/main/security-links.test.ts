/**
 * Link schemes: only http, https and mailto ever reach the OS (shell.openExternal), whatever a
 * hostile reply or a compromised renderer asks for. Checked on main's allowlist directly and on
 * the `links:open` channel; the UI side (a reply's links go through main, hostile ones are never
 * rendered as links) is test/e2e/xss.test.ts and test/e2e/markdown.test.ts. The basic schemes are
 * in test/main/security.test.ts and test/main/ipc/register-handlers.test.ts; these are the tricks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../preload/api';
import type { EventSink } from '../../main/chat/chat-service';
import { registerHandlers, type InvokeEvent } from '../../main/ipc/register-handlers';
import { isSafeExternalUrl } from '../../main/security';
import { createServices, type Services } from '../../main/services';
import { createTestCipher } from '../harness/test-cipher';
import { MemoryStore } from './storage/memory-store';

/** Every one of these must be refused, by the allowlist and by the channel. */
const refused = [
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'FiLe:///C:/Windows/System32/calc.exe',
  'file:C:/Windows/System32/calc.exe',
  'file:\\\\attacker\\share\\x.exe',
  '\\\\attacker\\share\\x.exe',
  'C:\\Windows\\System32\\calc.exe',
  '/etc/passwd',
  'SMB://attacker/share',
  'MS-MSDT:/id PCWDiagnostic /skip force',
  'ms-officecmd:{"id":1}',
  'ms-excel:ofe|u|https://attacker/x.xlsx',
  'ms-word:ofe|u|https://attacker/x.docx',
  'ms-settings:',
  'search-ms:query=x&crumb=location:\\\\attacker\\share',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:,hello',
  'blob:https://example.com/0f6a',
  'filesystem:https://example.com/temporary/x',
  'chrome://settings',
  'chrome-extension://abc/x.html',
  'devtools://devtools/bundled/inspector.html',
  'view-source:https://example.com/',
  'jar:file:///x.jar!/',
  'steam://run/1',
  'slack://open',
  'zoommtg://zoom.us/join',
  'x-apple.systempreferences:',
  'tel:+15555550100',
  'sms:+15555550100',
  'ssh://attacker/',
  'ftp://attacker/x',
  'ws://attacker/',
  'wss://attacker/',
  'parley://open',
  'app://parley/index.html',
  // Whitespace and control characters the URL parser strips: still javascript: underneath.
  '\tjavascript:alert(1)',
  '\njavascript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001\u001fjavascript:alert(1)',
  '\u00a0javascript:alert(1)',
  '\u2028javascript:alert(1)',
  '\ufeffjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'javascript\t:alert(1)',
  'JAVA\tSCRIPT:alert(1)',
  'javascript:/*https://example.com*/alert(1)',
  'javascript://https://example.com/%0aalert(1)',
  'javascript&colon;alert(1)',
  'jav&#x09;ascript:alert(1)',
  '%6aavascript:alert(1)',
  'javascript%3aalert(1)',
  ' file:///etc/passwd',
  'fi\tle:///etc/passwd',
  'https',
  'https:',
  'https://',
  'mailto',
  '',
  ' ',
  '\u0000',
];

/** Safe links, however oddly written: each reaches the OS in its parsed, normalized form. */
const normalized: Array<[input: string, opened: string]> = [
  ['HtTpS://Example.COM/Path', 'https://example.com/Path'],
  ['\thttps://example.com/', 'https://example.com/'],
  ['  https://example.com/  ', 'https://example.com/'],
  ['ht\ttps://example.com/a b', 'https://example.com/a%20b'],
  ['https://exa\nmple.com/', 'https://example.com/'],
  ['https://example.com/\r\nSet-Cookie: x', 'https://example.com/Set-Cookie:%20x'],
  ['https:example.com', 'https://example.com/'],
  ['https://example.com/%00x', 'https://example.com/%00x'],
  ['HTTP://LOCALHOST:11434', 'http://localhost:11434/'],
  ['MAILTO:dev@parley.invalid', 'mailto:dev@parley.invalid'],
  ['mailto:a@b.example?subject=hi there', 'mailto:a@b.example?subject=hi%20there'],
  // A mail draft keeps its addresses, subject, body, cc and bcc, and nothing a mail client could
  // act on: attach= makes some clients attach a local file; to= would re-address the draft.
  ['mailto:a@b.example?attach=/etc/passwd', 'mailto:a@b.example'],
  ['mailto:me@ex ample.com\t', 'mailto:me@ex%20ample.com'],
  [
    'mailto:a@b.example?subject=Hi&attach=%2Fetc%2Fpasswd&body=1+1&CC=c@d.example&bcc=e@f.example',
    'mailto:a@b.example?subject=Hi&body=1+1&cc=c@d.example&bcc=e@f.example',
  ],
  ['mailto:a@b.example?%61ttach=/etc/passwd&ATTACHMENT=~/.ssh/id_rsa', 'mailto:a@b.example'],
  [
    'mailto:a@b.example?to=evil@x.example&from=boss@b.example&subject=x',
    'mailto:a@b.example?subject=x',
  ],
  [
    'mailto:a@b.example,c@d.example?body=hello#attach=/etc/passwd',
    'mailto:a@b.example,c@d.example?body=hello',
  ],
  ['mailto:a@b.example?%E0%A4%A=x&subject=ok', 'mailto:a@b.example?subject=ok'],
];

let services: Services;
const opened: string[] = [];
const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
const sink: EventSink = { id: 1, isDestroyed: () => false, send: () => {} };

beforeAll(() => {
  services = createServices({
    env: {},
    fetch: () => Promise.reject(new Error('no network in this test')),
    databasePath: ':memory:',
    settingsStore: new MemoryStore(),
    secretsStore: new MemoryStore(),
    cipher: createTestCipher('/tmp/parley-links'),
    openExternal: async (url) => void opened.push(url),
    writeClipboard: () => {},
    dialogs: {
      saveFile: async (fileName) => ({ saved: false, fileName }),
      openJsonFile: async () => null,
      openFiles: async () => null,
      saveBytes: async () => ({ saved: false }),
    },
    generateTitles: false,
  });
  registerHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    services,
    (url) => url.startsWith('app://parley/'),
  );
});

afterAll(async () => {
  await services?.shutdown();
});

async function openLink(url: unknown): Promise<IpcResult<null>> {
  const handler = handlers.get('links:open');
  if (!handler) throw new Error('links:open is not registered');
  const event = { sender: sink, senderFrame: { url: 'app://parley/index.html' } };
  return (await handler(event, structuredClone({ url }))) as IpcResult<null>;
}

/**
 * What may reach the OS: a parsed http(s)/mailto URL with nothing a shell could split on, and a
 * mailto link with no field but subject, body, cc and bcc.
 */
function isCleanExternalUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/^(https?:\/\/|mailto:)/.test(url) || /[\s\u0000-\u001f\u007f]/.test(url)) return false;
  if (!url.startsWith('mailto:')) return true;
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return (
    !url.includes('#') &&
    query
      .split('&')
      .filter(Boolean)
      .every((field) => /^(subject|body|cc|bcc)=/.test(field))
  );
}

describe('link schemes: the allowlist', () => {
  it.each(refused.map((url) => [JSON.stringify(url), url]))('refuses %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each(normalized)('lets %j through', (input) => {
    expect(isSafeExternalUrl(input)).toBe(true);
  });
});

describe('link schemes: the links:open channel', () => {
  it(`refuses ${refused.length} hostile links and the OS never sees one`, async () => {
    const before = opened.length;
    for (const url of refused) {
      const result = await openLink(url);
      // An empty string is refused by the schema before the allowlist sees it.
      expect(result, JSON.stringify(url)).toMatchObject({
        ok: false,
        error: { kind: url === '' ? 'invalid_payload' : 'forbidden' },
      });
    }
    expect(opened.length).toBe(before);
  });

  it('hands the OS the parsed URL, never the raw text the renderer sent', async () => {
    opened.length = 0;
    for (const [input] of normalized) {
      expect(await openLink(input), JSON.stringify(input)).toEqual({ ok: true, value: null });
    }
    expect(opened).toEqual(normalized.map(([, output]) => output));
    expect(opened.every(isCleanExternalUrl)).toBe(true);
  });

  it('only clean http, https and mailto URLs reach the OS across 5,000 generated links', async () => {
    let state = 0x11a5;
    const random = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 4_294_967_296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const schemes = [
      'http',
      'https',
      'mailto',
      'javascript',
      'file',
      'smb',
      'ms-msdt',
      'data',
      'vbscript',
      'parley',
      'ftp',
      '',
    ];
    const noise = [
      '',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u0001',
      '\u001f',
      '\u007f',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '%0a',
      '&#x09;',
    ];
    const recase = (text: string) =>
      [...text].map((char) => (random() < 0.5 ? char.toUpperCase() : char)).join('');
    const splice = (text: string) => {
      const at = Math.floor(random() * (text.length + 1));
      return text.slice(0, at) + pick(noise) + text.slice(at);
    };
    opened.length = 0;
    let accepted = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const scheme = recase(pick(schemes));
      const rest = pick([
        '//example.com/a b?x=1',
        '//attacker/share',
        'alert(1)',
        '///etc/passwd',
        'me@example.com',
        'me@example.com?attach=/etc/passwd&subject=x',
        'me@example.com?SUBJECT=x&%61ttach=~/.ssh/id_rsa#y',
        '//127.0.0.1:1/',
      ]);
      let url = `${pick(noise)}${scheme}${pick([':', ':', '%3a', '&colon;', ''])}${rest}${pick(noise)}`;
      if (random() < 0.5) url = splice(url);
      const result = await openLink(url);
      if (result.ok) accepted += 1;
      else expect(['forbidden', 'invalid_payload']).toContain(result.error.kind);
    }
    expect(opened).toHaveLength(accepted);
    expect(opened.filter((url) => !isCleanExternalUrl(url))).toEqual([]);
    console.log(
      `links: 5000 generated links, ${accepted} opened (all clean http/https/mailto), ${5_000 - accepted} refused`,
    );
  });
});
