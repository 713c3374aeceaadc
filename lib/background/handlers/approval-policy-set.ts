import { parseOptionalAssertion, parseOrigin, parsePolicy } from '../../approvals/parse';
import type { PolicyService } from '../../approvals/policy-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function approvalPolicySet(policies: PolicyService): Handler<'policy.set'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { origin: parseOrigin(record.origin), policy: parsePolicy(record.policy), factor: parseOptionalAssertion(record.factor) };
    },
    handle: ({ origin, policy, factor }) => policies.set(origin, policy, factor),
  };
}
