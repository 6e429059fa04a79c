import { describe, expect, it } from 'vitest';
import { toToolResult } from '../../../main/mcp/tool-result';

describe('toToolResult', () => {
  it('converts each MCP content kind', () => {
    const result = toToolResult({
      isError: true,
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', mimeType: 'image/png', data: 'iVBO' },
        { type: 'audio', mimeType: 'audio/wav', data: 'AAAA' },
        { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'A' } },
        { type: 'resource', resource: { uri: 'file:///b.bin', blob: 'AAAAAAAA' } },
        { type: 'resource_link', uri: 'file:///c', name: 'c', mimeType: 'text/plain' },
      ],
    });
    expect(result).toEqual({
      isError: true,
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', mimeType: 'image/png', data: 'iVBO' },
        { type: 'text', text: '[The tool returned audio/wav audio (3 bytes), not shown.]' },
        { type: 'resource', uri: 'file:///a.txt', mimeType: 'text/plain', text: 'A' },
        { type: 'resource', uri: 'file:///b.bin', text: '[binary content, 6 bytes]' },
        { type: 'resource', uri: 'file:///c', mimeType: 'text/plain', name: 'c' },
      ],
    });
  });

  it('shows structuredContent as JSON when there is no content', () => {
    const result = toToolResult({ content: [], structuredContent: { sum: 5 } });
    expect(result.content).toEqual([{ type: 'text', text: '{\n  "sum": 5\n}' }]);
    expect(result.isError).toBe(false);
  });

  it('cuts text over the cap across blocks, with a note where it cut', () => {
    const result = toToolResult(
      {
        content: [
          { type: 'text', text: 'a'.repeat(6) },
          { type: 'text', text: 'b'.repeat(6) },
        ],
      },
      8,
    );
    expect(result.truncated).toEqual({ keptChars: 8, totalChars: 12 });
    expect(result.content).toHaveLength(2);
    expect(result.content[1]).toEqual({
      type: 'text',
      text: 'bb\n\n[Parley kept the first 8 of 12 characters of this result.]',
    });
  });
});
