import { minorUnits, type ActionClaim } from './canonical-action';
import type { SitePolicy } from './messages';

export type PolicyDecision = { allow: false } | { allow: true; reason: 'policy-grant' | 'policy-below-amount' };

/**
 * Whether a site's policy lets an action go ahead without asking. Fails closed: anything unreadable
 * (no amount, another currency, an expired grant) asks the human. Settings changes are never let
 * through by an amount rule.
 */
export function decidePolicy(policy: SitePolicy | null, grantUntil: number | null, claim: ActionClaim, now: number): PolicyDecision {
  if (!policy || policy.mode === 'always') return { allow: false };
  if (policy.mode === 'grant-after-approval') {
    return grantUntil !== null && now < grantUntil ? { allow: true, reason: 'policy-grant' } : { allow: false };
  }
  if (claim.kind !== 'payment' || claim.currency !== policy.currency) return { allow: false };
  const amount = minorUnits(claim.amount);
  return amount !== null && amount < policy.below ? { allow: true, reason: 'policy-below-amount' } : { allow: false };
}

/** Whether a policy lets more through than "always ask" (changing to it needs the human's factor). */
export function lowersProtection(policy: SitePolicy): boolean {
  return policy.mode !== 'always';
}

/** What the human's factor signs when a policy is set: the exact site and rule. */
export function policySubject(origin: string, policy: SitePolicy): string {
  return JSON.stringify([origin, policy.mode, policy.mode === 'below-amount' ? [policy.below, policy.currency] : policy.mode === 'grant-after-approval' ? policy.minutes : null]);
}
