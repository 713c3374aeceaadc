import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { TabStateModel } from '../../lib/ui/tab-state-model';
import { ChoiceGroup, choiceOf, valueOf } from './ChoiceGroup';
import { SignalList } from './SignalList';
import { HumanConfirm } from '../confirm/HumanConfirm';

function errorText(error: { code: string; message: string }): string {
  if (error.code === 'SENDER_FORBIDDEN') return t('errorSenderForbidden');
  if (error.code === 'POLICY_LOCKED') return t('policyLocked');
  if (error.code === 'PERMISSION_DENIED') return t('debuggerDenied');
  if (error.code === 'DEBUGGER_ON_AIRLOCK') return t('errorDebuggerOnAirlock');
  return t('errorGeneric', error.message);
}

export function Popup({ model }: { model: TabStateModel }) {
  useEffect(() => void model.refresh(), [model]);
  const state = model.state.value;
  const error = model.error.value;

  if (model.unreachable.value) return <main class="popup"><p>{t('statusNoTab')}</p></main>;
  if (!state) {
    return (
      <main class="popup" aria-busy="true">
        <p>{error ? errorText(error) : t('loading')}</p>
      </main>
    );
  }

  const disabled = model.busy.value;
  return (
    <main class="popup" data-agent-driven={String(state.agentDriven)}>
      <header class={state.agentDriven ? 'status agent' : 'status human'} aria-live="polite" data-testid="status">
        <strong>{state.agentDriven ? t('statusAgent') : t('statusHuman')}</strong>
        {state.agentDriven && <span>{t('statusAgentHint')}</span>}
      </header>

      <section aria-labelledby="why">
        <h2 id="why">{t('reasonsHeading')}</h2>
        <SignalList signals={state.signals} />
        {state.overriddenHumanOff && <p class="note">{t('overriddenHumanOff')}</p>}
      </section>

      <section aria-labelledby="who">
        <h2 id="who">{t('togglesHeading')}</h2>
        <ChoiceGroup
          name="tab"
          legend={t('toggleTab')}
          value={choiceOf(state.toggles.tab)}
          disabled={disabled}
          humanDisabled={!state.userOverrideAllowed}
          onChange={(c) => void model.setToggle('tab', valueOf(c))}
        />
        <ChoiceGroup
          name="window"
          legend={t('toggleWindow')}
          value={choiceOf(state.toggles.window)}
          disabled={disabled}
          humanDisabled={!state.userOverrideAllowed}
          onChange={(c) => void model.setToggle('window', valueOf(c))}
        />
        <label class="check">
          <input
            type="checkbox"
            name="always"
            checked={state.toggles.always}
            disabled={disabled}
            onChange={(e) => void model.setToggle('always', (e.currentTarget as HTMLInputElement).checked ? true : null)}
          />
          {t('toggleAlways')}
        </label>
        {!state.userOverrideAllowed && <p class="note">{t('policyLocked')}</p>}
        <HumanConfirm model={model.confirmation} />
      </section>

      <section aria-labelledby="dbg">
        <h2 id="dbg">{t('debuggerHeading')}</h2>
        {state.debuggerOnAirlock && (
          <p class="error" role="alert" data-testid="debugger-on-airlock">
            {t('debuggerOnAirlock')}
          </p>
        )}
        {state.debuggerSignal === 'unavailable' || state.debuggerSignal === 'not-in-build' ? (
          <p class="muted" data-testid="debugger-unavailable">
            {t(state.debuggerSignal === 'unavailable' ? 'debuggerUnavailable' : 'debuggerNotInBuild')}
          </p>
        ) : (
          <label class="check">
            <input
              type="checkbox"
              name="debugger"
              checked={state.debuggerSignal === 'on'}
              disabled={disabled}
              onChange={(e) => void model.setDebuggerSignal((e.currentTarget as HTMLInputElement).checked)}
            />
            {t('debuggerOff')}
          </label>
        )}
      </section>

      {error && (
        <p class="error" role="alert" data-code={error.code} data-testid="toggle-error">
          {errorText(error)}
        </p>
      )}
    </main>
  );
}
