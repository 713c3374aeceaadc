import { ID_PATTERN, parseClaim, stringField } from '../../approvals/parse';
import type { ApprovalService } from '../../approvals/approval-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { actionSource } from './approval-source';

export function approvalConsume(approvals: ApprovalService): Handler<'approval.consume'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return {
        id: stringField(record, 'id', 64, ID_PATTERN),
        claim: parseClaim(record.claim),
        pageToken: stringField(record, 'pageToken', 64, /^[A-Za-z0-9_-]{16,64}$/),
      };
    },
    handle: ({ id, claim, pageToken }, sender) => approvals.consume(id, claim, actionSource(sender), pageToken),
  };
}
