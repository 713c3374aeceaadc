import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { LIFETIME_CHOICES, type TokenRequestsModel } from '../../lib/ui/token-requests-model';
import { HumanConfirm } from '../confirm/HumanConfirm';
import { ScopeList } from './ScopeList';

/** The toolbar popup's token requests: an agent asks for an access token; the human approves or denies. */
export function TokenRequests({ model }: { model: TokenRequestsModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const requests = model.requests.value;
  const error = model.error.value;
  if (requests.length === 0 && !error) return null;
  return (
    <section class="token-requests" aria-labelledby="token-requests">
      <h2 id="token-requests">{t('tokenRequestsHeading')}</h2>
      {requests.map((request) => (
        <article key={request.requestId} data-request={request.requestId} data-status={request.status}>
          <p>{t('tokenRequestWho', [request.agent || t('oauthAgentUnnamed'), request.origin])}</p>
          <p>{t('tokenRequestProvider', [request.provider, request.issuer])}</p>
          <ScopeList scopes={request.scopes} />
          <p class="note">{t('tokenRequestPageSees')}</p>
          {request.status === 'pending' ? (
            <>
              <label>
                {t('tokenLifetime')}{' '}
                <select
                  name="lifetime"
                  value={String(model.lifetimeMinutes.value)}
                  onChange={(e) => (model.lifetimeMinutes.value = Number((e.currentTarget as HTMLSelectElement).value))}
                >
                  {LIFETIME_CHOICES.map((minutes) => (
                    <option key={minutes} value={String(minutes)}>
                      {t('tokenLifetimeMinutes', String(minutes))}
                    </option>
                  ))}
                </select>
              </label>
              <div class="actions">
                <button type="button" data-action="approve-token" disabled={model.confirmation.busy.value} onClick={() => void model.decide(request.requestId, true)}>
                  {t('tokenApprove')}
                </button>
                <button type="button" class="secondary" data-action="deny-token" onClick={() => void model.decide(request.requestId, false)}>
                  {t('tokenDeny')}
                </button>
              </div>
            </>
          ) : (
            <p role="status">{t('tokenRunning')}</p>
          )}
        </article>
      ))}
      {requests.some((r) => r.status === 'pending') && <HumanConfirm model={model.confirmation} />}
      {error && (
        <p class="error" role="alert" data-code={error.code}>
          {t('errorGeneric', error.code)}
        </p>
      )}
    </section>
  );
}
