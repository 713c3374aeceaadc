import { parseClaim, stringField } from '../../approvals/parse';
import type { ApprovalService } from '../../approvals/approval-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { actionSource } from './approval-source';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export function approvalRequest(approvals: ApprovalService): Handler<'approval.request'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { claim: parseClaim(record.claim), pageToken: stringField(record, 'pageToken', 64, TOKEN) };
    },
    handle: ({ claim, pageToken }, sender) => approvals.request(claim, actionSource(sender), pageToken),
  };
}
