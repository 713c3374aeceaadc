import { useEffect } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n';
import type { IdleLockModel } from '../../lib/ui/idle-lock-model';

/** "Lock after N minutes unused": shorter at once; longer needs the edit session, like other vault changes. */
export function IdleLockControl({ model }: { model: IdleLockModel }) {
  useEffect(() => void model.refresh(), [model]);
  const minutes = model.minutes.value;
  const error = model.error.value;
  if (minutes === null) return null;
  return (
    <div class="idle-lock" data-testid="idle-lock" data-minutes={minutes}>
      <label>
        {t('vaultIdleLockLabel')}{' '}
        <select name="idle-lock" value={String(minutes)} onChange={(e) => void model.choose(Number((e.currentTarget as HTMLSelectElement).value))}>
          {model.choices.value.map((choice) => (
            <option key={choice} value={String(choice)}>
              {tCount('vaultIdleLockMinutes', choice)}
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t('vaultIdleLockNote')}</p>
      <p aria-live="polite" data-testid="idle-lock-saved">
        {model.saved.value ? t('vaultIdleLockSaved') : ''}
      </p>
      {error && (
        <p class="error" role="alert" data-testid="idle-lock-error" data-code={error.code}>
          {error.code === 'VAULT_EDIT_UNCONFIRMED' ? t('vaultIdleLockLonger') : t('errorGeneric', error.message)}
        </p>
      )}
    </div>
  );
}
