import type { ApprovalService } from '../../approvals/approval-service';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import type { Handler } from '../../messaging/router';

/** Pending approvals, and whether the master password may stand in while no passkey is enrolled. */
export function approvalList(approvals: ApprovalService, confirmation: Pick<HumanConfirmation, 'method'>): Handler<'approval.list'> {
  return {
    parse: () => ({}),
    handle: async () => {
      const listing = await approvals.list();
      const method = await confirmation.method('step-up-approve');
      return { ...listing, fallback: method === 'master-password' || method === 'unlock-first' ? method : null };
    },
  };
}
