import { producerOf } from '../../../src-shared/domain';
import { GENESIS_PREV, type LedgerEntryBody } from '../../../src-shared/ledger';
import { MICRO_PER_CREDIT, callCost, feeOf } from '../../../src-shared/money';
import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import { generateSigningKey, type SigningKey } from '../identity/keys';
import { epochOf, windowOf } from '../incentives/params';
import { signCheckpoint } from '../ledger/checkpoint';
import { checkpointSubject, ledgerDocName, ledgerSubject, POOL_ACCOUNT, producerAccount, TREASURY_ACCOUNT, userAccount } from '../ledger/entry-rules';
import { MerkleTree, leafHash } from '../ledger/merkle';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';

const DAY = 86_400_000;
const DEMO_USERS = 8;
/** Demo users who pay for the local producer's support model, and their calls, in each rewarded epoch. */
const LOCAL_PAYERS = 4;
const LOCAL_CALLS = 2;
/** How many of the newest final epochs get those calls. */
const LOCAL_REWARDED_EPOCHS = 2;

/** One signer's chain being written: seq, prev and the Merkle tree advance together. */
class ChainWriter {
  private seq = 0;
  private prev = GENESIS_PREV;
  private readonly tree = new MerkleTree();
  readonly records: SignedRecord[] = [];

  constructor(
    readonly key: SigningKey,
    readonly identity: string,
  ) {}

  append(intent: Omit<LedgerEntryBody, 'prev' | 'identity'>, ts: number): SignedRecord {
    const body: LedgerEntryBody = { ...intent, identity: this.identity, prev: this.prev };
    const record = signRecord(this.key, draftOf('ledger-entry', ledgerSubject(this.key.publicKey), ++this.seq, body, ts));
    this.prev = record.hash;
    this.tree.push(leafHash(record.bytes));
    this.records.push(record);
    return record;
  }

  checkpoint(ts: number): SignedRecord {
    const body = { chain: this.key.publicKey, size: this.tree.size, root: this.tree.root().toString('hex') };
    const record = signRecord(this.key, draftOf('ledger-checkpoint', checkpointSubject(this.key.publicKey), 1, body, ts));
    this.records.push(record);
    return record;
  }
}

interface Payer {
  chain: ChainWriter;
  favourites: string[];
  calls: number;
  joined: number;
}

type Event = { ts: number; payer: Payer; deposit?: number; modelId?: string };

/**
 * The local producer (My Model Lab) earns a reward in the newest final epochs whatever day the
 * demo is created: four demo users pay twice each for its first support model in each of them,
 * which meets the activity threshold (3 distinct paying users, 3 observed successes). Left to the
 * random month, its four cheap models had too few distinct payers on 3 start days of 7, and the
 * producer console's Claim button had nothing to do.
 */
function localRewardCalls(engine: Engine, models: readonly string[], payers: readonly Payer[], random: () => number): Event[] {
  const info = engine.marketplace.info();
  const me = producerKeyOf(engine.keys).publicKey;
  const modelId = models.find((id) => producerOf(id) === me && engine.catalog.listing(id)?.tasks.includes('support'));
  if (!info || !modelId) return [];
  const lenMs = info.epochSeconds * 1000;
  const graceMs = info.graceSeconds * 1000;
  const now = engine.clock();
  // The newest epoch whose finalAt = close + grace has passed.
  const newestFinal = epochOf(now - graceMs, lenMs) - 1;
  const events: Event[] = [];
  for (let epoch = newestFinal - LOCAL_REWARDED_EPOCHS + 1; epoch <= newestFinal; epoch++) {
    const w = windowOf(epoch, lenMs, graceMs);
    for (const payer of payers.slice(0, LOCAL_PAYERS)) {
      for (let c = 0; c < LOCAL_CALLS; c++) {
        const ts = Math.max(payer.joined + 60_000, w.start + 60_000 + Math.floor(random() * (lenMs - 120_000)));
        if (ts < w.close) events.push({ ts, payer, modelId });
      }
    }
  }
  return events;
}

/**
 * A month of money for the demo: the treasury funds the local identity and eight synthetic users
 * (fresh identity and device keys, certified, signed with and then forgotten), who call demo models
 * every day. Events are replayed in time order, topping a user up before a call it could not pay,
 * so every chain verifies and no balance ever goes negative, as the verifier demands.
 */
/** A demo call as its caller saw it: what the observation seeder signs. */
export interface DemoCall {
  device: SigningKey;
  identity: string;
  modelId: string;
  decisionId: string;
  ts: number;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
}

export async function seedDemoLedger(engine: Engine, random: () => number): Promise<DemoCall[]> {
  const treasuryKey = engine.keys.treasury;
  if (!treasuryKey) throw new Error('the demo ledger needs the treasury key');
  const now = engine.clock();
  const start = now - 30 * DAY;
  const feeBps = engine.marketplace.info()?.feeBps ?? 500;
  const models = engine.catalog.modelIds().filter((id) => engine.catalog.priceAt(id, start) !== null).sort();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const treasury = new ChainWriter(treasuryKey, treasuryKey.publicKey);
  const local: Payer = { chain: new ChainWriter(engine.keys.device, engine.keys.identity.publicKey), favourites: [], calls: 24, joined: start };
  const producerKey = producerKeyOf(engine.keys);
  // The local producer's own chain (refunds), signed by its key like the treasury's.
  const producer = producerKey === engine.keys.identity ? local.chain : new ChainWriter(producerKey, producerKey.publicKey);
  const payers: Payer[] = [local];
  const certs: SignedRecord[] = [];
  for (let i = 0; i < DEMO_USERS; i++) {
    const identity = generateSigningKey();
    const device = generateSigningKey();
    certs.push(signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: `demo user ${i + 1}` }, start - DAY)));
    payers.push({ chain: new ChainWriter(device, identity.publicKey), favourites: [], calls: 25 + Math.floor(random() * 20), joined: start });
  }
  const events: Event[] = [];
  for (const payer of payers) {
    payer.favourites = Array.from({ length: 3 }, () => pick(models));
    const joined = (payer.joined = start + Math.floor(random() * 3 * DAY));
    const credits = payer === local ? 40 : 2 + Math.floor(random() * 6);
    events.push({ ts: joined, payer, deposit: credits * MICRO_PER_CREDIT });
    for (let c = 0; c < payer.calls; c++) events.push({ ts: joined + 60_000 + Math.floor(random() * (now - joined - 120_000)), payer });
  }
  events.push(...localRewardCalls(engine, models, payers.slice(1), random));
  events.sort((a, b) => a.ts - b.ts || (b.deposit ? 1 : 0) - (a.deposit ? 1 : 0));
  const balances = new Map<Payer, number>();
  const deposit = (payer: Payer, amount: number, ts: number, note: string) => {
    treasury.append({ id: `demo-deposit-${treasury.records.length + 1}`, kind: 'deposit', postings: [{ account: TREASURY_ACCOUNT, amount: -amount }, { account: userAccount(payer.chain.identity), amount }], note }, ts);
    balances.set(payer, (balances.get(payer) ?? 0) + amount);
  };
  let n = 0;
  const calls: DemoCall[] = [];
  for (const event of events) {
    if (event.deposit) {
      deposit(event.payer, event.deposit, event.ts, 'welcome credits');
      continue;
    }
    const modelId = event.modelId ?? (random() < 0.7 ? pick(event.payer.favourites) : pick(models));
    const price = engine.catalog.priceAt(modelId, event.ts)!.price;
    const inputTokens = 200 + Math.floor(random() ** 2 * 24_000);
    const outputTokens = 50 + Math.floor(random() ** 2 * 4_000);
    const cost = callCost(price, inputTokens, outputTokens);
    const fee = feeOf(cost, feeBps);
    if ((balances.get(event.payer) ?? 0) < cost) deposit(event.payer, 5 * MICRO_PER_CREDIT, event.ts, 'top-up');
    const memo = { modelId, decisionId: `demo-decision-${++n}`, inputTokens, outputTokens, usageEstimated: random() < 0.1, latencyMs: 200 + Math.floor(random() * 2_500), cost, fee };
    const postings = [
      { account: userAccount(event.payer.chain.identity), amount: -cost },
      { account: producerAccount(producerOf(modelId)), amount: cost - fee },
      { account: POOL_ACCOUNT, amount: fee },
    ];
    const charge = event.payer.chain.append({ id: `demo-call-${n}`, kind: 'charge', postings, memo }, event.ts);
    calls.push({ device: event.payer.chain.key, identity: event.payer.chain.identity, modelId, decisionId: memo.decisionId, ts: event.ts, latencyMs: memo.latencyMs, inputTokens, outputTokens, usageEstimated: memo.usageEstimated });
    balances.set(event.payer, balances.get(event.payer)! - cost);
    // The local producer (My Model Lab) refunds some calls on its models.
    if (producerOf(modelId) === producerKey.publicKey && event.payer !== local && n % 3 === 0) {
      const amount = cost - fee;
      producer.append({ id: `refund:${charge.hash}`, kind: 'refund', postings: [{ account: producerAccount(producerOf(modelId)), amount: -amount }, { account: userAccount(event.payer.chain.identity), amount }], memo, note: `refund of charge ${charge.hash}` }, event.ts);
      balances.set(event.payer, balances.get(event.payer)! + amount);
    }
  }
  for (const payer of payers.slice(1)) payer.chain.checkpoint(now);
  for (const cert of certs) await engine.publish(`identity/${cert.payload.author}`, [cert]);
  const byDoc = new Map<string, SignedRecord[]>();
  const chains = [treasury, ...payers.map((p) => p.chain), ...(producer === local.chain ? [] : [producer])];
  for (const chain of chains) {
    for (const record of chain.records) {
      const doc = ledgerDocName(chain.identity, record.payload.ts);
      byDoc.set(doc, [...(byDoc.get(doc) ?? []), record]);
    }
  }
  for (const [doc, records] of byDoc) await engine.publish(doc, records);
  await signCheckpoint(engine, { key: treasuryKey, identity: treasuryKey.publicKey });
  if (producer !== local.chain && producer.records.length > 0) await signCheckpoint(engine, { key: producerKey, identity: producerKey.publicKey });
  await signCheckpoint(engine);
  return calls;
}
