import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const config = load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<
  string,
  unknown
>;
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  homepage?: string;
};

// electron-builder's own schema, to catch a misspelt key that would otherwise be ignored.
const schema = JSON.parse(
  readFileSync(new URL('node_modules/app-builder-lib/scheme.json', root), 'utf8'),
) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

const section = (name: string) => config[name] as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('publishes to GitHub releases, where electron-updater looks for updates', () => {
    expect(config.publish).toEqual({
      provider: 'github',
      owner: 'parley-app',
      repo: 'parley',
      releaseType: 'draft',
    });
  });

  it('has a 1024×1024 icon in build/ for every platform to derive from', () => {
    const png = readFileSync(new URL('build/icon.png', root));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('names the app', () => {
    expect(config.appId).toBe('app.parley.desktop');
    expect(config.productName).toBe('Parley');
  });

  it('writes installers to release/, never into the renderer build', () => {
    expect(section('directories').output).toBe('release');
  });

  it('packs the builds and package.json into an asar, without source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**', 'dist-electron/**', 'package.json', '!**/*.map']);
    expect(packageJson.main.startsWith('dist-electron/')).toBe(true);
  });

  it('builds dmg and zip for macOS, with the hardened runtime', () => {
    expect(section('mac')).toMatchObject({
      target: ['dmg', 'zip'],
      category: 'public.app-category.productivity',
      hardenedRuntime: true,
    });
  });

  it('builds an NSIS installer for Windows', () => {
    expect(section('win').target).toEqual(['nsis']);
  });

  it('builds AppImage and deb for Linux, with a maintainer and a homepage', () => {
    expect(section('linux')).toMatchObject({
      target: ['AppImage', 'deb'],
      category: 'Utility',
      maintainer: 'Parley developers <dev@parley.invalid>',
    });
    // The deb's homepage is read from package.json; electron-builder fails without one.
    expect(packageJson.homepage).toMatch(/^https:\/\//);
  });

  it('flips every fuse to its hardened setting', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it("uses only keys electron-builder's schema knows", () => {
    for (const key of Object.keys(config)) expect(schema.properties).toHaveProperty([key]);
    const known = (definition: string) =>
      Object.keys(schema.definitions[definition]?.properties ?? {});
    expect(known('FuseOptionsV1')).toEqual(
      expect.arrayContaining(Object.keys(section('electronFuses'))),
    );
    expect(known('MacConfiguration')).toEqual(expect.arrayContaining(Object.keys(section('mac'))));
    expect(known('WindowsConfiguration')).toEqual(
      expect.arrayContaining(Object.keys(section('win'))),
    );
    expect(known('LinuxConfiguration')).toEqual(
      expect.arrayContaining(Object.keys(section('linux'))),
    );
  });
});
