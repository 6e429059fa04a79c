import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/check-electron';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-electron-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a package whose binary was never downloaded (no path.txt)', () => {
    expect(findElectronBinary(dir)).toEqual({
      present: false,
      reason: 'not-downloaded',
      path: join(dir, 'path.txt'),
    });
  });

  it('reports an executable that path.txt names but dist/ lacks', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir)).toEqual({
      present: false,
      reason: 'missing-file',
      path: join(dir, 'dist', 'electron'),
    });
  });

  it('finds the executable in dist/, or in ELECTRON_OVERRIDE_DIST_PATH when set', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir)).toEqual({ present: true, path: join(dir, 'dist', 'electron') });

    const override = join(dir, 'elsewhere');
    expect(findElectronBinary(dir, override).present).toBe(false);
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(findElectronBinary(dir, override)).toEqual({
      present: true,
      path: join(override, 'electron'),
    });
  });
});
