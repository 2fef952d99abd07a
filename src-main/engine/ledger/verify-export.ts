import { RECORD_BODIES, type RecordPayload } from '../../../src-shared/domain';
import { LedgerCheckpointBodySchema, LedgerEntryBodySchema, type LedgerEntryBody, type LedgerProblem } from '../../../src-shared/ledger';
import { SignatureVerifier } from '../identity/keys';
import {
  checkpointShapeViolation,
  compareEntries,
  entryContextViolation,
  entryShapeViolation,
  feeBpsAt,
  TREASURY_ACCOUNT,
  POOL_ACCOUNT,
  type FeeConfig,
  type ProblemKind,
  type RuleBreak,
} from './entry-rules';
import { EXPORT_FORMAT, EXPORT_VERSION, decodeRecordLine, type ConsistencyLine, type HeaderLine } from './export-format';
import { MerkleTree, leafHash } from './merkle';
import { checkCheckpoints, checkProofs, type ChainRun, type CheckpointItem } from './verify-checkpoints';

/**
 * The standalone verifier of a ledger export (docs/ledger-format.md). Pure: node:crypto and the
 * shared schemas only, so the CLI, the tests and `ledger.verify` all run this one implementation.
 */
export interface VerifyProblem extends LedgerProblem {
  id: string | null;
  /** 1-based line of the export the problem was found at. */
  line: number;
}

export interface VerifyOptions {
  /** The marketplace id the reader expects; else the one whose config the export carries. */
  marketplace?: string;
  /** Check every Ed25519 signature (default true). */
  signatures?: boolean;
}

export interface VerifyReport {
  ok: boolean;
  marketplace: string | null;
  records: number;
  chains: number;
  entries: number;
  checkpoints: number;
  consistencyProofs: number;
  problems: VerifyProblem[];
  balances: Record<string, number>;
  /** Credits deposited by the treasury, and what the reward pool holds. */
  supply: number;
  pool: number;
}

export interface EntryItem {
  line: number;
  hash: string;
  chain: string;
  seq: number;
  ts: number;
  kind: LedgerEntryBody['kind'];
  body: LedgerEntryBody;
  leaf: Buffer;
  shape: RuleBreak | null;
}



type Where = Pick<VerifyProblem, 'chain' | 'seq' | 'hash' | 'id'>;
const MAX_PROBLEMS = 1_000;

class Verification {
  readonly problems: VerifyProblem[] = [];
  private header: HeaderLine | null = null;
  private records = 0;
  private lastLine = 0;
  private readonly configs: Array<{ line: number; payload: RecordPayload; feeBps: number }> = [];
  private readonly certs = new Map<string, Set<string>>();
  private readonly entries: EntryItem[] = [];
  private readonly checkpoints: CheckpointItem[] = [];
  private readonly proofs: Array<{ line: number; value: Partial<ConsistencyLine> }> = [];
  private readonly verifier: SignatureVerifier | null;

  constructor(private readonly options: VerifyOptions) {
    this.verifier = options.signatures === false ? null : new SignatureVerifier();
  }

  fail(line: number, kind: ProblemKind, reason: string, where: Partial<Where> = {}): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    this.problems.push({ chain: where.chain ?? '', seq: where.seq ?? null, hash: where.hash ?? null, id: where.id ?? null, kind, reason, line });
  }

  add(value: unknown, line: number): void {
    this.lastLine = line;
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (type === 'header') return this.addHeader(value as Partial<HeaderLine>, line);
    if (!this.header && this.records === 0 && this.problems.length === 0) this.fail(line, 'format', 'the first line must be the export header');
    if (type === 'record') return this.addRecord(value as object, line);
    if (type === 'consistency') return void this.proofs.push({ line, value: value as Partial<ConsistencyLine> });
    this.fail(line, 'format', `unknown line type ${JSON.stringify(type ?? null)}`);
  }

  private addHeader(header: Partial<HeaderLine>, line: number): void {
    if (this.header || this.records > 0) return this.fail(line, 'format', 'a second header');
    if (header.format !== EXPORT_FORMAT || header.version !== EXPORT_VERSION) return this.fail(line, 'format', `not an ${EXPORT_FORMAT} v${EXPORT_VERSION} export`);
    this.header = header as HeaderLine;
  }

  private addRecord(value: object, line: number): void {
    this.records++;
    const decoded = decodeRecordLine(value, this.verifier);
    const payload = decoded.payload;
    const body = payload?.kind === 'ledger-entry' ? (payload.body as Partial<LedgerEntryBody>) : null;
    const where: Where = { chain: payload?.author ?? '', seq: payload?.seq ?? null, hash: decoded.hash, id: typeof body?.id === 'string' ? body.id : null };
    if (!decoded.ok) return this.fail(line, 'format', decoded.reason, where);
    if (!decoded.signatureOk) return this.fail(line, 'signature', `signature does not verify for ${decoded.payload.author}`, where);
    const p = decoded.payload;
    switch (p.kind) {
      case 'marketplace-config': {
        const config = RECORD_BODIES['marketplace-config'].safeParse(p.body);
        if (!config.success || p.subject !== p.author) return this.fail(line, 'format', 'malformed marketplace config', where);
        return void this.configs.push({ line, payload: p, feeBps: config.data.feeBps });
      }
      case 'device-cert': {
        const cert = RECORD_BODIES['device-cert'].safeParse(p.body);
        if (!cert.success || p.subject !== p.author) return this.fail(line, 'format', 'malformed device certificate', where);
        let devices = this.certs.get(p.author);
        if (!devices) this.certs.set(p.author, (devices = new Set()));
        return void devices.add(cert.data.deviceKey);
      }
      case 'ledger-entry': {
        const entry = LedgerEntryBodySchema.safeParse(p.body);
        if (!entry.success) return this.fail(line, 'format', `malformed entry: ${entry.error.issues[0]?.message ?? 'invalid'}`, where);
        const shape = entryShapeViolation(p, entry.data);
        return void this.entries.push({ line, hash: decoded.hash, chain: p.author, seq: p.seq, ts: p.ts, kind: entry.data.kind, body: entry.data, leaf: leafHash(decoded.bytes), shape });
      }
      case 'ledger-checkpoint': {
        const checkpoint = LedgerCheckpointBodySchema.safeParse(p.body);
        if (!checkpoint.success) return this.fail(line, 'format', 'malformed checkpoint', where);
        const shape = checkpointShapeViolation(p, checkpoint.data);
        if (shape) return this.fail(line, shape.kind, shape.reason, where);
        return void this.checkpoints.push({ line, hash: decoded.hash, chain: p.author, seq: p.seq, body: checkpoint.data });
      }
      default:
        return this.fail(line, 'format', `a ${p.kind} record has no place in a ledger export`, where);
    }
  }

  finish(): VerifyReport {
    if (!this.header) {
      if (this.lastLine === 0) this.fail(1, 'format', 'the export is empty');
    } else if (this.header.records !== this.records) {
      this.fail(this.lastLine, 'format', `the header announces ${this.header.records} records, the file holds ${this.records}: it was cut short or added to`);
    }
    const treasury = this.options.marketplace ?? this.configs[0]?.payload.author ?? this.header?.marketplace ?? null;
    const fees: FeeConfig[] = [];
    for (const { line, payload, feeBps } of this.configs) {
      if (payload.author !== treasury) this.fail(line, 'authority', `marketplace config signed by ${payload.author}, not by the marketplace ${treasury}`, { chain: payload.author });
      else fees.push({ seq: payload.seq, ts: payload.ts, feeBps });
    }
    if (this.header?.marketplace && treasury && this.header.marketplace !== treasury) {
      this.fail(1, 'format', `the header names marketplace ${this.header.marketplace}, not ${treasury}`);
    }
    const chains = this.runChains(treasury, fees);
    const balances = this.checkOverdrafts(chains);
    const checkpoints = checkCheckpoints(this.checkpoints, chains, this.fail.bind(this));
    const proofs = checkProofs(this.proofs, this.checkpoints, this.fail.bind(this));
    this.problems.sort((a, b) => a.line - b.line);
    const applied = [...chains.values()].filter((c) => c.applied.length > 0);
    return {
      ok: this.problems.length === 0,
      marketplace: treasury,
      records: this.records,
      chains: applied.length,
      entries: applied.reduce((n, c) => n + c.applied.length, 0),
      checkpoints,
      consistencyProofs: proofs,
      problems: this.problems,
      balances: Object.fromEntries(balances),
      supply: -(balances.get(TREASURY_ACCOUNT) ?? 0),
      pool: balances.get(POOL_ACCOUNT) ?? 0,
    };
  }

  /** Each chain in file order: seq by seq, linked by prev, every rule held, or the chain stops. */
  private runChains(treasury: string | null, fees: FeeConfig[]): Map<string, ChainRun> {
    const chains = new Map<string, ChainRun>();
    for (const e of this.entries) {
      let run = chains.get(e.chain);
      if (!run) chains.set(e.chain, (run = { applied: [], ids: new Set(), tree: new MerkleTree(), broken: false }));
      if (run.broken) continue;
      const where = { chain: e.chain, seq: e.seq, hash: e.hash, id: e.body.id };
      const stop = (kind: ProblemKind, reason: string) => {
        this.fail(e.line, kind, reason, where);
        run.broken = true;
      };
      const at = run.applied[e.seq - 1];
      if (at) {
        if (at.hash === e.hash) this.fail(e.line, 'format', 'the same record appears twice', where);
        else stop('equivocation', `a second signed entry at seq ${e.seq} (the first is ${at.hash.slice(0, 16)}…, id ${at.body.id})`);
        continue;
      }
      if (e.seq !== run.applied.length + 1) {
        stop('chain', `seq ${e.seq} follows seq ${run.applied.length}: entry ${run.applied.length + 1} is missing or out of order`);
        continue;
      }
      if (e.shape) {
        stop(e.shape.kind, e.shape.reason);
        continue;
      }
      const previous = run.applied[run.applied.length - 1] ?? null;
      const broken = entryContextViolation({ author: e.chain, seq: e.seq, ts: e.ts }, e.body, {
        previous,
        idTaken: run.ids.has(e.body.id),
        treasury,
        isCertified: (identity, device) => this.certs.get(identity)?.has(device) ?? false,
        feeBps: (ts) => feeBpsAt(fees, ts),
      });
      if (broken) {
        stop(broken.kind, broken.reason);
        continue;
      }
      run.applied.push(e);
      run.ids.add(e.body.id);
      run.tree.push(e.leaf);
    }
    return chains;
  }

  /** Replays every valid entry in the ledger's order: no user account may ever go below zero. */
  private checkOverdrafts(chains: Map<string, ChainRun>): Map<string, number> {
    const all = [...chains.values()].flatMap((c) => c.applied).sort(compareEntries);
    const balances = new Map<string, number>();
    const reported = new Set<string>();
    for (const e of all) {
      for (const { account, amount } of e.body.postings) {
        const balance = (balances.get(account) ?? 0) + amount;
        balances.set(account, balance);
        if (balance < 0 && account.startsWith('user:') && !reported.has(account)) {
          reported.add(account);
          this.fail(e.line, 'overdraft', `${account} goes to ${balance}: it spends more than it was credited`, { chain: e.chain, seq: e.seq, hash: e.hash, id: e.body.id });
        }
      }
    }
    return balances;
  }
}

/** Verifies an export already split into values (one per line, 1-based line = index + 1). */
export function verifyLedgerLines(values: Iterable<unknown>, options: VerifyOptions = {}): VerifyReport {
  const v = new Verification(options);
  let line = 0;
  for (const value of values) v.add(value, ++line);
  return v.finish();
}

/** Verifies the text of a JSON Lines export. */
export function verifyLedgerExport(text: string, options: VerifyOptions = {}): VerifyReport {
  const v = new Verification(options);
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      v.fail(i + 1, 'format', 'not a JSON line');
      return;
    }
    v.add(value, i + 1);
  });
  return v.finish();
}

/** One problem as a person reads it: where (chain, seq, hash, id) and why. */
export function describeProblem(p: VerifyProblem): string {
  const where = [p.chain && `chain ${p.chain}`, p.seq !== null && `seq ${p.seq}`, p.hash && `hash ${p.hash}`, p.id && `id ${p.id}`].filter(Boolean).join(', ');
  return `line ${p.line}: ${p.kind} problem${where ? ` at ${where}` : ''}: ${p.reason}`;
}
