import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_PREV, type LedgerEntryBody } from '../src-shared/ledger';
import { Engine } from '../src-main/engine/engine';
import { generateSigningKey } from '../src-main/engine/identity/keys';
import { appendCharge, appendDeposit } from '../src-main/engine/ledger/append';
import { ledgerDocName, ledgerSubject, userAccount } from '../src-main/engine/ledger/entry-rules';
import { exportJsonl } from '../src-main/engine/ledger/export';
import { verifyLedgerExport } from '../src-main/engine/ledger/verify-export';
import { createMarketplace, DEFAULT_CONFIG } from '../src-main/engine/marketplace/create';
import { draftOf, signRecord, type SignedRecord } from '../src-main/engine/records/signed';
import { percentile, report } from './harness';
import { benchVerifyScale } from './ledger-verify-scale';

async function withEngine(work: (engine: Engine, dir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ir-bench-ledger-'));
  const engine = await Engine.open({ dataDir });
  try {
    await createMarketplace(engine, { name: 'Ledger bench', ...DEFAULT_CONFIG });
    await work(engine, dataDir);
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** N writes of `size` bytes to one file, each followed by fdatasync: the disk's durable-write rate. */
async function rawDatasyncRate(dir: string, n: number, size: number): Promise<number> {
  const file = await open(join(dir, 'raw-datasync.bin'), 'w');
  const chunk = Buffer.alloc(size, 7);
  try {
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      await file.write(chunk);
      await file.datasync();
    }
    return n / ((performance.now() - started) / 1_000);
  } finally {
    await file.close();
  }
}

async function benchAppend(n: number): Promise<void> {
  await withEngine(async (engine, dir) => {
    await appendDeposit(engine, { amount: 1_000_000_000_000 });
    const producer = generateSigningKey().publicKey;
    const started = performance.now();
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const entry = await appendCharge(engine, { id: `bench-${i}`, modelId: `${producer}:m`, producerKey: producer, price: { inputPer1M: 2_000_000, outputPer1M: 6_000_000, perRequest: 0 }, inputTokens: 1_000 + i, outputTokens: 500, usageEstimated: false, latencyMs: 300 });
      if (i === 0) bytes = engine.ledger.entry(entry.hash)!.record.bytes.length;
    }
    const rate = n / ((performance.now() - started) / 1_000);
    const raw = await rawDatasyncRate(dir, n, bytes);
    report({ name: `ledger durable append (appendCharge, fsync) ${n} entries`, value: rate, unit: 'entries/s', baseline: `raw write+fdatasync of ${n} × ${bytes}-byte writes`, baselineValue: raw });
  });
}

/** A chain of N signed charges by one certified device, published in batches (signing is not measured). */
async function syntheticChain(engine: Engine, n: number): Promise<void> {
  const identity = engine.keys.identity.publicKey;
  const device = engine.keys.device;
  const producer = generateSigningKey().publicKey;
  await appendDeposit(engine, { amount: 1_000_000_000_000 });
  let prev = GENESIS_PREV;
  let batch: SignedRecord[] = [];
  const ts = engine.clock() + 1;
  for (let seq = 1; seq <= n; seq++) {
    const cost = 10_000 + seq;
    const fee = Math.floor((cost * 500) / 10_000);
    const body: LedgerEntryBody = {
      id: `v-${seq}`,
      prev,
      kind: 'charge',
      identity,
      postings: [
        { account: userAccount(identity), amount: -cost },
        { account: `producer:${producer}`, amount: cost - fee },
        { account: 'pool:rewards', amount: fee },
      ],
      memo: { modelId: `${producer}:m`, inputTokens: 1_000, outputTokens: 500, usageEstimated: false, latencyMs: 300, cost, fee },
    };
    const record = signRecord(device, draftOf('ledger-entry', ledgerSubject(device.publicKey), seq, body, ts));
    prev = record.hash;
    batch.push(record);
    if (batch.length === 1_000 || seq === n) {
      await engine.publish(ledgerDocName(identity, ts), batch);
      batch = [];
    }
  }
}

async function benchVerify(n: number): Promise<void> {
  await withEngine(async (engine) => {
    await syntheticChain(engine, n);
    const { jsonl } = exportJsonl(engine);
    const result = verifyLedgerExport(jsonl);
    if (!result.ok) throw new Error(`bench export does not verify: ${result.problems[0]?.reason}`);
    // Raw Ed25519 verification of the very same signatures over the same bytes, keys parsed beforehand.
    const signed = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; bytes?: string })
      .filter((l) => l.type === 'record')
      .map((l) => Buffer.from(l.bytes!, 'base64'))
      .map((bytes) => ({ bytes, author: (JSON.parse(bytes.subarray(64).toString('utf8')) as { author: string }).author }))
      .slice(-result.entries);
    const keys = new Map(signed.map(({ author }) => [author, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: author }, format: 'jwk' })]));
    const check = () => signed.every(({ bytes, author }) => verify(null, bytes.subarray(64), keys.get(author)!, bytes.subarray(0, 64)));
    // Alternating runs, median of each: both sides see the same JIT, GC and CPU-frequency weather.
    const verifierRuns: number[] = [];
    const rawRuns: number[] = [];
    for (let run = 0; run < 5; run++) {
      let started = performance.now();
      if (!verifyLedgerExport(jsonl).ok) throw new Error('bench export stopped verifying');
      verifierRuns.push(performance.now() - started);
      started = performance.now();
      if (!check()) throw new Error('raw verification failed');
      rawRuns.push(performance.now() - started);
    }
    const rate = result.entries / (percentile(verifierRuns, 50) / 1_000);
    const raw = signed.length / (percentile(rawRuns, 50) / 1_000);
    report({ name: `ledger export verify (signatures, chains, balances, checkpoints) ${result.entries} entries`, value: rate, unit: 'entries/s', baseline: `raw node:crypto Ed25519 verify of the same ${signed.length} signatures`, baselineValue: raw });
  });
}

export async function benchLedger(appends = 300, verifications = 5_000): Promise<void> {
  await benchAppend(appends);
  await benchVerify(verifications);
  benchVerifyScale();
}
