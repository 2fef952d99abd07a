import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../../src-main/engine/engine';
import type { SigningKey } from '../../src-main/engine/identity/keys';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import type { RecordKind } from '../../src-shared/domain';
import { LISTING } from '../catalog/helpers';
import { MaliciousPeer } from '../sync/malicious-peer';
import { addressOfPeer, call, inSync, waitFor, type SyncFixture } from '../sync/helpers';

/** The run's seed (ADVERSARIAL_SEED, `npm run soak -- adversarial` sets it per round) and a small PRNG over it. */
export function seeded(): { seed: number; next(): number; shuffle<T>(items: T[]): T[] } {
  const seed = Number(process.env.ADVERSARIAL_SEED ?? 4242) >>> 0;
  // Spread small seeds over the whole state first (xorshift's first outputs follow its seed closely).
  let state = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const shuffle = <T>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  return { seed, next, shuffle };
}

/** A model at the network edge, on loopback: right on two of the three support cases, wrong on the third. */
export async function fixtureModel(): Promise<{ url: string; close(): Promise<void> }> {
  const answers: Array<[RegExp, string]> = [
    [/charged twice/, 'billing'],
    [/app crashes/, 'billing'],
    [/cannot log in/, 'Reset the password first.'],
  ];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const prompt = (JSON.parse(body) as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');
      const content = answers.find(([re]) => re.test(prompt))?.[1] ?? 'no idea';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 30, completion_tokens: 3 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface PaidMarket {
  producer: Engine;
  users: Engine[];
  modelId: string;
  marketId: string;
}

/**
 * A producer (also the treasury) with one support model claiming 80 %, and `users` peers that joined
 * by invite and were funded; all synced over loopback.
 */
export async function paidMarket(fx: SyncFixture, endpoint: string, users: number): Promise<PaidMarket> {
  const producer = await fx.peer();
  const market = await call(producer, 'marketplace.create', { name: 'Measured market' });
  const item = await call(producer, 'models.publish', {
    ...LISTING,
    slug: 'helper',
    name: 'Helper',
    tasks: ['support', 'extraction'],
    endpoint: { baseUrl: endpoint, model: 'helper' },
    claimed: { ...LISTING.claimed, accuracyBps: { support: 8_000, extraction: 7_000 } },
    price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 },
  });
  await call(producer, 'ledger.deposit', { amount: 50_000_000 });
  await call(producer, 'routing.setSettings', { explorationBps: 0 });
  const { invite } = await call(producer, 'marketplace.invite');
  const joined: Engine[] = [];
  for (let i = 0; i < users; i++) {
    const user = await fx.peer();
    await call(user, 'marketplace.join', { invite });
    await call(producer, 'ledger.deposit', { to: user.keys.identity.publicKey, amount: 50_000_000 });
    await call(user, 'routing.setSettings', { explorationBps: 0 });
    joined.push(user);
  }
  await inSync([producer, ...joined], 60_000);
  return { producer, users: joined, modelId: item.id, marketId: market.id };
}

export function sign(key: SigningKey, kind: RecordKind, subject: string, seq: number, body: unknown, ts = Date.now()): SignedRecord {
  return signRecord(key, draftOf(kind, subject, seq, body as never, ts));
}

/**
 * A protocol-following peer writes these records straight into a document the victim shares (the
 * first whose name starts with `docName`), and waits until the victim took each in (applied or
 * quarantined).
 */
export async function inject(victim: Engine, marketId: string, docName: string, records: readonly SignedRecord[]): Promise<void> {
  const attacker = await MaliciousPeer.connect(addressOfPeer(victim), marketId);
  try {
    // The victim's index reaches the attacker a moment after the handshake.
    const { handle: doc } = await waitFor(`the victim to list a ${docName}… document`, () => attacker.openFirst(docName), 30_000, 100);
    doc.change((d) => {
      for (const r of records) d.records[r.hash] = r.bytes;
    });
    // A record dated ahead of the victim's clock may be held by the record book, neither applied nor
    // quarantined: it arrives in the same change as the others, so waiting for those is enough.
    const due = records.filter((r) => r.payload.ts <= Date.now() + 60_000);
    await waitFor(
      'the victim to take in the injected records',
      async () => due.every((r) => victim.book.isAccepted(r.hash) || victim.book.quarantine().some((q) => q.hash === r.hash)),
      30_000,
      100,
    );
  } finally {
    await attacker.close();
  }
}
