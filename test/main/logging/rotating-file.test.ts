import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotatingFile } from '../../../main/logging/rotating-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('createRotatingFile', () => {
  it('creates its folder and appends whole lines to main.log', () => {
    const logs = join(dir, 'logs');
    const file = createRotatingFile({ dir: logs });
    expect(file.path).toBe(join(logs, 'main.log'));
    expect(file.write('first')).toBe(true);
    expect(file.write('second')).toBe(true);
    expect(readFileSync(file.path, 'utf8')).toBe('first\nsecond\n');
  });

  it('keeps appending to the file a previous run left', () => {
    writeFileSync(join(dir, 'main.log'), 'from last run\n');
    createRotatingFile({ dir }).write('this run');
    expect(read('main.log')).toBe('from last run\nthis run\n');
  });

  it('rotates before a write would pass maxBytes, keeping the newest files', () => {
    const file = createRotatingFile({ dir, maxBytes: 20, keep: 2 });
    // Each line is 10 bytes with its newline: two fit in a file.
    for (const n of [1, 2, 3, 4, 5, 6, 7]) file.write(`line ${n}...`);
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    expect(read('main.log')).toBe('line 7...\n');
    expect(read('main.log.1')).toBe('line 5...\nline 6...\n');
    expect(read('main.log.2')).toBe('line 3...\nline 4...\n');
  });

  it('counts the size of a file left by a previous run', () => {
    writeFileSync(join(dir, 'main.log'), 'x'.repeat(15));
    createRotatingFile({ dir, maxBytes: 20 }).write('0123456789');
    expect(read('main.log.1')).toBe('x'.repeat(15));
    expect(read('main.log')).toBe('0123456789\n');
  });

  it('writes a line longer than maxBytes into a file of its own', () => {
    const file = createRotatingFile({ dir, maxBytes: 10 });
    file.write('a'.repeat(30));
    file.write('b');
    expect(read('main.log.1')).toBe(`${'a'.repeat(30)}\n`);
    expect(read('main.log')).toBe('b\n');
  });

  it('reports a failed write instead of throwing, and recovers once the folder can be made', () => {
    // A file where the folder should be makes mkdir fail, as a read-only disk would (for root too).
    const blocked = join(dir, 'logs');
    writeFileSync(blocked, '');
    const file = createRotatingFile({ dir: blocked });
    expect(file.write('lost')).toBe(false);
    rmSync(blocked);
    expect(file.write('kept')).toBe(true);
    expect(readFileSync(file.path, 'utf8')).toBe('kept\n');
  });
});
