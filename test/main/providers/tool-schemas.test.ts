import { describe, expect, it } from 'vitest';
import { geminiParameters, objectSchema } from '../../../main/providers/tool-schemas';

describe('objectSchema (Anthropic, OpenAI)', () => {
  it('makes the top an object schema with properties, keeping the rest as it is', () => {
    const input = { properties: { a: { type: 'string', format: 'uri' } }, required: ['a'] };
    expect(objectSchema(input)).toEqual({ type: 'object', ...input });
    expect(objectSchema({})).toEqual({ type: 'object', properties: {} });
    expect(objectSchema({ type: 'object', additionalProperties: false })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {},
    });
  });
});

describe('geminiParameters', () => {
  it('strips what Gemini refuses and never changes its input', () => {
    const input = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Args',
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^x-': { type: 'string' } },
      properties: {
        when: { type: 'string', format: 'date-time', examples: ['2025-01-01T00:00:00Z'] },
        site: { type: 'string', format: 'uri', default: 'https://example.com' },
        count: { type: 'integer', format: 'int32', minimum: 1, exclusiveMaximum: 10 },
        mode: { const: 'fast' },
        level: { enum: [1, 2, 3], description: 'How hard.' },
        tags: { type: 'array' },
        note: { type: ['string', 'null'], maxLength: 20 },
      },
      required: ['when', 'missing'],
    };
    const before = structuredClone(input);
    expect(geminiParameters(input)).toEqual({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        site: { type: 'string' },
        count: { type: 'integer', format: 'int32', minimum: 1 },
        mode: { type: 'string', enum: ['fast'] },
        level: { description: 'How hard. One of: 1, 2, 3.' },
        tags: { type: 'array', items: { type: 'string' } },
        note: { type: 'string', nullable: true, maxLength: 20 },
      },
      required: ['when'],
    });
    expect(input).toEqual(before);
  });

  it('inlines $ref definitions, merges allOf and turns oneOf into anyOf', () => {
    const input = {
      type: 'object',
      $defs: { point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
      properties: {
        from: { $ref: '#/$defs/point', description: 'Start.' },
        to: {
          allOf: [{ $ref: '#/definitions/missing' }, { properties: { y: { type: 'number' } } }],
        },
        either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        maybe: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
      },
    };
    expect(geminiParameters(input)).toEqual({
      type: 'object',
      properties: {
        from: {
          type: 'object',
          description: 'Start.',
          properties: { x: { type: 'number' } },
          required: ['x'],
        },
        to: { type: 'object', properties: { y: { type: 'number' } } },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        maybe: { type: 'boolean', nullable: true },
      },
    });
  });

  it('cuts a recursive $ref off instead of looping', () => {
    const input = {
      type: 'object',
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
      properties: { root: { $ref: '#/$defs/node' } },
    };
    const cleaned = JSON.stringify(geminiParameters(input));
    expect(cleaned).not.toContain('$ref');
    expect(cleaned.length).toBeLessThan(2_000);
  });

  it('is undefined for a tool without arguments', () => {
    expect(geminiParameters({ type: 'object', properties: {} })).toBeUndefined();
    expect(geminiParameters({})).toBeUndefined();
  });
});
