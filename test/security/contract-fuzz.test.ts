import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, isCommandName, type CommandName } from '../../src-shared/contract';
import { ERROR_CODES } from '../../src-shared/errors';
import type { Engine } from '../../src-main/engine/engine';
import { MAX_BODY_BYTES, serve, type RunningServer } from '../../src-main/host/serve';
import { Fixture } from '../engine/helpers';
import { inputSchema, numberLeaves, placeAt } from './schema-walk';
import { settledStoreHash, storeDiff, storeHash, storeLines } from './store-hash';

/**
 * Property-based fuzzing of every command of the contract over JSON-RPC against a real `serve`
 * (in process, on 127.0.0.1:0): malformed inputs of every kind must each get a clear error (a
 * JSON-RPC error whose data.code is a contract code, -32700 / -32600 for parse / invalid request, or
 * HTTP 413), the engine must stay up (system.health answers after every case) and the store must
 * not change (storeHash). Commands come from `commands`, so new ones are fuzzed automatically.
 *
 * FUZZ_RUNS (default 300) sets the number of cases, FUZZ_SEED replays a failing run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const TOKEN = 'fuzz-token-0123456789abcdef';

const fx = new Fixture();
let engine: Engine;
let server: RunningServer;
let baseline: string;
let baselineLines: string[];

beforeAll(async () => {
  const dir = await fx.tempDir();
  engine = await fx.open(join(dir, 'data'));
  const opened = await engine.dispatch('marketplace.openDemo', {});
  expect(opened.ok).toBe(true);
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  // The limiter is tested on its own; here it must not turn fast sequential cases into 429s.
  server = await serve(engine, { port: 0, host: '127.0.0.1', token: TOKEN, rendererDir, rateLimit: { ratePerSecond: 1e9, burst: 1e9 } });
  baseline = await settledStoreHash(engine);
  baselineLines = await storeLines(engine);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fx.cleanup();
});

// ---------------------------------------------------------------------------------------------
// Generators

type Family =
  | 'non-object'
  | 'extra-key'
  | 'wrong-type'
  | 'missing-fields'
  | 'huge-string'
  | 'deep-nesting'
  | 'nan-infinity'
  | 'bad-money'
  | 'nan-literal'
  | 'truncated'
  | 'garbage'
  | 'not-jsonrpc'
  | 'unknown-method'
  | 'oversized'
  | 'batch'
  | 'deep-raw';

/** What the answer must be. */
type Expect = { kind: 'rpc-error'; code: number; contract?: string } | { kind: 'http'; status: number } | { kind: 'batch'; size: number };

interface Case {
  family: Family;
  command: string | null;
  body: string;
  expect: Expect;
}

const roundTrip = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

/** True if the contract itself refuses `params` (after the JSON round trip the wire applies). */
const refused = (name: CommandName, params: unknown) => !commands[name].input.safeParse(roundTrip(params) ?? {}).success;

const nest = (depth: number, leaf: unknown = 0): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { d: value };
  return value;
};

const hugeString = fc
  .tuple(fc.integer({ min: 50_000, max: 300_000 }), fc.constantFrom('x', 'é', '🦀', '\u0000', '"', '\\', '<script>'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

const badMoney = fc.oneof(
  fc.integer({ min: -1_000_000_000_000, max: -1 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(-1, -0.5, 0.5, 1.000001, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 64, Number.NaN, Infinity, -Infinity),
  fc.constantFrom('100', '-1', '1e3', '0x10', ''),
);

const wrongValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
  badMoney,
);

const unknownKey = (known: readonly string[]) =>
  fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'id ')).filter((k) => !known.includes(k));

interface CommandShape {
  name: CommandName;
  keys: string[];
  required: string[];
  numberPaths: ReturnType<typeof numberLeaves>;
}

const shapes: CommandShape[] = COMMAND_NAMES.map((name) => {
  const schema = inputSchema(name);
  const tops = schema.anyOf ?? schema.oneOf ?? [schema];
  return {
    name,
    keys: [...new Set(tops.flatMap((t) => Object.keys(t.properties ?? {})))],
    required: [...new Set(tops.flatMap((t) => t.required ?? []))],
    numberPaths: numberLeaves(schema),
  };
});

let nextId = 1;
const request = (method: string, params: unknown, id: number | string = nextId++) => ({ jsonrpc: '2.0', id, method, params });
const INVALID_PARAMS: Expect = { kind: 'rpc-error', code: -32602, contract: 'INVALID_INPUT' };

/** Malformed params for one command, each refused by its schema. */
function malformedParams(shape: CommandShape): fc.Arbitrary<{ family: Family; params: unknown }> {
  const field = shape.keys.length > 0 ? fc.constantFrom(...shape.keys) : unknownKey([]);
  const families: Array<fc.Arbitrary<{ family: Family; params: unknown }>> = [
    fc
      .oneof(fc.integer(), fc.double(), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }))
      .map((params) => ({ family: 'non-object' as const, params })),
    fc.tuple(unknownKey(shape.keys), fc.oneof(wrongValue, fc.anything({ maxDepth: 2 }))).map(([k, v]) => ({ family: 'extra-key' as const, params: { [k]: v } })),
    fc.tuple(field, wrongValue).map(([k, v]) => ({ family: 'wrong-type' as const, params: { [k]: v } })),
    fc.tuple(field, hugeString).map(([k, v]) => ({ family: 'huge-string' as const, params: { [k]: v } })),
    fc.tuple(fc.oneof(field, unknownKey(shape.keys)), fc.integer({ min: 20, max: 2_000 })).map(([k, d]) => ({ family: 'deep-nesting' as const, params: { [k]: nest(d) } })),
    fc.tuple(field, fc.constantFrom(Number.NaN, Infinity, -Infinity)).map(([k, v]) => ({ family: 'nan-infinity' as const, params: { [k]: v } })),
  ];
  if (shape.required.length > 0) {
    families.push(fc.subarray(shape.required, { minLength: 1 }).map(() => ({ family: 'missing-fields' as const, params: {} })));
  }
  if (shape.numberPaths.length > 0) {
    families.push(
      fc.tuple(fc.constantFrom(...shape.numberPaths), badMoney).map(([leaf, v]) => ({ family: 'bad-money' as const, params: placeAt(leaf.path, v) })),
    );
  }
  return fc.oneof(...families).filter(({ params }) => refused(shape.name, params));
}

const paramsCase: fc.Arbitrary<Case> = fc
  .constantFrom(...shapes)
  .chain((shape) => malformedParams(shape).map((m) => ({ family: m.family, command: shape.name, body: JSON.stringify(request(shape.name, m.params)), expect: INVALID_PARAMS })));

const rawCases: fc.Arbitrary<Case> = fc.oneof(
  // NaN and Infinity are not JSON: a body that carries them literally is a parse error.
  fc.tuple(fc.constantFrom(...COMMAND_NAMES), fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '+1', '01', "'x'"), fc.boolean()).map(([m, lit, asId]) => ({
    family: 'nan-literal' as const,
    command: m,
    body: asId ? `{"jsonrpc":"2.0","id":${lit},"method":"${m}","params":{}}` : `{"jsonrpc":"2.0","id":1,"method":"${m}","params":{"amount":${lit}}}`,
    expect: { kind: 'rpc-error' as const, code: -32700 },
  })),
  fc.tuple(fc.constantFrom(...COMMAND_NAMES), fc.double({ min: 0, max: 1, noNaN: true })).map(([m, at]) => {
    const full = JSON.stringify(request(m, { limit: 5 }));
    return { family: 'truncated' as const, command: m, body: full.slice(0, Math.max(1, Math.floor(at * (full.length - 1)))), expect: { kind: 'rpc-error' as const, code: -32700 } };
  }),
  fc
    .oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('', ' ', '{', '[', '{"jsonrpc":"2.0",}', '\u0000', '\ufeff{}'))
    .filter((body) => {
      try {
        JSON.parse(body);
        return false;
      } catch {
        return true;
      }
    })
    .map((body) => ({ family: 'garbage' as const, command: null, body, expect: { kind: 'rpc-error' as const, code: -32700 } })),
  fc
    .tuple(
      fc.constantFrom(...COMMAND_NAMES),
      fc.constantFrom<(m: string) => unknown>(
        (m) => ({ id: 1, method: m, params: {} }),
        (m) => ({ jsonrpc: '1.0', id: 1, method: m, params: {} }),
        (m) => ({ jsonrpc: 2, id: 1, method: m }),
        () => ({ jsonrpc: '2.0', id: 1, method: 42 }),
        () => ({ jsonrpc: '2.0', id: 1, method: null }),
        () => ({ jsonrpc: '2.0', id: 1, method: ['system.health'] }),
        (m) => ({ jsonrpc: '2.0', id: { x: 1 }, method: m }),
        (m) => ({ jsonrpc: '2.0', id: [1], method: m }),
        (m) => ({ jsonrpc: '2.0', id: true, method: m }),
        () => 7,
        () => 'system.health',
        () => null,
        () => [],
      ),
    )
    .map(([m, make]) => ({ family: 'not-jsonrpc' as const, command: m, body: JSON.stringify(make(m)), expect: { kind: 'rpc-error' as const, code: -32600 } })),
  fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'system.health ', 'SYSTEM.HEALTH', 'system', 'rpc.discover', 'wallet.drain', ''),
      ),
      fc.anything({ maxDepth: 2 }),
    )
    .filter(([m]) => !isCommandName(m))
    .map(([m, params]) => ({ family: 'unknown-method' as const, command: m, body: JSON.stringify(request(m, params)), expect: { kind: 'rpc-error' as const, code: -32601, contract: 'UNKNOWN_COMMAND' } })),
  fc.integer({ min: 1, max: 512 * 1024 }).map((extra) => {
    const head = '{"jsonrpc":"2.0","id":1,"method":"system.health","params":{"pad":"';
    const tail = '"}}';
    return { family: 'oversized' as const, command: 'system.health', body: head + 'x'.repeat(MAX_BODY_BYTES + extra - head.length - tail.length) + tail, expect: { kind: 'http' as const, status: 413 } };
  }),
  fc.array(paramsCase, { minLength: 1, maxLength: 5 }).map((cases) => ({
    family: 'batch' as const,
    command: null,
    body: `[${cases.map((c) => c.body).join(',')}]`,
    expect: { kind: 'batch' as const, size: cases.length },
  })),
  fc.tuple(fc.constantFrom(...shapes), fc.integer({ min: 10_000, max: 200_000 })).map(([shape, depth]) => ({
    family: 'deep-raw' as const,
    command: shape.name,
    // Deeper than JSON.stringify could build; the server must still parse it and refuse it.
    body: `{"jsonrpc":"2.0","id":1,"method":"${shape.name}","params":{"${shape.keys[0] ?? 'nested'}":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    expect: { kind: 'rpc-error' as const, code: -32602, contract: 'INVALID_INPUT' },
  })),
);

/** A short description: counterexamples can be megabytes long, their report must not be. */
function summary(c: Case): string {
  const bytes = Buffer.byteLength(c.body);
  return `${c.family} ${c.command ?? ''} (${bytes} bytes): ${c.body.slice(0, 160)}${bytes > 160 ? '…' : ''}`;
}

const anyCase: fc.Arbitrary<Case> = fc
  .oneof({ arbitrary: paramsCase, weight: 3 }, { arbitrary: rawCases, weight: 2 })
  .map((c) => Object.assign(c, { [fc.toStringMethod]: () => summary(c) }));

// ---------------------------------------------------------------------------------------------
// The wire

interface RpcError {
  code: number;
  message: string;
  data?: { code: string; message: string };
}

async function post(body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}/rpc`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body });
  const text = await res.text();
  try {
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    return { status: res.status, json: text };
  }
}

function checkRpcError(answer: unknown, expected: { code: number; contract?: string }, label: string): void {
  const a = answer as { jsonrpc?: string; error?: RpcError; result?: unknown };
  expect(a.jsonrpc, label).toBe('2.0');
  expect(a.result, label).toBeUndefined();
  expect(a.error?.code, label).toBe(expected.code);
  expect(typeof a.error?.message, label).toBe('string');
  expect(a.error!.message.length, label).toBeGreaterThan(0);
  if (expected.contract) {
    expect(a.error?.data?.code, label).toBe(expected.contract);
    expect(ERROR_CODES, label).toContain(a.error!.data!.code);
  }
}

const stats = new Map<string, number>();
const fuzzedCommands = new Set<string>();
let cases = 0;

async function expectStoreUnchanged(after: string): Promise<void> {
  if ((await storeHash(engine)) !== baseline) {
    expect.fail(`the store changed after ${after}:\n${storeDiff(baselineLines, await storeLines(engine)).join('\n')}`);
  }
}

/** Sends one case and checks its answer, then that the engine is up and (unless told not to) the store unchanged. */
async function check(c: Case, options: { verifyStore: boolean } = { verifyStore: true }): Promise<void> {
  cases++;
  stats.set(c.family, (stats.get(c.family) ?? 0) + 1);
  if (c.command && isCommandName(c.command)) fuzzedCommands.add(c.command);
  const label = summary(c);
  const { status, json } = await post(c.body);
  // Whatever the case meant to test, a body over the limit must be refused as a whole first.
  if (Buffer.byteLength(c.body) > MAX_BODY_BYTES) {
    expect(status, label).toBe(413);
  } else if (c.expect.kind === 'http') {
    expect(status, label).toBe(c.expect.status);
  } else if (c.expect.kind === 'batch') {
    expect(status, label).toBe(200);
    expect(Array.isArray(json), label).toBe(true);
    const answers = json as unknown[];
    expect(answers, label).toHaveLength(c.expect.size);
    for (const answer of answers) checkRpcError(answer, { code: -32602, contract: 'INVALID_INPUT' }, label);
  } else {
    expect(status, label).toBe(200);
    checkRpcError(json, c.expect, label);
  }
  const health = await post(JSON.stringify(request('system.health', {})));
  expect(health.status, `after ${label}`).toBe(200);
  expect((health.json as { result?: { counts?: unknown } }).result?.counts, `after ${label}`).toBeDefined();
  if (options.verifyStore) await expectStoreUnchanged(label);
}

/** The fixed part: every command gets each kind of malformed input at least once. */
function sweep(shape: CommandShape): Case[] {
  const body = (params: unknown) => JSON.stringify(request(shape.name, params));
  const key = shape.keys[0] ?? 'unknown';
  const out: Case[] = [
    { family: 'non-object', command: shape.name, body: body([]), expect: INVALID_PARAMS },
    { family: 'non-object', command: shape.name, body: body('x'), expect: INVALID_PARAMS },
    { family: 'non-object', command: shape.name, body: body(null), expect: INVALID_PARAMS },
    { family: 'extra-key', command: shape.name, body: body({ __proto__: null, ['__unknown__']: 1 }), expect: INVALID_PARAMS },
    { family: 'deep-nesting', command: shape.name, body: body({ [key]: nest(1_000) }), expect: INVALID_PARAMS },
    { family: 'huge-string', command: shape.name, body: body({ [key]: 'x'.repeat(300_000), ['__unknown__']: 1 }), expect: INVALID_PARAMS },
    {
      family: 'nan-literal',
      command: shape.name,
      body: `{"jsonrpc":"2.0","id":1,"method":"${shape.name}","params":{"${key}":NaN}}`,
      expect: { kind: 'rpc-error', code: -32700 },
    },
  ];
  for (const leaf of shape.numberPaths) {
    for (const value of [-1, 0.5, 1e308]) {
      const params = placeAt(leaf.path, value);
      if (refused(shape.name, params)) out.push({ family: 'bad-money', command: shape.name, body: body(params), expect: INVALID_PARAMS });
    }
  }
  return out;
}

describe('JSON-RPC fuzzing of every command', () => {
  it('refuses each kind of malformed input for every command', async () => {
    // The store is fingerprinted once per command here (it costs ~7 ms), after every case below.
    for (const shape of shapes) {
      for (const c of sweep(shape)) await check(c, { verifyStore: false });
      await expectStoreUnchanged(`the sweep of ${shape.name}`);
    }
    expect([...fuzzedCommands].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it(`answers ${RUNS} random malformed requests with clear errors, stays up and writes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, (c) => check(c)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  });

  afterAll(() => {
    const perFamily = Object.fromEntries([...stats.entries()].sort());
    console.log(`[fuzz] ${cases} cases (${RUNS} random) over ${COMMAND_NAMES.length} commands: ${JSON.stringify(perFamily)}`);
  });
});
