import { parseBoundedJson } from '../../../src-shared/bounded-json';
import { RECORD_BODIES, type RecordPayload } from '../../../src-shared/domain';
import { LedgerCheckpointBodySchema, LedgerEntryBodySchema, type LedgerEntryBody } from '../../../src-shared/ledger';
import { SignatureVerifier } from '../identity/keys';
import { checkpointShapeViolation, entryShapeViolation, TREASURY_ACCOUNT, POOL_ACCOUNT, type FeeConfig, type ProblemKind } from './entry-rules';
import { EXPORT_FORMAT, EXPORT_LINE_LIMITS, READABLE_VERSIONS, decodeRecordLine, type ConsistencyLine, type HeaderLine } from './export-format';
import { leafHash } from './merkle';
import { runChains, settleBalances, type Deficit, type Fork } from './verify-chains';
import { checkCheckpoints, checkProofs } from './verify-checkpoints';
import type { CheckpointItem, EntryItem, VerifyProblem } from './verify-types';

export type { EntryItem, VerifyProblem } from './verify-types';

/**
 * The standalone verifier of a ledger export (docs/ledger-format.md). Pure: node:crypto and the
 * shared schemas only, so the CLI, the tests and `ledger.verify` all run this one implementation.
 */
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
  /** Exact sums: balances can pass 2^53 micro-credits, where a Number stops counting ones. */
  balances: Record<string, bigint>;
  /** Credits deposited by the treasury (less the forks' deficits it absorbed), and what the reward pool holds. */
  supply: bigint;
  pool: bigint;
  /** Chains whose key signed two entries at one seq: frozen, every entry they signed counted. */
  forks: Fork[];
  /** What each frozen identity spent beyond its credits, written off to the treasury. */
  deficits: Deficit[];
  /**
   * Elementary steps taken (lines, entries and checkpoints handled, comparisons sorted): a linear
   * verifier keeps this within a fixed multiple of the file's length (up to the log of one sort).
   */
  steps: number;
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
  /** The line each record hash was first seen at: any record twice is reported, whatever its kind. */
  private readonly seen = new Map<string, number>();
  steps = 0;
  readonly step = (): void => {
    this.steps++;
  };

  constructor(private readonly options: VerifyOptions) {
    this.verifier = options.signatures === false ? null : new SignatureVerifier();
  }

  fail(line: number, kind: ProblemKind, reason: string, where: Partial<Where> = {}): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    this.problems.push({ chain: where.chain ?? '', seq: where.seq ?? null, hash: where.hash ?? null, id: where.id ?? null, kind, reason, line });
  }

  add(value: unknown, line: number): void {
    this.lastLine = line;
    this.step();
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (type === 'header') return this.addHeader(value as Partial<HeaderLine>, line);
    if (!this.header && this.records === 0 && this.problems.length === 0) this.fail(line, 'format', 'the first line must be the export header');
    if (type === 'record') return this.addRecord(value as object, line);
    if (type === 'consistency') return void this.proofs.push({ line, value: value as Partial<ConsistencyLine> });
    this.fail(line, 'format', `unknown line type ${JSON.stringify(type ?? null)}`);
  }

  private addHeader(header: Partial<HeaderLine>, line: number): void {
    if (this.header || this.records > 0) return this.fail(line, 'format', 'a second header');
    if (header.format !== EXPORT_FORMAT || typeof header.version !== 'number' || !READABLE_VERSIONS.includes(header.version)) {
      return this.fail(line, 'format', `not an ${EXPORT_FORMAT} export of version ${READABLE_VERSIONS.join(' or ')}`);
    }
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
    const first = this.seen.get(decoded.hash);
    if (first !== undefined) return this.fail(line, 'format', `the same record appears twice (first at line ${first})`, where);
    this.seen.set(decoded.hash, line);
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
    const fail = this.fail.bind(this);
    const outcome = runChains(this.entries, { treasury, fees, certs: this.certs, forksCount: this.header?.version !== 1 }, fail, this.step);
    const { chains } = outcome;
    const { balances, deficits } = settleBalances(outcome, fail, this.step);
    const checkpoints = checkCheckpoints(this.checkpoints, chains, fail, this.step);
    const proofs = checkProofs(this.proofs, this.checkpoints, fail, this.step);
    this.problems.sort((a, b) => a.line - b.line);
    const applied = [...chains.values()].filter((c) => c.maxSeq > 0);
    return {
      ok: this.problems.length === 0,
      marketplace: treasury,
      records: this.records,
      chains: applied.length,
      entries: outcome.counted.length,
      checkpoints,
      consistencyProofs: proofs,
      problems: this.problems,
      balances: Object.fromEntries(balances),
      supply: -(balances.get(TREASURY_ACCOUNT) ?? 0n),
      pool: balances.get(POOL_ACCOUNT) ?? 0n,
      forks: outcome.forks,
      deficits,
      steps: this.steps,
    };
  }
}

/** Verifies an export already split into values (one per line, 1-based line = index + 1). */
export function verifyLedgerLines(values: Iterable<unknown>, options: VerifyOptions = {}): VerifyReport {
  const v = new Verification(options);
  let line = 0;
  for (const value of values) v.add(value, ++line);
  return v.finish();
}

/**
 * Verifies the text of a JSON Lines export. Each line passes the JSON limits (depth, keys, items,
 * length) before it is parsed, so no line can reach anything recursive, and its number is reported.
 */
export function verifyLedgerExport(text: string, options: VerifyOptions = {}): VerifyReport {
  const v = new Verification(options);
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end === -1 ? text.length : end);
    start = end === -1 ? text.length + 1 : end + 1;
    if (raw.trim() === '') continue;
    const parsed = parseBoundedJson(raw, EXPORT_LINE_LIMITS);
    if (!parsed.ok) {
      v.fail(line, 'format', parsed.reason.startsWith('not valid JSON') ? 'not a JSON line' : `line refused: ${parsed.reason}`);
      continue;
    }
    v.add(parsed.value, line);
  }
  return v.finish();
}

/** One problem as a person reads it: where (chain, seq, hash, id) and why. */
export function describeProblem(p: VerifyProblem): string {
  const where = [p.chain && `chain ${p.chain}`, p.seq !== null && `seq ${p.seq}`, p.hash && `hash ${p.hash}`, p.id && `id ${p.id}`].filter(Boolean).join(', ');
  return `line ${p.line}: ${p.kind} problem${where ? ` at ${where}` : ''}: ${p.reason}`;
}
