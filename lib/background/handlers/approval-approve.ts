import { ID_PATTERN, parseAssertion, stringField } from '../../approvals/parse';
import type { ApprovalService } from '../../approvals/approval-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/**
 * Accepted from any Airlock page, in a tab too: an agent can open one, so the sender proves nothing.
 * The proof is the assertion, checked against the enrolled public keys.
 */
export function approvalApprove(approvals: ApprovalService): Handler<'approval.approve'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 64, ID_PATTERN), assertion: parseAssertion(record.assertion) };
    },
    handle: ({ id, assertion }) => approvals.approve(id, assertion),
  };
}
