import { useEffect } from 'preact/hooks';
import type { AuditEntry, ReceiptCheck } from '../../lib/approvals/messages';
import { topicLabel } from '../../lib/approvals/topic-label';
import { t } from '../../lib/i18n';
import { formatMoney } from '../../lib/ui/format-money';
import type { ReceiptsModel } from '../../lib/ui/receipts-model';
import { download } from '../vault/download';

function checkText(check: ReceiptCheck): string {
  if (check.result === 'valid') return t('receiptValid', check.passkey ?? '');
  return check.result === 'invalid' ? t('receiptInvalid') : t('receiptKeyRemoved');
}

function summary(entry: AuditEntry): string {
  const action = entry.receipt?.action;
  if (!action) return [entry.code, entry.detail].filter(Boolean).join(' · ');
  const money = action.amount ? ` · ${formatMoney(action.amount, action.currency)}` : '';
  return `${topicLabel(action.topic)}${money}${action.payee ? ` · ${action.payee}` : ''}`;
}

/** Settings: the step-up audit trail (newest first), a Verify button per approval receipt, JSON export. */
export function StepUpAudit({ model }: { model: ReceiptsModel }) {
  useEffect(() => void model.refresh(), [model]);
  const checks = model.checks.value;
  const error = model.error.value;
  return (
    <section aria-labelledby="stepup-audit-heading" data-testid="stepup-audit">
      <h2 id="stepup-audit-heading">{t('stepUpAuditHeading')}</h2>
      <p>{t('stepUpAuditIntro')}</p>
      <p>
        <button type="button" onClick={() => void model.refresh()}>
          {t('auditRefresh')}
        </button>{' '}
        <button type="button" data-action="export-stepup-audit" onClick={() => void model.exportJson().then((json) => json && download('airlock-step-up-audit.json', json, 'application/json'))}>
          {t('auditExport')}
        </button>
      </p>
      {error && (
        <p class="error" role="alert" data-code={error.code}>
          {t('errorGeneric', error.message)}
        </p>
      )}
      <table class="audit-table">
        <thead>
          <tr>
            <th>{t('auditWhen')}</th>
            <th>{t('auditKind')}</th>
            <th>{t('auditOrigin')}</th>
            <th>{t('stepUpAuditAction')}</th>
            <th>{t('stepUpAuditReceipt')}</th>
          </tr>
        </thead>
        <tbody>
          {model.entries.value.slice(0, 200).map((entry, i) => {
            const check = entry.approvalId ? checks[entry.approvalId] : undefined;
            return (
              <tr key={`${entry.at}-${i}`} data-testid="stepup-audit-entry" data-event={entry.event} data-approval-id={entry.approvalId ?? ''}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{entry.event}</td>
                <td>{entry.origin ?? ''}</td>
                <td>{summary(entry)}</td>
                <td>
                  {entry.receiptAltered && (
                    <span class="error" data-testid="receipt-altered" role="note">
                      {t('receiptAltered')}
                    </span>
                  )}{' '}
                  {entry.receipt && entry.approvalId && (
                    <button type="button" data-action="verify-receipt" aria-label={t('stepUpAuditVerifyLabel', entry.receipt.action.origin)} onClick={() => void model.verify(entry.approvalId!)}>
                      {t('stepUpAuditVerify')}
                    </button>
                  )}{' '}
                  {check && (
                    <span data-testid="receipt-check" data-result={check.result} role="status">
                      {checkText(check)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
