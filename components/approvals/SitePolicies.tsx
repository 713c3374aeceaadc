import { useEffect, useState } from 'preact/hooks';
import type { SitePolicy } from '../../lib/approvals/messages';
import { t } from '../../lib/i18n';
import { formatMoney, formatTime } from '../../lib/ui/format-money';
import type { PoliciesModel } from '../../lib/ui/policies-model';

function describe(policy: SitePolicy): string {
  if (policy.mode === 'always') return t('policyAlways');
  if (policy.mode === 'below-amount') return t('policyBelow', formatMoney((policy.below / 100).toFixed(2), policy.currency));
  return t('policyGrant', String(policy.minutes));
}

/** Per-site step-up policies, visible and revocable. Asking less often needs the human's passkey. */
export function SitePolicies({ model }: { model: PoliciesModel }) {
  useEffect(() => void model.refresh(), [model]);
  const [origin, setOrigin] = useState('');
  const [mode, setMode] = useState<SitePolicy['mode']>('always');
  const [amount, setAmount] = useState('50');
  const [currency, setCurrency] = useState('EUR');
  const [minutes, setMinutes] = useState('10');
  const listing = model.listing.value;
  const error = model.error.value;

  const policy = (): SitePolicy =>
    mode === 'below-amount'
      ? { mode, below: Math.round(Number(amount) * 100), currency: currency.toUpperCase() }
      : mode === 'grant-after-approval'
        ? { mode, minutes: Number(minutes) }
        : { mode: 'always' };

  return (
    <section aria-labelledby="policies-heading" data-testid="policies">
      <h2 id="policies-heading">{t('policiesHeading')}</h2>
      <p>{t('policiesIntro')}</p>
      <ul>
        {(listing?.policies ?? []).map(({ origin: o, policy: p }) => {
          const grant = listing?.grants.find((g) => g.origin === o);
          return (
            <li key={o} data-testid="policy" data-origin={o}>
              <strong>{o}</strong> — {describe(p)}
              {grant && <span class="muted"> {t('policyGrantActive', formatTime(grant.until))}</span>}{' '}
              <button type="button" data-action="revoke" disabled={model.busy.value} onClick={() => void model.revoke(o)}>
                {t('policyRevoke')}
              </button>
            </li>
          );
        })}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.set(origin, policy());
        }}
      >
        <label for="policy-origin">{t('policySite')}</label>{' '}
        <input id="policy-origin" type="url" required placeholder="https://shop.example" value={origin} onInput={(e) => setOrigin((e.currentTarget as HTMLInputElement).value)} />{' '}
        <select aria-label={t('policyMode')} value={mode} onChange={(e) => setMode((e.currentTarget as HTMLSelectElement).value as SitePolicy['mode'])}>
          <option value="always">{t('policyAlways')}</option>
          <option value="below-amount">{t('policyBelowOption')}</option>
          <option value="grant-after-approval">{t('policyGrantOption')}</option>
        </select>{' '}
        {mode === 'below-amount' && (
          <>
            <input aria-label={t('approvalAmount')} type="number" min="0.01" step="0.01" value={amount} onInput={(e) => setAmount((e.currentTarget as HTMLInputElement).value)} />
            <input aria-label={t('policyCurrency')} maxLength={3} size={4} value={currency} onInput={(e) => setCurrency((e.currentTarget as HTMLInputElement).value)} />
          </>
        )}
        {mode === 'grant-after-approval' && (
          <input aria-label={t('policyMinutes')} type="number" min="1" max="240" value={minutes} onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)} />
        )}{' '}
        <button type="submit" data-action="set-policy" disabled={model.busy.value}>
          {t('policySave')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-code={error.code}>
          {t('errorGeneric', error.message)}
        </p>
      )}
    </section>
  );
}
