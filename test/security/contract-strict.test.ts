import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src-shared/contract';
import type { Engine } from '../../src-main/engine/engine';
import { Fixture } from '../engine/helpers';
import { acceptedTypes, formatPath, inputSchema, numberLeaves, objectNodes, placeAt, wrongTypeValue, type Step } from './schema-walk';

/**
 * No command accepts input its schema does not describe: every object in every input schema is
 * strict (an unknown key is an error, not silently dropped), every record constrains its keys,
 * every field has a type (a value of another type is an error naming the field), and every number
 * is an integer (money is integer micro-credits). Checked statically on the JSON
 * Schema of each input, then live through the engine's dispatcher, for every command of the
 * contract (new commands are covered without touching this file).
 */
const fx = new Fixture();
let engine: Engine;
beforeAll(async () => {
  engine = await fx.open();
});
afterAll(() => fx.cleanup());

const PROBE = '__not_in_the_schema__';
/** How the dispatcher names a path in INVALID_INPUT issues. */
const issuePath = (path: readonly Step[], key: string) =>
  [...path.map((s) => ('key' in s ? s.key : 'item' in s ? '0' : 'x')), key].join('.');

describe.each(COMMAND_NAMES)('%s', (name) => {
  const schema = inputSchema(name);
  const nodes = objectNodes(schema);

  it('describes its input as an object (or a union of objects)', () => {
    const tops = schema.anyOf ?? schema.oneOf ?? [schema];
    expect(tops.map((t) => t.type)).toEqual(tops.map(() => 'object'));
  });

  it('has only strict objects and key-constrained records', () => {
    const open = nodes.filter((n) => !n.closed).map((n) => `${formatPath(n.path)} (${n.kind})`);
    expect(open).toEqual([]);
  });

  it('has only integer numbers', () => {
    expect(numberLeaves(schema).filter((n) => !n.integer).map((n) => formatPath(n.path))).toEqual([]);
  });

  it('refuses an unknown key at the top level and in every nested object with INVALID_INPUT', async () => {
    for (const node of nodes.filter((n) => n.kind === 'object')) {
      const input = placeAt(node.path, { [PROBE]: 1 });
      const answer = await engine.dispatch(name, input);
      expect(answer.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('INVALID_INPUT');
      // A union reports one invalid_union issue; elsewhere the issue names the unknown key itself.
      if (node.inUnion) continue;
      const paths = (answer.error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
      expect(paths, JSON.stringify(input)).toContain(issuePath(node.path, PROBE));
    }
  });

  it('types every field', () => {
    const untyped = nodes.flatMap((n) => Object.entries(n.schema.properties ?? {}).filter(([, p]) => acceptedTypes(p) === null).map(([k]) => formatPath([...n.path, { key: k }])));
    expect(untyped).toEqual([]);
  });

  it('refuses input that is not an object with INVALID_INPUT', async () => {
    for (const input of [null, [], 'text', 7, true]) {
      const answer = await engine.dispatch(name, input);
      expect(answer.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('INVALID_INPUT');
    }
  });

  it('refuses a value of the wrong type in every field, at every depth, with INVALID_INPUT naming it', async () => {
    for (const node of nodes.filter((n) => n.kind === 'object')) {
      for (const [key, property] of Object.entries(node.schema.properties ?? {})) {
        const wrong = wrongTypeValue(property);
        const input = placeAt([...node.path, { key }], wrong);
        const answer = await engine.dispatch(name, input);
        expect(answer.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
        if (answer.ok) continue;
        expect(answer.error.code).toBe('INVALID_INPUT');
        if (node.inUnion) continue;
        const paths = (answer.error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
        expect(paths, JSON.stringify(input)).toContain(issuePath(node.path, key));
      }
    }
  });

  it('refuses an unknown record key with INVALID_INPUT', async () => {
    for (const node of nodes.filter((n) => n.kind === 'record')) {
      const answer = await engine.dispatch(name, placeAt(node.path, { [PROBE]: 1 }));
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('INVALID_INPUT');
    }
  });
});
