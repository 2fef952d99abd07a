import { RECORD_BODIES, type RecordPayload } from '../../../src-shared/domain';
import { RECORD_RULES, type AuthorityContext, type AuthorityRules } from './record-rules';

export type { AuthorityContext, AuthorityRule, AuthorityRules } from './record-rules';

/** A record that may take effect, with its body as its kind's schema parsed it; or why it may not. */
export type AuthorityCheck = { ok: true; body: unknown } | { ok: false; reason: string };

/**
 * Who may sign what (docs/security.md): the body is parsed once, here, and handed on
 * (SignedRecord.parsedBody): on a first sync, parsing each body again (schemas with URL checks) was
 * a fifth of the engine thread's work. Then the kind's rule decides (record-rules.ts and the rules
 * the composition root registers). Locally, a record is also refused when `ctx.parties` says peers
 * would leave it out (a review by a producer's device).
 */
export function checkAuthority(payload: RecordPayload, ctx: AuthorityContext, rules: AuthorityRules = RECORD_RULES): AuthorityCheck {
  const body = RECORD_BODIES[payload.kind].safeParse(payload.body);
  if (!body.success) {
    const issue = body.error.issues[0];
    return { ok: false, reason: `invalid ${payload.kind} body at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const rule = rules.get(payload.kind);
  const reason = rule ? rule({ ...payload, body: body.data } as RecordPayload, ctx) : `no authority rule for ${payload.kind} records is registered on this engine`;
  return reason === null ? { ok: true, body: body.data } : { ok: false, reason };
}

/** The reason a record must be quarantined, or null when it may take effect. */
export function authorityViolation(payload: RecordPayload, ctx: AuthorityContext, rules: AuthorityRules = RECORD_RULES): string | null {
  const check = checkAuthority(payload, ctx, rules);
  return check.ok ? null : check.reason;
}
