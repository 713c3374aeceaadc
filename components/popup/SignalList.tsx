import type { AgentSignal } from '../../lib/agent/signals';
import { t, type MessageKey } from '../../lib/i18n';

function describe(signal: AgentSignal): string {
  switch (signal.source) {
    case 'handshake':
      return t('signal_handshake', signal.detail);
    case 'human':
      return t(signal.agent ? 'signal_human_on' : 'signal_human_off', t(`scope_${signal.detail}` as MessageKey));
    default:
      return t(`signal_${signal.source}` as MessageKey);
  }
}

export function SignalList({ signals }: { signals: AgentSignal[] }) {
  if (signals.length === 0) return <p class="muted">{t('reasonsNone')}</p>;
  return (
    <ul class="signals" data-testid="signals">
      {signals.map((s) => (
        <li key={s.source} data-source={s.source} data-agent={String(s.agent)}>
          {describe(s)}
        </li>
      ))}
    </ul>
  );
}
