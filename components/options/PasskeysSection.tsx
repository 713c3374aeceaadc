import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { UiError } from '../../lib/ui/approvals-model';
import { formatTime } from '../../lib/ui/format-money';
import type { PasskeysModel } from '../../lib/ui/passkeys-model';
import { HumanConfirm } from '../confirm/HumanConfirm';

function errorText(error: UiError): string {
  if (error.code === 'WEBAUTHN_CANCELLED') return t('approvalErrorCancelled');
  if (error.code === 'AUTHENTICATOR_UNKNOWN') return t('approvalErrorUnknownAuthenticator');
  if (error.code === 'ENROLLMENT_REQUIRES_FACTOR') return t('passkeyNeedsFactor');
  return t('errorGeneric', error.message);
}

function PasskeyRow({ id, name, createdAt, lastUsedAt, model }: { id: string; name: string; createdAt: number; lastUsedAt: number | null; model: PasskeysModel }) {
  const [draft, setDraft] = useState(name);
  const busy = model.busy.value;
  return (
    <li data-testid="passkey" data-id={id}>
      <input aria-label={t('passkeyName')} value={draft} maxLength={64} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
      <button type="button" data-action="rename" disabled={busy || draft.trim() === name || !draft.trim()} onClick={() => void model.rename(id, draft)}>
        {t('passkeyRename')}
      </button>
      <button type="button" data-action="remove" disabled={busy} onClick={() => void model.remove(id)}>
        {t('passkeyRemove')}
      </button>
      <span class="muted">{t('passkeyDates', [formatTime(createdAt), lastUsedAt ? formatTime(lastUsedAt) : '—'])}</span>
    </li>
  );
}

/** Enrolled passkeys / biometrics: the only proof Airlock accepts that the human approved an action. */
export function PasskeysSection({ model }: { model: PasskeysModel }) {
  useEffect(() => void model.refresh(), [model]);
  const [name, setName] = useState('');
  const passkeys = model.passkeys.value ?? [];
  const error = model.error.value;
  return (
    <section aria-labelledby="passkeys-heading" data-testid="passkeys">
      <h2 id="passkeys-heading">{t('passkeysHeading')}</h2>
      <p>{t('passkeysIntro')}</p>
      {passkeys.length === 0 ? <p class="note" data-testid="no-passkeys">{t('passkeysNone')}</p> : null}
      <ul class="passkeys">
        {passkeys.map((p) => (
          <PasskeyRow key={p.id} {...p} model={model} />
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void model.enroll(name).then(() => setName(''));
        }}
      >
        <label for="passkey-name">{t('passkeyName')}</label>{' '}
        <input id="passkey-name" name="passkey-name" value={name} maxLength={64} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />{' '}
        <button type="submit" data-action="enroll" disabled={model.busy.value || model.firstEnrollment.busy.value || !name.trim()}>
          {passkeys.length ? t('passkeyAddAnother') : t('passkeyAdd')}
        </button>
      </form>
      {passkeys.length > 0 && <p class="note">{t('passkeyAddNeedsFactor')}</p>}
      {model.passkeys.value !== null && passkeys.length === 0 && (
        <>
          <p class="note">{t('passkeyFirstNeedsPassword')}</p>
          <HumanConfirm model={model.firstEnrollment} />
        </>
      )}
      {error && (
        <p class="error" role="alert" data-testid="passkey-error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
