import { useState } from 'preact/hooks';
import { topicLabel } from '../../lib/approvals/topic-label';
import type { ApprovalView } from '../../lib/approvals/messages';
import { t } from '../../lib/i18n';
import { formatMoney, formatTime } from '../../lib/ui/format-money';
import { PageSays } from './PageSays';

interface Props {
  approval: ApprovalView;
  busy: boolean;
  canApprove: boolean;
  /** No passkey is enrolled: approve with the vault's master password instead (labelled as weaker). */
  withPassword?: boolean;
  onApprove(): void;
  onApproveWithPassword?(password: string): void;
  onDeny(): void;
}

/** One held action: where (the origin the browser reported), what, how much, to whom, which fields. */
export function ApprovalCard({ approval, busy, canApprove, withPassword = false, onApprove, onApproveWithPassword, onDeny }: Props) {
  const a = approval.action;
  const [password, setPassword] = useState('');
  return (
    <li class={`approval ${a.kind}`} data-testid="approval" data-id={approval.id} data-kind={a.kind} data-topic={a.topic}>
      <dl class="browser-says">
        <dt>{t('approvalSite')}</dt>
        <dd data-field="origin">{a.origin}</dd>
        <dt>{t('approvalWhat')}</dt>
        <dd data-field="topic">{topicLabel(a.topic)}</dd>
        {a.amount !== null && (
          <>
            <dt>{t('approvalAmount')}</dt>
            <dd data-field="amount" data-amount={a.amount} data-currency={a.currency ?? ''} class="amount">
              {formatMoney(a.amount, a.currency)}
            </dd>
          </>
        )}
      </dl>
      {(a.kind === 'payment' || a.fields.length > 0) && (
        <section class="page-claims" data-testid="page-claims" aria-label={t('approvalPageSays')}>
          <p class="page-claims-heading">{t('approvalPageSays')}</p>
          {a.kind === 'payment' && (
            <dl>
              <dt>{t('approvalPayee')}</dt>
              <dd>{a.payee ? <PageSays value={a.payee} field="payee" /> : <span data-field="payee">{t('approvalPayeeUnknown')}</span>}</dd>
            </dl>
          )}
          {a.fields.length > 0 && (
            <details open={a.kind === 'settings'}>
              <summary>{t('approvalFields', String(a.fields.length))}</summary>
              <ul class="fields">
                {a.fields.map((f) => (
                  <li key={f.name} data-field-name={f.name}>
                    <span class="label">
                      <PageSays value={f.label} max={60} field="label" />
                    </span>
                    : <span class="value">{f.secret ? t('approvalSecretValue') : <PageSays value={f.value} max={120} field="value" />}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
      <p class="note">{t('approvalExpires', formatTime(a.expiresAt))}</p>
      {withPassword ? (
        <form
          class="actions password"
          data-testid="approval-password-form"
          onSubmit={(e) => {
            e.preventDefault();
            const typed = password;
            setPassword('');
            if (typed) onApproveWithPassword?.(typed);
          }}
        >
          <label>
            {t('approvalPasswordLabel')}
            <input type="password" name="approval-master-password" autocomplete="current-password" required value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" data-action="approve-with-password" disabled={busy}>
            {t('approvalApproveWithPassword')}
          </button>
          <button type="button" data-action="deny" disabled={busy} onClick={onDeny}>
            {t('approvalDeny')}
          </button>
        </form>
      ) : (
        <div class="actions">
          <button type="button" data-action="approve" disabled={busy || !canApprove} onClick={onApprove}>
            {t('approvalApprove')}
          </button>
          <button type="button" data-action="deny" disabled={busy} onClick={onDeny}>
            {t('approvalDeny')}
          </button>
        </div>
      )}
    </li>
  );
}
