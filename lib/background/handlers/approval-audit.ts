import type { AuditTrail } from '../../approvals/audit-trail';
import type { Handler } from '../../messaging/router';

export function approvalAudit(audit: AuditTrail): Handler<'approval.audit'> {
  return { parse: () => ({}), handle: () => audit.list() };
}
