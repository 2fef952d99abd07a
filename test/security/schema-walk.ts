import { z } from 'zod';
import { commands, type CommandName } from '../../src-shared/contract';

/** A JSON Schema node as zod's z.toJSONSchema writes it (the parts used here). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/** One step from a value to a nested one: an object key, "any array element", or "any record value". */
export type Step = { key: string } | { item: true } | { value: true };

export const formatPath = (path: readonly Step[]) =>
  path.map((s) => ('key' in s ? s.key : 'item' in s ? '[]' : '{}')).join('.').replaceAll('.[]', '[]') || '(input)';

/** The input schema of a command as JSON Schema, the way a client sees it (io: 'input'). */
export function inputSchema(name: CommandName): JsonSchema {
  return z.toJSONSchema(commands[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export interface ObjectNode {
  path: Step[];
  kind: 'object' | 'record';
  /** object: no key beyond `properties`; record: keys constrained by a pattern or enum. */
  closed: boolean;
  /** Inside a union of alternatives: zod then reports one invalid_union issue, not the key's path. */
  inUnion: boolean;
  schema: JsonSchema;
}

export interface NumberLeaf {
  path: Step[];
  integer: boolean;
  minimum: number | undefined;
}

type Visit = (node: JsonSchema, path: Step[], inUnion: boolean) => void;

/** anyOf [X, {type: null}] is how a nullable field looks, not a union of alternatives. */
const isUnion = (alternatives: JsonSchema[]) => alternatives.filter((a) => a.type !== 'null').length > 1;

function children(node: JsonSchema, path: Step[], inUnion: boolean, visit: Visit): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, [...path, { key }], inUnion);
  if (node.items) visit(node.items, [...path, { item: true }], inUnion);
  if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, [...path, { value: true }], inUnion);
  for (const alternatives of [node.anyOf ?? [], node.oneOf ?? []]) {
    for (const alt of alternatives) visit(alt, path, inUnion || isUnion(alternatives));
  }
  for (const part of node.allOf ?? []) visit(part, path, inUnion);
}

/** Every object and record schema reachable in `root`, with its path. */
export function objectNodes(root: JsonSchema): ObjectNode[] {
  const out: ObjectNode[] = [];
  const visit: Visit = (node, path, inUnion) => {
    if (node.type === 'object') {
      const isRecord = node.propertyNames !== undefined || (typeof node.additionalProperties === 'object' && node.properties === undefined);
      out.push(
        isRecord
          ? { path, kind: 'record', closed: node.propertyNames?.pattern !== undefined || node.propertyNames?.enum !== undefined, inUnion, schema: node }
          : { path, kind: 'object', closed: node.additionalProperties === false, inUnion, schema: node },
      );
    }
    children(node, path, inUnion, visit);
  };
  visit(root, [], false);
  return out;
}

/** Every number in `root`, and whether it must be an integer. */
export function numberLeaves(root: JsonSchema): NumberLeaf[] {
  const out: NumberLeaf[] = [];
  const visit: Visit = (node, path, inUnion) => {
    if (node.type === 'integer' || node.type === 'number') out.push({ path, integer: node.type === 'integer', minimum: node.minimum });
    children(node, path, inUnion, visit);
  };
  visit(root, [], false);
  return out;
}

/** An input holding `leaf` at `path` (arrays get one element, records one key "x"). */
export function placeAt(path: readonly Step[], leaf: unknown): unknown {
  let value = leaf;
  for (const step of [...path].reverse()) {
    value = 'key' in step ? { [step.key]: value } : 'item' in step ? [value] : { x: value };
  }
  return value;
}

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

const jsonTypeOf = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : (typeof value as JsonType);

/**
 * The JSON types a schema node admits, or null when it admits any value (no type, enum or const
 * anywhere: such a field would accept input the contract does not describe).
 */
export function acceptedTypes(node: JsonSchema): Set<JsonType> | null {
  if (node.type !== undefined) {
    const types = new Set((Array.isArray(node.type) ? node.type : [node.type]) as JsonType[]);
    if (types.has('number')) types.add('integer');
    return types;
  }
  if (node.enum) return new Set(node.enum.map(jsonTypeOf));
  if ('const' in node) return new Set([jsonTypeOf(node.const)]);
  const alternatives = node.anyOf ?? node.oneOf ?? node.allOf;
  if (!alternatives || alternatives.length === 0) return null;
  const out = new Set<JsonType>();
  for (const alt of alternatives) {
    const types = acceptedTypes(alt);
    if (types === null) return null;
    types.forEach((t) => out.add(t));
  }
  return out;
}

const WRONG_VALUES: unknown[] = ['not-the-type', 7, 0.5, true, [], {}, null];

/** A value of a JSON type the node does not admit (null if it admits every type). */
export function wrongTypeValue(node: JsonSchema): unknown {
  const types = acceptedTypes(node);
  if (types === null) return null;
  return WRONG_VALUES.find((v) => !types.has(jsonTypeOf(v))) ?? null;
}
