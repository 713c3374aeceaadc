import type { ApprovalService } from '../../approvals/approval-service';
import type { Handler } from '../../messaging/router';

export function approvalList(approvals: ApprovalService): Handler<'approval.list'> {
  return { parse: () => ({}), handle: () => approvals.list() };
}
