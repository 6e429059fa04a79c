/**
 * A tool's argument schema (MCP `inputSchema`, JSON Schema) as each provider accepts it. MCP
 * servers write whatever JSON Schema they like; a schema a provider refuses fails the whole
 * request, so schemas are cleaned (never rejected): what a provider would refuse is left out.
 * The input is never changed; every function returns a new object.
 *
 * - Anthropic and OpenAI take JSON Schema as it is, but want an object schema at the top, and
 *   some OpenAI-format servers refuse an object schema without `properties`.
 * - Gemini takes only a subset of OpenAPI 3.0's Schema object
 *   (https://ai.google.dev/api/caching#Schema): no `$ref`/`$defs`, `additionalProperties`,
 *   `oneOf`/`allOf`/`const`, `default`, `examples`; `type` is a single name (a nullable type is
 *   `nullable: true`); `enum` only of strings; `format` only `enum`/`date-time` on strings and
 *   `float`/`double`/`int32`/`int64` on numbers; an array needs `items`.
 */
import { isRecord, type JsonRecord } from './json-guards';

/** An object schema with `properties`, for Anthropic's `input_schema` and OpenAI's `parameters`. */
export function objectSchema(schema: JsonRecord): JsonRecord {
  const copy: JsonRecord = { ...schema, type: 'object' };
  if (!isRecord(copy.properties)) copy.properties = {};
  return copy;
}

/**
 * Gemini's `parameters` for a schema, or undefined when the tool takes no arguments (Gemini
 * refuses an object schema whose `properties` is empty; a declaration without `parameters` is
 * how it spells "no arguments").
 */
export function geminiParameters(schema: JsonRecord): JsonRecord | undefined {
  const cleaned = geminiSchema(objectSchema(schema), schema, 0);
  const properties = cleaned.properties;
  return isRecord(properties) && Object.keys(properties).length > 0 ? cleaned : undefined;
}

// Deeper than this, a schema is cut off (as `{}` → an untyped value): it is either a recursive
// `$ref` or no schema a model could fill in anyway.
const maxDepth = 12;

const stringFormats = new Set(['enum', 'date-time']);
const numberFormats = new Set(['float', 'double', 'int32', 'int64']);
const geminiTypes = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
// Keys copied as they are when their value has the right JSON type.
const numberKeys = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum'];

/** One schema node cleaned for Gemini; `root` is where `$ref`s are looked up. */
function geminiSchema(node: JsonRecord, root: JsonRecord, depth: number): JsonRecord {
  if (depth > maxDepth) return {};
  const resolved = resolveRef(node, root);
  if (resolved !== node) {
    // A ref's own description (the one at the use site) wins over the definition's.
    const merged = { ...resolved, ...withoutRef(node) };
    return geminiSchema(merged, root, depth + 1);
  }
  const allOf = Array.isArray(node.allOf) ? node.allOf.filter(isRecord) : [];
  if (allOf.length > 0) {
    const rest: JsonRecord = { ...node };
    delete rest.allOf;
    return geminiSchema(
      mergeAll([rest, ...allOf.map((part) => resolveRef(part, root))]),
      root,
      depth + 1,
    );
  }

  const out: JsonRecord = {};
  const { type, nullable } = geminiType(node);
  if (typeof node.description === 'string') out.description = node.description;

  const alternatives = [node.anyOf, node.oneOf].find(Array.isArray);
  if (alternatives) {
    const options = alternatives.filter(isRecord);
    const nonNull = options.filter((option) => option.type !== 'null');
    const isNullable = nullable || nonNull.length < options.length;
    if (nonNull.length === 1 && nonNull[0]) {
      const only = geminiSchema({ ...nonNull[0] }, root, depth + 1);
      return { ...only, ...out, ...(isNullable ? { nullable: true } : {}) };
    }
    if (nonNull.length > 1) {
      out.anyOf = nonNull.map((option) => geminiSchema(option, root, depth + 1));
      if (isNullable) out.nullable = true;
      return out;
    }
  }

  let values = Array.isArray(node.enum) ? node.enum : undefined;
  if (node.const !== undefined) values = [node.const];
  const stringsOnly = values?.every((value) => typeof value === 'string') ?? false;
  const effectiveType = type ?? (stringsOnly ? 'string' : undefined);
  if (effectiveType) out.type = effectiveType;
  if (nullable) out.nullable = true;
  // Gemini takes enum only on strings; other enums are described instead of dropped silently.
  if (values && stringsOnly && effectiveType === 'string') out.enum = values;
  else if (values) {
    const listed = values.map((value) => JSON.stringify(value)).join(', ');
    out.description = [out.description, `One of: ${listed}.`].filter(Boolean).join(' ');
  }

  if (typeof node.format === 'string') {
    const allowed = effectiveType === 'string' ? stringFormats : numberFormats;
    if (allowed.has(node.format) && effectiveType !== undefined) out.format = node.format;
  }
  for (const key of numberKeys) if (typeof node[key] === 'number') out[key] = node[key];

  if (effectiveType === 'object' || (effectiveType === undefined && isRecord(node.properties))) {
    if (effectiveType === undefined) out.type = 'object';
    const properties: JsonRecord = {};
    if (isRecord(node.properties)) {
      for (const [name, value] of Object.entries(node.properties)) {
        if (isRecord(value)) properties[name] = geminiSchema(value, root, depth + 1);
      }
    }
    out.properties = properties;
    const required = Array.isArray(node.required)
      ? node.required.filter(
          (name): name is string => typeof name === 'string' && name in properties,
        )
      : [];
    if (required.length > 0) out.required = required;
  }
  if (effectiveType === 'array') {
    const items = Array.isArray(node.items) ? node.items.find(isRecord) : node.items;
    const cleaned = isRecord(items) ? geminiSchema(items, root, depth + 1) : {};
    // An array needs items with a type; an untyped one is taken as strings.
    out.items =
      cleaned.type === undefined && cleaned.anyOf === undefined
        ? { ...cleaned, type: 'string' }
        : cleaned;
  }
  return out;
}

/** The single Gemini type of a node (`["string","null"]` → string, nullable), if it names one. */
function geminiType(node: JsonRecord): { type?: string; nullable: boolean } {
  const names = (Array.isArray(node.type) ? node.type : [node.type]).filter(
    (name): name is string => typeof name === 'string',
  );
  const nullable = node.nullable === true || names.includes('null');
  const type = names.find((name) => geminiTypes.has(name));
  return type === undefined ? { nullable } : { type, nullable };
}

/** The definition a local `$ref` (`#/$defs/X`, `#/definitions/X`, any `#/…` path) points at, else `node`. */
function resolveRef(node: JsonRecord, root: JsonRecord): JsonRecord {
  if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) return node;
  let target: unknown = root;
  for (const segment of node.$ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isRecord(target) ? target[key] : undefined;
  }
  // A ref that cannot be followed (remote, or broken) leaves an untyped value.
  return isRecord(target) ? target : withoutRef(node);
}

function withoutRef(node: JsonRecord): JsonRecord {
  const copy = { ...node };
  delete copy.$ref;
  return copy;
}

/** `allOf` parts as one schema: properties and required lists united, other keys first wins. */
function mergeAll(parts: JsonRecord[]): JsonRecord {
  const merged: JsonRecord = {};
  const properties: JsonRecord = {};
  const required: unknown[] = [];
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isRecord(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) required.push(...value);
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}
