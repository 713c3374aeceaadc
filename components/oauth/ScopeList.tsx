import { t, type MessageKey } from '../../lib/i18n';

/** Scopes whose meaning Airlock can say in plain words (OpenID Connect Core §5.4, §11). */
const KNOWN_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access'] as const;

function scopeText(scope: string): string {
  return (KNOWN_SCOPES as readonly string[]).includes(scope) ? t(`oauthScope_${scope}` as MessageKey) : t('oauthScopeOther', scope);
}

export function ScopeList({ scopes }: { scopes: readonly string[] }) {
  if (scopes.length === 0) return <p class="muted">{t('oauthScopesNone')}</p>;
  return (
    <ul data-testid="scopes">
      {scopes.map((scope) => (
        <li key={scope} data-scope={scope}>
          {scopeText(scope)} <code>{scope}</code>
        </li>
      ))}
    </ul>
  );
}
