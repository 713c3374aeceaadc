import type { AuditTrail } from '../../approvals/audit-trail';
import { ID_PATTERN } from '../../approvals/parse';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { DECISION_TYPES, type DecisionType } from '../../protocol/validate';
import { senderTab } from './require-tab';

/**
 * A page posted an approval decision on the agent channel. The content script refused it there (the
 * protocol has no such request); this keeps the record in the step-up audit trail, with the tab, the
 * origin the browser reports, and the approval the page named if its id is well-formed. A hostile page
 * could repeat it without end: one record per tab every ten minutes, counting the attempts between.
 */
export function approvalPageForgery(audit: AuditTrail, now: () => number = Date.now): Handler<'approval.pageForgery'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      if (!(DECISION_TYPES as readonly unknown[]).includes(record.type)) throw new AirlockError('MESSAGE_MALFORMED', 'type is not a decision');
      const approvalId = typeof record.approvalId === 'string' && ID_PATTERN.test(record.approvalId) ? record.approvalId : null;
      return { type: record.type as DecisionType, approvalId };
    },
    async handle({ type, approvalId }, sender) {
      const { tabId } = senderTab(sender);
      const entry = { at: now(), event: 'refused' as const, code: 'PROTOCOL_FORBIDDEN', detail: `page in tab ${tabId} sent ${type}`, ...(sender.origin ? { origin: sender.origin } : {}), ...(approvalId ? { approvalId } : {}) };
      return { audited: await audit.appendPageForgery(tabId, entry) };
    },
  };
}
