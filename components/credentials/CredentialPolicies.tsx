import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { CredentialPoliciesModel } from '../../lib/ui/credential-policies-model';
import { credentialErrorText } from './credential-error-text';

/** Settings: where an agent signs in without asking the human, and a Revoke button for each. */
export function CredentialPolicies({ model }: { model: CredentialPoliciesModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const policies = model.policies.value;
  const error = model.error.value;
  const inPage = model.inPage.value;
  return (
    <section aria-labelledby="credential-policies-heading" data-testid="credential-policies">
      <h2 id="credential-policies-heading">{t('credentialPoliciesHeading')}</h2>
      <p>{t('credentialPoliciesIntro')}</p>
      {policies && policies.length === 0 && <p class="muted" data-testid="credential-policies-empty">{t('credentialPoliciesEmpty')}</p>}
      {policies && policies.length > 0 && (
        <ul class="entry-list">
          {policies.map((policy) => (
            <li key={policy.id} data-testid="credential-policy" data-id={policy.id} data-origin={policy.origin}>
              <code>{policy.origin}</code> {t('credentialPolicyLine', [policy.entryLabel ?? t('credentialPolicyEntryLocked'), policy.agent, new Date(policy.createdAt).toLocaleString()])}{' '}
              <button type="button" class="secondary" data-action="revoke-credential-policy" disabled={model.busy.value} onClick={() => void model.revoke(policy.id)}>
                {t('credentialPolicyRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 id="in-page-sites-heading">{t('inPageSitesHeading')}</h3>
      <p>{t('inPageSitesIntro')}</p>
      {inPage && inPage.length === 0 && <p class="muted" data-testid="in-page-sites-empty">{t('inPageSitesEmpty')}</p>}
      {inPage && inPage.length > 0 && (
        <ul class="entry-list" aria-labelledby="in-page-sites-heading">
          {inPage.map((site) => (
            <li key={site.origin} data-testid="in-page-site" data-origin={site.origin}>
              <code>{site.origin}</code> {t('inPageSiteLine', [site.agent, new Date(site.createdAt).toLocaleString()])}{' '}
              <button type="button" class="secondary" data-action="revoke-in-page" disabled={model.busy.value} onClick={() => void model.revokeInPage(site.origin)}>
                {t('inPageSiteRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert" data-testid="credential-policies-error" data-code={error.code}>
          {credentialErrorText(error)}
        </p>
      )}
    </section>
  );
}
