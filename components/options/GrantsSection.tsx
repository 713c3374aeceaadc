import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { GrantsModel } from '../../lib/ui/grants-model';

function formText(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? '').trim();
}

/** Options: providers the token broker may use, and the grants agents hold, each revocable at once. */
export function GrantsSection({ model }: { model: GrantsModel }) {
  useEffect(() => void model.refresh(), [model]);
  const error = model.error.value;
  return (
    <section aria-labelledby="grants" class="grants">
      <h2 id="grants">{t('grantsHeading')}</h2>
      <p>{t('grantsIntro')}</p>
      {model.grants.value.length === 0 ? (
        <p class="muted" data-testid="no-grants">
          {t('grantsNone')}
        </p>
      ) : (
        <ul data-testid="grant-list">
          {model.grants.value.map((grant) => (
            <li key={grant.grantId} data-grant={grant.grantId}>
              <span>{t('grantLine', [grant.provider, grant.scopes.join(' '), grant.origin, grant.agent || t('oauthAgentUnnamed')])}</span>{' '}
              {grant.account && (
                <span data-testid="grant-account">{t('grantAccount', grant.account)} </span>
              )}
              <span class="muted" data-testid="grant-binding">
                {t('grantTab', String(grant.tabId))} · {grant.refreshable ? t('grantRenews') : t('grantNoRenewal')} ·{' '}
                {t('grantUntil', new Date(grant.expiresAt).toLocaleTimeString())}
              </span>{' '}
              <button type="button" data-action="revoke" disabled={model.busy.value} onClick={() => void model.revoke(grant.grantId)}>
                {t('grantRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('providersHeading')}</h3>
      <ul data-testid="provider-list">
        {model.providers.value.map((provider) => (
          <li key={provider.id} data-provider={provider.id}>
            <code>{provider.id}</code> {provider.issuer} ({provider.clientId})
          </li>
        ))}
      </ul>
      <form
        id="provider-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void model.saveProvider({ id: formText(form, 'id'), issuer: formText(form, 'issuer'), clientId: formText(form, 'clientId') });
        }}
      >
        <label>
          {t('providerId')} <input name="id" required pattern="[A-Za-z0-9._\-]{1,64}" />
        </label>
        <label>
          {t('providerIssuer')} <input name="issuer" type="url" required />
        </label>
        <label>
          {t('providerClientId')} <input name="clientId" required />
        </label>
        <button type="submit" disabled={model.busy.value}>
          {t('providerAdd')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-code={error.code}>
          {t('errorGeneric', error.code)}
        </p>
      )}
    </section>
  );
}
