import { ID_PATTERN, stringField } from '../../approvals/parse';
import type { ApprovalService } from '../../approvals/approval-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function approvalDeny(approvals: ApprovalService): Handler<'approval.deny'> {
  return {
    parse: (payload) => ({ id: stringField(objectPayload(payload), 'id', 64, ID_PATTERN) }),
    handle: ({ id }) => approvals.deny(id),
  };
}
