import { useState } from 'preact/hooks';
import { credentialRequestLine } from '../../lib/agent/agent-label';
import { t } from '../../lib/i18n';
import type { CredentialRequestView } from '../../lib/takeover/views';

const WARNING_KEYS = {
  punycode: 'credentialWarnPunycode',
  'invalid-punycode': 'credentialWarnPunycode',
  'mixed-script': 'credentialWarnMixedScript',
  'lookalike-characters': 'credentialWarnLookalike',
} as const;

const STEP_KEYS = { username: 'credentialStepUsername', password: 'credentialStepPassword', otp: 'credentialStepOtp' } as const;

/**
 * One waiting login: the origin as the browser reported it (ASCII, with its Unicode form beside it
 * when they differ), warnings for deceptive hosts, and the entries that may be used there.
 */
export function CredentialRequestCard({
  request,
  busy,
  unlocked,
  onUse,
  onDeny,
}: {
  request: CredentialRequestView;
  busy: boolean;
  unlocked: boolean;
  onUse(entryId: string, remember: boolean, inPage: boolean): void;
  onDeny(): void;
}) {
  const [remember, setRemember] = useState(false);
  const [inPage, setInPage] = useState(false);
  const host = new URL(request.origin).host;
  return (
    <li class="credential-request" data-id={request.id} data-origin={request.origin}>
      <p class="credential-who">{credentialRequestLine(request.agent, request.agentNamed)}</p>
      <p class="credential-origin">
        <code data-testid="credential-origin">{request.origin}</code>
        {request.displayHost !== new URL(request.origin).hostname && <span class="credential-unicode">{t('credentialShownAs', request.displayHost)}</span>}
      </p>
      <p class="muted">{t(STEP_KEYS[request.step])}</p>
      {request.warnings.length > 0 && (
        <ul class="credential-warnings" role="alert" data-testid="credential-warnings">
          {[...new Set(request.warnings.map((w) => WARNING_KEYS[w as keyof typeof WARNING_KEYS] ?? 'credentialWarnLookalike'))].map((key) => (
            <li key={key}>{t(key, host)}</li>
          ))}
        </ul>
      )}
      {request.embeddedElsewhere ? (
        <p class="credential-framed" role="alert" data-testid="credential-framed">
          <strong>{t('credentialInsideOther', request.topOrigin ? new URL(request.topOrigin).host : '?')}</strong> {t('credentialInsideOtherWhy')}
        </p>
      ) : (
        request.subframe && <p class="note">{t('credentialSubframe', request.topOrigin ?? '?')}</p>
      )}
      {request.failedEntryId && (
        <p class="error" role="alert" data-testid="credential-failed">
          {t('credentialLastAttemptFailed', request.candidates.find((c) => c.id === request.failedEntryId)?.title || host)}
        </p>
      )}
      {unlocked && request.candidates.length === 0 && <p class="note" data-testid="credential-no-entry">{t('credentialNoEntry')}</p>}
      {unlocked && request.candidates.length > 0 && (
        <>
          {/* Read before choosing: the choice below applies it. */}
          <label class="check">
            <input type="checkbox" name="remember" checked={remember} onChange={(e) => setRemember((e.currentTarget as HTMLInputElement).checked)} />
            {t('credentialRemember')}
          </label>
          {request.inPage ? (
            <p class="note" data-testid="credential-in-page">{t('credentialInPageAllowed')}</p>
          ) : (
            request.step !== 'username' && (
              <details class="credential-in-page-option">
                <summary>{t('credentialInPageSummary')}</summary>
                <p class="muted">{t('credentialInPageWhy')}</p>
                <label class="check">
                  <input type="checkbox" name="in-page" checked={inPage} onChange={(e) => setInPage((e.currentTarget as HTMLInputElement).checked)} />
                  {t('credentialInPageChoice')}
                </label>
              </details>
            )
          )}
          <ul class="credential-candidates">
            {request.candidates.map((entry) => (
              <li key={entry.id}>
                <button type="button" data-entry-id={entry.id} data-failed={entry.id === request.failedEntryId ? 'true' : undefined} disabled={busy} onClick={() => onUse(entry.id, remember, inPage)}>
                  {t('credentialUse', [entry.title || host, entry.username])}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" class="secondary" data-action="deny" disabled={busy} onClick={onDeny}>
        {t('credentialDeny')}
      </button>
    </li>
  );
}
