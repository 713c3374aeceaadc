import type { ApprovalService } from '../../approvals/approval-service';
import type { AuditTrail } from '../../approvals/audit-trail';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import type { PasskeyService } from '../../approvals/passkey-service';
import type { PolicyService } from '../../approvals/policy-service';
import { AirlockError } from '../../errors/airlock-error';
import type { Handler, Handlers } from '../../messaging/router';
import { approvalApprove } from './approval-approve';
import { approvalApproveWithPassword } from './approval-approve-with-password';
import { approvalAudit } from './approval-audit';
import { approvalConsume } from './approval-consume';
import { approvalDeny } from './approval-deny';
import { approvalList } from './approval-list';
import { approvalPageForgery } from './approval-page-forgery';
import { approvalPolicyList } from './approval-policy-list';
import { approvalPolicyRevoke } from './approval-policy-revoke';
import { approvalPolicySet } from './approval-policy-set';
import { approvalRequest } from './approval-request';
import { confirmMethod } from './confirm-method';
import { approvalVerifyReceipt } from './approval-verify-receipt';
import { passkeyEnroll } from './passkey-enroll';
import { passkeyFactorOptions } from './passkey-factor-options';
import { passkeyList } from './passkey-list';
import { passkeyRegistrationOptions } from './passkey-registration-options';
import { passkeyRemove } from './passkey-remove';
import { passkeyRename } from './passkey-rename';

export interface StepUpServices {
  approvals: ApprovalService;
  passkeys: PasskeyService;
  policies: PolicyService;
  audit: AuditTrail;
  confirmation: HumanConfirmation;
}

export type StepUpKind =
  | 'approval.request'
  | 'approval.consume'
  | 'approval.list'
  | 'approval.approve'
  | 'approval.approveWithPassword'
  | 'approval.deny'
  | 'approval.pageForgery'
  | 'approval.audit'
  | 'approval.verifyReceipt'
  | 'passkey.list'
  | 'passkey.registrationOptions'
  | 'passkey.enroll'
  | 'passkey.rename'
  | 'passkey.factorOptions'
  | 'passkey.remove'
  | 'confirm.method'
  | 'policy.list'
  | 'policy.set'
  | 'policy.revoke';

export type StepUpHandlers = Pick<Handlers, StepUpKind>;

/** Handlers of step-up confirmation: approvals, passkeys, site policies. */
export function buildStepUpHandlers(services: StepUpServices): StepUpHandlers {
  return {
    'approval.request': approvalRequest(services.approvals),
    'approval.consume': approvalConsume(services.approvals),
    'approval.list': approvalList(services.approvals, services.confirmation),
    'approval.approve': approvalApprove(services.approvals),
    'approval.approveWithPassword': approvalApproveWithPassword(services.approvals, services.confirmation),
    'approval.deny': approvalDeny(services.approvals),
    'approval.pageForgery': approvalPageForgery(services.audit),
    'approval.audit': approvalAudit(services.audit),
    'approval.verifyReceipt': approvalVerifyReceipt(services.audit, services.passkeys),
    'passkey.list': passkeyList(services.passkeys),
    'passkey.registrationOptions': passkeyRegistrationOptions(services.passkeys),
    'passkey.enroll': passkeyEnroll(services.passkeys, services.confirmation),
    'passkey.rename': passkeyRename(services.passkeys),
    'passkey.factorOptions': passkeyFactorOptions(services.passkeys),
    'passkey.remove': passkeyRemove(services.passkeys),
    'confirm.method': confirmMethod(services.confirmation),
    'policy.list': approvalPolicyList(services.policies),
    'policy.set': approvalPolicySet(services.policies),
    'policy.revoke': approvalPolicyRevoke(services.policies),
  };
}

/** Where step-up is not wired (unit tests of other handlers): every step-up kind fails closed. */
export function unavailableStepUpHandlers(): StepUpHandlers {
  const refuse: Handler<StepUpKind> = {
    parse: () => {
      throw new AirlockError('STEP_UP_UNAVAILABLE', 'Step-up confirmation is not running');
    },
    handle: () => Promise.reject(new AirlockError('STEP_UP_UNAVAILABLE', 'Step-up confirmation is not running')),
  };
  const kinds: StepUpKind[] = ['approval.request', 'approval.consume', 'approval.list', 'approval.approve', 'approval.approveWithPassword', 'approval.deny', 'approval.pageForgery', 'approval.audit', 'approval.verifyReceipt', 'passkey.list', 'passkey.registrationOptions', 'passkey.enroll', 'passkey.rename', 'passkey.factorOptions', 'passkey.remove', 'confirm.method', 'policy.list', 'policy.set', 'policy.revoke'];
  return Object.fromEntries(kinds.map((k) => [k, refuse])) as unknown as StepUpHandlers;
}
