import { describe, expect, it } from 'vitest';
import { buildToolset } from '../../../main/tools/toolset';
import type { AvailableTool } from '../../../main/tools/tool-source';

function tool(serverName: string, name: string): AvailableTool {
  return {
    serverId: `id-${serverName}`,
    serverName,
    name,
    description: name,
    inputSchema: { type: 'object', properties: {} },
    readOnly: false,
    destructive: true,
  };
}

describe('buildToolset', () => {
  it('offers provider-safe names that resolve back to the exact server and tool', () => {
    const tools = [tool('My Files', 'read.file'), tool('web', 'read.file')];
    const toolset = buildToolset(tools, [], undefined);
    const names = toolset.definitions.map((definition) => definition.name);
    expect(names).toEqual(['My_Files__read_file', 'web__read_file']);
    expect(toolset.resolve('My_Files__read_file')).toBe(tools[0]);
    expect(toolset.resolve('web__read_file')).toBe(tools[1]);
    expect(toolset.resolve('read.file')).toBeUndefined();
    expect(toolset.notices).toEqual([]);
  });

  it('never exceeds the provider limit and says how many tools were left out, and which servers failed', () => {
    const tools = Array.from({ length: 200 }, (_, index) => tool('big', `tool_${index}`));
    const toolset = buildToolset(
      tools,
      [{ serverName: 'broken', message: 'it did not start.' }],
      128,
    );
    expect(toolset.definitions).toHaveLength(128);
    expect(toolset.resolve(toolset.definitions[127]?.name ?? '')).toBe(tools[127]);
    expect(toolset.notices).toEqual([
      'Tools from broken are not available: it did not start.',
      expect.stringContaining('at most 128 tools per request, so 72 of 200 were left out'),
    ]);
  });
});
