import { useEffect } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n';
import type { AuditModel } from '../../lib/ui/vault-audit-model';
import { download } from './download';

/** Settings: the credential audit log (newest first), whether its hash chain verifies, and a JSON export. */
export function AuditSection({ model }: { model: AuditModel }) {
  useEffect(() => void model.refresh(), [model]);
  const listing = model.listing.value;
  return (
    <section aria-labelledby="audit-heading" data-testid="vault-audit">
      <h2 id="audit-heading">{t('auditHeading')}</h2>
      {listing && (
        <p data-testid="audit-verdict" data-ok={String(listing.verdict.ok)} role={listing.verdict.ok ? undefined : 'alert'}>
          {listing.verdict.ok ? tCount('auditVerified', listing.verdict.count) : t('auditBroken', [listing.verdict.problem, String(listing.verdict.seq ?? '?')])}
        </p>
      )}
      <p>
        <button type="button" onClick={() => void model.refresh()}>
          {t('auditRefresh')}
        </button>{' '}
        <button type="button" data-action="export-audit" onClick={() => void model.exportJson().then((json) => json && download('airlock-audit.json', json, 'application/json'))}>
          {t('auditExport')}
        </button>
      </p>
      {listing && (
        <table class="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('auditWhen')}</th>
              <th>{t('auditKind')}</th>
              <th>{t('auditOrigin')}</th>
              <th>{t('auditAgent')}</th>
              <th>{t('auditReason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...listing.entries]
              .reverse()
              .slice(0, 200)
              .map((entry) => (
                <tr key={entry.seq} data-kind={entry.kind}>
                  <td>{entry.seq}</td>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{entry.kind}</td>
                  <td>{entry.origin ?? ''}</td>
                  <td>{entry.agent ?? ''}</td>
                  <td>{entry.reason ?? ''}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
