import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { OAuthConsentsModel } from '../../lib/ui/oauth-consents-model';
import { ConsentScreen } from './ConsentScreen';

/** Sign-ins an agent started, each with who asks, the provider, the scopes, Continue and Deny. */
export function OAuthConsents({ model }: { model: OAuthConsentsModel }) {
  useEffect(() => {
    void model.refresh();
    return () => model.dispose();
  }, [model]);
  const flows = model.flows.value;
  if (flows.length === 0) return null;
  return (
    <section class="oauth-consents" aria-labelledby="oauth-consents" data-testid="oauth-consents">
      <h2 id="oauth-consents">{t('oauthPendingHeading')}</h2>
      {flows.map((flow) => (
        <ConsentScreen key={flow.flow.value?.flowId} model={flow} embedded />
      ))}
    </section>
  );
}
