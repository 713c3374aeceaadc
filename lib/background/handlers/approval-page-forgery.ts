import type { AuditTrail } from '../../approvals/audit-trail';
import { ID_PATTERN } from '../../approvals/parse';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { DECISION_TYPES, type DecisionType } from '../../protocol/validate';
import { senderTab } from './require-tab';

/** A hostile page could repeat its forgery without end: this many records per tab and minute, no more. */
const PER_TAB_PER_MINUTE = 5;

/**
 * A page posted an approval decision on the agent channel. The content script refused it there (the
 * protocol has no such request); this keeps the record in the step-up audit trail, with the tab, the
 * origin the browser reports, and the approval the page named if its id is well-formed.
 */
export function approvalPageForgery(audit: AuditTrail, now: () => number = Date.now): Handler<'approval.pageForgery'> {
  const recent = new Map<number, number[]>();
  return {
    parse(payload) {
      const record = objectPayload(payload);
      if (!(DECISION_TYPES as readonly unknown[]).includes(record.type)) throw new AirlockError('MESSAGE_MALFORMED', 'type is not a decision');
      const approvalId = typeof record.approvalId === 'string' && ID_PATTERN.test(record.approvalId) ? record.approvalId : null;
      return { type: record.type as DecisionType, approvalId };
    },
    async handle({ type, approvalId }, sender) {
      const { tabId } = senderTab(sender);
      const at = now();
      const times = (recent.get(tabId) ?? []).filter((t) => at - t < 60_000);
      if (times.length >= PER_TAB_PER_MINUTE) return { audited: false };
      recent.set(tabId, [...times, at]);
      await audit.append({ at, event: 'refused', code: 'PROTOCOL_FORBIDDEN', detail: `page in tab ${tabId} sent ${type}`, ...(sender.origin ? { origin: sender.origin } : {}), ...(approvalId ? { approvalId } : {}) });
      return { audited: true };
    },
  };
}
