/**
 * The ledger's API for the rest of the engine (routing charges calls, producers refund them) and
 * for tools. Commands go through handlers/ledger.ts; each use case takes its port (context.ts), never
 * the Engine; nothing here is module-level state: every piece lives on the engine's LedgerState.
 */
export { appendCharge, appendDeposit, appendRefund, type ChargeInput } from './append';
export { proveEntry, signCheckpoint } from './checkpoint';
export { ledgerContextOf, type AppendContext, type CheckpointContext, type ExportContext, type LedgerContext, type LedgerPublisher } from './context';
export { POOL_ACCOUNT, TREASURY_ACCOUNT, ledgerDocName, producerAccount, userAccount } from './entry-rules';
export { exportJsonl, exportLines, verifyStoredLedger } from './export';
export type { LedgerState } from './ledger-state';
export { describeProblem, verifyLedgerExport, verifyLedgerLines, type VerifyReport } from './verify-export';
