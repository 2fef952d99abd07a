import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { MAX_PRICE_MICRO } from '../../../src-shared/money';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { randomId } from '../client/random-id';
import { formatMoney } from '../format/numbers';
import { parseCredits, type Parsed } from '../format/parse-input';
import { FormFooter } from '../shell/FormFooter';
import { TextField } from '../shell/TextField';

/** ledger.deposit accepts up to 100 × the highest price component: 1,000,000 credits at once. */
export const MAX_DEPOSIT_MICRO = MAX_PRICE_MICRO * 100;

/** The amount field → whole micro-credits, at least one, with a message that says what is wrong. */
export function parseDepositAmount(text: string): Parsed {
  const parsed = parseCredits(text, { label: 'Amount', max: MAX_DEPOSIT_MICRO });
  if (parsed.ok && parsed.value < 1) return { ok: false, message: 'Amount must be at least 0.000001 cr (one micro-credit).' };
  return parsed;
}

/**
 * Treasury only: issue credits into the local wallet. The entry id is made here and kept until
 * the form changes, so re-submitting after a lost answer cannot deposit twice.
 */
export function DepositForm() {
  const client = useClient();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [entryId, setEntryId] = useState(() => randomId('deposit-ui-', 12));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const parsed = parseDepositAmount(amount);
  const problem = !parsed.ok && (submitted || amount.trim() !== '') ? parsed.message : undefined;

  function edit(apply: () => void) {
    apply();
    setEntryId(randomId('deposit-ui-', 12));
    setDone(null);
    setFailure(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const entry = await client.call('ledger.deposit', { amount: parsed.value, id: entryId, ...(note.trim() ? { note: note.trim() } : {}) });
      setDone(`Deposited ${formatMoney(parsed.value)}: treasury entry #${entry.seq}, signed.`);
      setAmount('');
      setNote('');
      setSubmitted(false);
      setEntryId(randomId('deposit-ui-', 12));
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-section" data-testid="deposit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Deposit credits</h2>
      <p className="muted">You hold this marketplace&rsquo;s treasury key: a deposit issues new credits into your wallet as a signed treasury entry.</p>
      <TextField
        id="deposit-amount"
        label="Amount"
        unit="cr"
        problem={problem}
        hint="Credits, up to 6 decimals, e.g. 25 or 0.5."
        inputMode="decimal"
        value={amount}
        onChange={(value) => edit(() => setAmount(value))}
      />
      <TextField id="deposit-note" label="Note (optional)" maxLength={500} value={note} onChange={(value) => edit(() => setNote(value))} />
      <FormFooter failure={failure} done={done} busy={busy} label="Deposit" busyLabel="Signing…" testIds={{ error: 'deposit-error', done: 'deposit-done', submit: 'deposit-submit' }} />
    </form>
  );
}
