import { parseOrigin } from '../../approvals/parse';
import type { PolicyService } from '../../approvals/policy-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function approvalPolicyRevoke(policies: PolicyService): Handler<'policy.revoke'> {
  return {
    parse: (payload) => ({ origin: parseOrigin(objectPayload(payload).origin) }),
    handle: ({ origin }) => policies.revoke(origin),
  };
}
