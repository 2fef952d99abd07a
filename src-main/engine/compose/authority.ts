import type { RecordKind } from '../../../src-shared/domain';
import { ledgerRecordViolation } from '../ledger/entry-rules';
import { RECORD_RULE_BY_KIND, type AuthorityRule, type AuthorityRules } from '../records/record-rules';

/** A ledger record: its shape, and a deposit only by the treasury (ledger/entry-rules.ts). */
const ledgerRule: AuthorityRule = (payload, ctx) => ledgerRecordViolation(payload, ctx.marketplaceId);

/**
 * Who may sign each kind of record on this engine: the records' own rules and the domains'. Typed
 * as one entry per kind, so a kind added to the domain cannot go without a rule.
 */
export function authorityRules(): AuthorityRules {
  const byKind: { readonly [K in RecordKind]: AuthorityRule } = { ...RECORD_RULE_BY_KIND, 'ledger-entry': ledgerRule, 'ledger-checkpoint': ledgerRule };
  return new Map(Object.entries(byKind) as Array<[RecordKind, AuthorityRule]>);
}
