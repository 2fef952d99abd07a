import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { appendDeposit } from '../ledger/append';
import { proveEntry, signCheckpoint } from '../ledger/checkpoint';
import { userAccount } from '../ledger/entry-rules';
import { exportJsonl, verifyStoredLedger } from '../ledger/export';
import { entryView } from '../ledger/views';

type LedgerCommands = 'ledger.deposit' | 'ledger.balance' | 'ledger.entries' | 'ledger.proof' | 'ledger.checkpoint' | 'ledger.verify' | 'ledger.export';

export function ledgerHandlers(engine: Engine): Pick<Handlers, LedgerCommands> {
  const context = engine.ledgerContext;
  const { ledger, keys } = context;
  return {
    'ledger.deposit': async (input) => appendDeposit(context, input),
    'ledger.balance': async ({ account }) => {
      const name = account ?? userAccount(keys.identity.publicKey);
      return { account: name, balance: ledger.balance(name), entries: ledger.entryCount(name) };
    },
    'ledger.entries': async (input) => {
      const page = ledger.query(input);
      return {
        total: page.total,
        totals: page.totals,
        items: page.items.map(({ entry, amount, runningBalance }) => ({ ...entryView(entry), amount, runningBalance })),
      };
    },
    'ledger.proof': async ({ hash }) => proveEntry(context, hash),
    'ledger.checkpoint': async () => signCheckpoint(context),
    'ledger.verify': async () => {
      const report = verifyStoredLedger(context);
      // The export covers what is on disk; chains the engine holds back for a missing record
      // (nothing wrong in the file itself, e.g. a certificate not yet received) are reported too.
      const blocked = ledger.blocks().filter((b) => !report.problems.some((p) => p.chain === b.chain));
      const problems = [
        ...report.problems.map(({ chain, seq, hash, id, kind, reason }) => ({ chain, seq, hash, id, kind, reason })),
        ...blocked.map((b) => ({ chain: b.chain, seq: b.seq, hash: b.hash, id: null, kind: b.kind, reason: b.reason })),
      ];
      // The engine's own view of forks and deficits: the same rule as the export's, over what it holds.
      return { ok: problems.length === 0, chains: report.chains, entries: report.entries, checkpoints: report.checkpoints, problems, forks: ledger.forks(), deficits: ledger.deficits() };
    },
    'ledger.export': async () => exportJsonl(context),
  };
}
