import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { OAuthFlowModel } from '../../lib/ui/oauth-flow-model';
import { HumanConfirm } from '../confirm/HumanConfirm';
import { ScopeList } from './ScopeList';

function errorText(code: string): string {
  if (code === 'OAUTH_EXPIRED') return t('oauthErrorExpired');
  if (code === 'SENDER_FORBIDDEN') return t('oauthErrorNotThisWindow');
  if (code === 'OAUTH_FLOW_NOT_FOUND') return t('oauthErrorNotFound');
  if (code === 'OAUTH_FLOW_ENDED') return t('oauthErrorEnded');
  return t('errorGeneric', code);
}

function statusText(status: string, reason: string | undefined): string {
  if (status === 'in-progress') return t('oauthStatusContinuing');
  if (status === 'completed') return t('oauthStatusCompleted');
  if (status === 'denied') return t('oauthStatusDenied');
  if (status === 'expired') return t('oauthErrorExpired');
  return t('oauthStatusRefused', reason ?? '');
}

/**
 * One sign-in an agent started, in Airlock's toolbar popup or side panel: who asks (the relying
 * party's origin as the request names it), with which provider, for which scopes in plain words, on
 * behalf of which agent. Continue / Deny. `embedded`: one of a list (a section, not the page's main).
 */
export function ConsentScreen({ model, embedded = false }: { model: OAuthFlowModel; embedded?: boolean }) {
  useEffect(() => {
    if (!model.flow.value) void model.refresh();
  }, [model]);
  const Root = embedded ? 'article' : 'main';
  const flow = model.flow.value;
  const error = model.error.value;
  if (!flow) {
    return (
      <Root class="consent" aria-busy={error ? 'false' : 'true'}>
        <h1>{t('oauthTitle')}</h1>
        <p role={error ? 'alert' : undefined} data-code={error?.code}>
          {error ? errorText(error.code) : t('loading')}
        </p>
      </Root>
    );
  }
  const agent = flow.agent || t('oauthAgentUnnamed');
  return (
    <Root class="consent" data-status={flow.status} data-flow={flow.flowId}>
      {embedded ? <h3>{t('oauthTitle')}</h3> : <h1>{t('oauthTitle')}</h1>}
      <p>{t('oauthIntro')}</p>
      <dl>
        <dt>{t('oauthWhoAsks')}</dt>
        <dd data-testid="relying-party">{flow.relyingParty ?? flow.clientId}</dd>
        <dt>{t('oauthProvider')}</dt>
        <dd data-testid="provider">{flow.provider}</dd>
        <dt>{t('oauthAgent')}</dt>
        <dd data-testid="agent">{agent}</dd>
        <dt>{t('oauthScopes')}</dt>
        <dd>
          <ScopeList scopes={flow.scopes} />
        </dd>
      </dl>
      {flow.status === 'pending' ? (
        <>
          <div class="actions">
            <button data-action="oauth-continue" type="button" disabled={model.busy.value || model.confirmation.busy.value} onClick={() => void model.decide('continue')}>
              {t('oauthContinue')}
            </button>
            <button data-action="oauth-deny" type="button" class="secondary" disabled={model.busy.value} onClick={() => void model.decide('deny')}>
              {t('oauthDeny')}
            </button>
          </div>
          <HumanConfirm model={model.confirmation} />
        </>
      ) : (
        <p data-testid="flow-status" role="status">
          {statusText(flow.status, flow.reason)}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-code={error.code}>
          {errorText(error.code)}
        </p>
      )}
    </Root>
  );
}
