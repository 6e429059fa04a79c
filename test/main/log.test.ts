import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

let dir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('main log', () => {
  it('writes to stderr only until logToFolder, then also to <dir>/main.log', async () => {
    const { log, logToFolder } = await import('../../main/log');
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    dir = mkdtempSync(join(tmpdir(), 'parley-log-'));
    log('before the file', null);
    const path = logToFolder(join(dir, 'logs'));
    log('settings.json could not be saved', new Error('EROFS: read-only file system'));

    expect(path).toBe(join(dir, 'logs', 'main.log'));
    expect(stderr).toHaveBeenCalledWith('[parley] before the file');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('before the file');
    expect(text).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z settings\.json could not be saved\n {2}Error: EROFS/,
    );
    // The stack comes along, indented under its sentence.
    expect(text).toMatch(/\n {6}at /);
  });

  it('formats a thrown non-Error and a missing error', async () => {
    const { formatLogLine } = await import('../../main/log');
    const time = new Date('2026-01-02T03:04:05.678Z');
    expect(formatLogLine(time, 'refused chat:send', null)).toBe(
      '2026-01-02T03:04:05.678Z refused chat:send',
    );
    expect(formatLogLine(time, 'failed', { code: 7 })).toBe(
      '2026-01-02T03:04:05.678Z failed\n  { code: 7 }',
    );
  });
});
