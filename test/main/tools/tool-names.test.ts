import { describe, expect, it } from 'vitest';
import {
  maxToolNameLength,
  providerToolNamePattern,
  ToolNameMap,
  type NamedTool,
} from '../../../main/tools/tool-names';

const tool = (serverName: string, name: string, serverId = serverName): NamedTool => ({
  serverId,
  serverName,
  tool: name,
});

/** Every name is provider-safe and maps back to exactly its own pair. */
function expectRoundTrip(map: ToolNameMap, tools: NamedTool[]) {
  const names = tools.map((entry) => map.nameOf(entry.serverId, entry.tool));
  expect(new Set(names).size).toBe(tools.length);
  tools.forEach((entry, index) => {
    const name = names[index] ?? '';
    expect(name).toMatch(providerToolNamePattern);
    expect(name.length).toBeLessThanOrEqual(maxToolNameLength);
    expect(map.resolve(name)).toEqual(entry);
  });
}

describe('ToolNameMap', () => {
  it('namespaces a plain tool as server__tool', () => {
    const map = new ToolNameMap([tool('github', 'create_issue', 'srv-1')]);
    expect(map.nameOf('srv-1', 'create_issue')).toBe('github__create_issue');
    expect(map.resolve('github__create_issue')).toEqual(tool('github', 'create_issue', 'srv-1'));
    expect(map.resolve('github__other')).toBeUndefined();
  });

  it('replaces spaces, dots and other refused characters', () => {
    const tools = [tool('My Files', 'read.file'), tool('web/search', 'fetch url!')];
    const map = new ToolNameMap(tools);
    expect(map.nameOf('My Files', 'read.file')).toBe('My_Files__read_file');
    expect(map.nameOf('web/search', 'fetch url!')).toBe('web_search__fetch_url_');
    expectRoundTrip(map, tools);
  });

  it('keeps the letters of accented names and gives pure non-Latin names a fallback', () => {
    const tools = [
      tool('café', 'résumé'),
      tool('日本語', '検索'),
      tool('🎉', 'ok'),
      tool('1pass', 'x'),
    ];
    const map = new ToolNameMap(tools);
    expect(map.nameOf('café', 'résumé')).toBe('cafe__resume');
    expect(map.nameOf('日本語', '検索')).toBe('server__tool');
    // Gemini wants a letter or underscore first.
    expect(map.nameOf('1pass', 'x')).toBe('t_1pass__x');
    expectRoundTrip(map, tools);
  });

  it('tells apart tools whose safe names collide, whatever order they come in', () => {
    const tools = [
      tool('files', 'read.file', 'a'),
      tool('files', 'read file', 'a'),
      tool('files', 'read.file', 'b'),
      tool('日本', '検索', 'c'),
      tool('中文', '搜索', 'd'),
    ];
    const map = new ToolNameMap(tools);
    expectRoundTrip(map, tools);
    const reversed = new ToolNameMap([...tools].reverse());
    for (const entry of tools) {
      expect(reversed.nameOf(entry.serverId, entry.tool)).toBe(
        map.nameOf(entry.serverId, entry.tool),
      );
    }
    expect(map.nameOf('a', 'read.file')).toMatch(/^files__read_file_[0-9a-z]{6}$/);
  });

  it('shortens names over 64 characters with a stable hash, keeping long names apart', () => {
    const long = 'x'.repeat(100);
    const tools = [tool('server', `${long}_one`), tool('server', `${long}_two`)];
    const map = new ToolNameMap(tools);
    expectRoundTrip(map, tools);
    const name = map.nameOf('server', `${long}_one`) ?? '';
    expect(name).toHaveLength(64);
    expect(name.startsWith('server__xxx')).toBe(true);
    expect(new ToolNameMap(tools).nameOf('server', `${long}_one`)).toBe(name);
    // Exactly 64 characters is still fine as it is.
    const exact = 'y'.repeat(64 - 'server__'.length);
    expect(new ToolNameMap([tool('server', exact)]).nameOf('server', exact)).toBe(
      `server__${exact}`,
    );
  });

  it('names 200 tools of several servers uniquely and maps each back', () => {
    const tools = Array.from({ length: 200 }, (_, index) =>
      tool(
        `server ${index % 7}`,
        `tool.${index % 50}`,
        `id-${index % 7}-${Math.floor(index / 50)}`,
      ),
    );
    const map = new ToolNameMap(tools);
    expectRoundTrip(map, tools);
    expect(map.entries()).toHaveLength(200);
  });

  it('names a pair listed twice once', () => {
    const map = new ToolNameMap([tool('a', 'b'), tool('a', 'b')]);
    expect(map.entries()).toEqual([['a__b', tool('a', 'b')]]);
  });
});
