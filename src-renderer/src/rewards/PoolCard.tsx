import type { CommandOutput } from '../../../src-shared/contract';
import type { EpochComputation } from '../../../src-shared/rewards';
import { formatBpsPercent, formatMoney, formatPlural } from '../format/numbers';
import { epochUtcRange, epochWindowText } from './epochs';
import { formatMicro as micro } from './format';
import type { SplitCheck } from './split-check';

type Pool = CommandOutput<'rewards.epochs'>['pool'];

/** The page's one-line proof that the split accounts for the epoch's pool to the micro-credit. */
export function SplitCheckLine({ check }: { check: SplitCheck }) {
  const { paidSum, carryOut, inflow, carryIn, distributable, holds } = check;
  return (
    <p className={`split-check ${holds ? 'split-check-ok' : 'split-check-bad'}`} data-testid="split-check" data-holds={holds} role="status">
      <span>
        Σ rewards {micro(paidSum)} + carried out {micro(carryOut)} = <strong>{micro(paidSum + carryOut)}</strong>
      </span>
      <span>
        {holds ? '=' : '≠'} pool of the epoch: fees {micro(inflow)} + carried in {micro(carryIn)} = <strong>{micro(distributable)}</strong>
      </span>
      <span data-testid="split-check-verdict">{holds ? '✓ exact: every micro-credit is paid or carried' : '✗ does not add up: this engine’s figures disagree with themselves'}</span>
    </p>
  );
}

/** What the epoch had to split and where it went: fees in, remainder carried in and out, what is claimed. */
export function PoolCard({ c, check, pool }: { c: EpochComputation; check: SplitCheck; pool: Pool | undefined }) {
  const s = c.summary;
  return (
    <section className="card" aria-label="Pool of the epoch" data-testid="pool-card">
      <h2>Pool of epoch #{s.epoch}</h2>
      <p className="muted" title={epochUtcRange(s)} data-testid="pool-window">
        Records timed {epochWindowText(s)}.
      </p>
      <dl className="detail-grid pool-figures">
        <dt>Fees of the epoch</dt>
        <dd data-testid="pool-inflow" data-micro={s.inflow}>
          {formatMoney(s.inflow)} from {formatPlural(s.charges, 'charge')} ({formatBpsPercent(c.marketplace.feeBps)} of each)
        </dd>
        <dt>Carried in</dt>
        <dd data-testid="pool-carry-in" data-micro={s.carryIn}>
          {formatMoney(s.carryIn)} (the remainder of the previous epoch)
        </dd>
        <dt>To split (D)</dt>
        <dd data-testid="pool-distributable" data-micro={s.distributable}>
          <strong>{formatMoney(s.distributable)}</strong>
        </dd>
        <dt>Paid to producers</dt>
        <dd data-testid="pool-paid" data-micro={s.paid}>
          {formatMoney(s.paid)} to {formatPlural(s.rewarded, 'producer')}
        </dd>
        <dt>Carried out</dt>
        <dd data-testid="pool-carry-out" data-micro={s.carryOut}>
          {formatMoney(s.carryOut)} (rounding remainder, into the next epoch)
        </dd>
        <dt>Claimed so far</dt>
        <dd data-testid="pool-claimed" data-micro={s.claimed}>
          {formatMoney(s.claimed)} in {formatPlural(s.claims.filter((x) => x.status === 'valid').length, 'valid claim')}
        </dd>
        {s.lateCharges > 0 && (
          <>
            <dt>Late, excluded</dt>
            <dd data-testid="pool-late">
              {formatPlural(s.lateCharges, 'charge')} received after the grace period; their {formatMoney(s.lateFees)} of fees stay in the pool, unallocated
            </dd>
          </>
        )}
        {pool && (
          <>
            <dt>pool:rewards now</dt>
            <dd data-testid="pool-balance" data-micro={pool.balance}>
              {formatMoney(pool.balance)} ({formatMoney(pool.unclaimed)} computed for final epochs but not claimed yet)
            </dd>
          </>
        )}
      </dl>
      <SplitCheckLine check={check} />
      <dl className="detail-grid hashes">
        <dt>Result hash</dt>
        <dd>
          <code className="hash selectable" data-testid="result-hash">
            {s.resultHash}
          </code>
        </dd>
        <dt>Inputs digest</dt>
        <dd>
          <code className="hash selectable">{c.inputsDigest}</code>
        </dd>
      </dl>
      <p className="muted">Every peer holding the same records computes the same result hash; a reward claim counts only where it does.</p>
    </section>
  );
}
