import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/i18n';
import type { UiError } from '../../lib/ui/approvals-model';
import type { ConfirmationModel } from '../../lib/ui/confirmation-model';

const HINTS: Record<string, MessageKey> = {
  passkey: 'confirmHintPasskey',
  'master-password': 'confirmHintPassword',
  none: 'confirmHintUnconfirmed',
  unavailable: 'confirmHintNoVault',
  'unlock-first': 'confirmHintUnlockFirst',
};

const ERRORS: Record<string, MessageKey> = {
  VAULT_WRONG_PASSWORD: 'confirmErrorWrongPassword',
  WEBAUTHN_CANCELLED: 'approvalErrorCancelled',
  AUTHENTICATOR_UNKNOWN: 'approvalErrorUnknownAuthenticator',
  ASSERTION_INVALID: 'confirmErrorAssertion',
  ASSERTION_REPLAYED: 'confirmErrorAssertion',
  APPROVAL_EXPIRED: 'confirmErrorAssertion',
  CONFIRMATION_REQUIRED: 'confirmErrorRequired',
  VAULT_NOT_CREATED: 'confirmHintNoVault',
  VAULT_LOCKED: 'confirmHintUnlockFirst',
};

export function confirmErrorText(error: UiError): string {
  const key = ERRORS[error.code];
  return key ? t(key) : t('errorGeneric', error.code);
}

/**
 * How the human proves a decision, shown next to its buttons: which proof is asked (the master
 * password labelled as the weaker one, a plain click labelled as unconfirmed), the password field when
 * it is needed, and what went wrong. Enter sends the password, Escape cancels.
 */
export function HumanConfirm({ model }: { model: ConfirmationModel }) {
  useEffect(() => void model.load(), [model]);
  const [password, setPassword] = useState('');
  const method = model.method.value;
  const error = model.error.value;
  // Releasing an entry without a passkey is a toolbar-popup click (which an agent cannot open): no warning to show.
  const hint = method && !(method === 'none' && model.purpose === 'credential-release') ? HINTS[method] : undefined;
  return (
    <div class="human-confirm" data-testid="human-confirm" data-method={method ?? 'loading'}>
      {hint && (
        <p class={method === 'passkey' ? 'note' : 'note weaker'} data-testid="confirm-hint">
          {t(hint)}
        </p>
      )}
      {model.awaitingPassword.value && (
        <form
          data-testid="confirm-password-form"
          onSubmit={(e) => {
            e.preventDefault();
            void model.submitPassword(password).then((done) => done && setPassword(''));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setPassword('');
              model.cancel();
            }
          }}
        >
          <label>
            {t('confirmPasswordLabel')}
            <input
              type="password"
              name="confirm-master-password"
              autocomplete="current-password"
              required
              autoFocus
              value={password}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
            />
          </label>{' '}
          <button type="submit" data-action="confirm-password" disabled={model.busy.value || !password}>
            {t('confirmPasswordSubmit')}
          </button>{' '}
          <button
            type="button"
            class="secondary"
            data-action="confirm-cancel"
            onClick={() => {
              setPassword('');
              model.cancel();
            }}
          >
            {t('confirmCancel')}
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert" data-testid="confirm-error" data-code={error.code}>
          {confirmErrorText(error)}
        </p>
      )}
    </div>
  );
}
