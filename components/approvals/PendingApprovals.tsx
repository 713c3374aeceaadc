import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { ApprovalsModel, UiError } from '../../lib/ui/approvals-model';
import { ApprovalCard } from './ApprovalCard';

function errorText(error: UiError): string {
  switch (error.code) {
    case 'WEBAUTHN_CANCELLED':
      return t('approvalErrorCancelled');
    case 'AUTHENTICATOR_UNKNOWN':
      return t('approvalErrorUnknownAuthenticator');
    case 'APPROVAL_EXPIRED':
      return t('approvalErrorExpired');
    case 'APPROVAL_VOID':
      return t('approvalErrorVoid');
    case 'STEP_UP_UNAVAILABLE':
      return t('approvalNoPasskey');
    default:
      return t('errorGeneric', error.message);
  }
}

/** The popup's list of actions waiting for the human. Renders nothing when none wait. */
export function PendingApprovals({ model }: { model: ApprovalsModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const listing = model.listing.value;
  const error = model.error.value;
  if (!listing || (listing.approvals.length === 0 && !error)) return null;

  return (
    <section class="approvals" aria-labelledby={listing.approvals.length > 0 ? 'approvals-heading' : undefined} data-testid="approvals">
      {listing.approvals.length > 0 && <h2 id="approvals-heading">{t('approvalsHeading', String(listing.approvals.length))}</h2>}
      {listing.enrolled === 0 && (
        <p class="note" data-testid="approval-fallback" data-fallback={listing.fallback ?? 'none'}>
          {t(listing.fallback === 'master-password' ? 'approvalPasswordFallback' : listing.fallback === 'unlock-first' ? 'approvalUnlockFirst' : 'approvalNoPasskey')}
        </p>
      )}
      <ul class="approval-list">
        {listing.approvals.map((approval) => (
          <ApprovalCard
            key={approval.id}
            approval={approval}
            busy={model.busy.value !== null}
            canApprove={approval.assertion !== null}
            withPassword={listing.enrolled === 0 && listing.fallback === 'master-password'}
            onApprove={() => void model.approve(approval.id)}
            onApproveWithPassword={(password) => void model.approveWithPassword(approval.id, password)}
            onDeny={() => void model.deny(approval.id)}
          />
        ))}
      </ul>
      {error && (
        <p class="error" role="alert" data-testid="approval-error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
