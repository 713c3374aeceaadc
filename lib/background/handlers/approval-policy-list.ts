import type { PolicyService } from '../../approvals/policy-service';
import type { Handler } from '../../messaging/router';

export function approvalPolicyList(policies: PolicyService): Handler<'policy.list'> {
  return { parse: () => ({}), handle: () => policies.listing() };
}
