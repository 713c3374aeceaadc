import { browser } from 'wxt/browser';
import { startAgentBridge } from '../lib/content/agent-bridge';
import { reportSignals } from '../lib/content/report-signals';
import { startActionGuard } from '../lib/content/action-guard';
import { openPageCallChannel } from '../lib/content/guard/page-call-channel';
import { call } from '../lib/messaging/call';
import { openOrClosedShadowRootAccessor, startFormWatcher } from '../lib/content/form-watcher';
import { startTakeover } from '../lib/content/takeover/takeover';
import { isPingMessage, isPushMessage } from '../lib/messaging/push';
import { t } from '../lib/i18n';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main(ctx) {
    const forms = startFormWatcher(document, { openOrClosedShadowRoot: openOrClosedShadowRootAccessor() });
    ctx.onInvalidated(() => forms.stop());
    const bridge = startAgentBridge(
      {
        listen: (target, type, listener) => ctx.addEventListener(target as Window, type as 'message', listener),
        onRuntimeMessage(listener) {
          const wrapped = (message: unknown) => {
            listener(message);
          };
          browser.runtime.onMessage.addListener(wrapped);
          ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(wrapped));
        },
      },
      window,
      () => ({ origin: window.origin, forms: forms.forms() }),
    );
    const guard = startActionGuard({
      win: window,
      listen: (target, type, listener, capture) => ctx.addEventListener(target as Window, type as 'click', listener, { capture }),
      onRuntimeMessage(listener) {
        browser.runtime.onMessage.addListener(listener);
        ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
      },
      request: (claim, pageToken) => call('approval.request', { claim, pageToken }),
      consume: (id, claim, pageToken) => call('approval.consume', { id, claim, pageToken }),
      emit: (approval) => bridge.emit(approval),
      detectedPayment: (form) => forms.detected().some((f) => f.kind === 'payment' && f.root === form),
    });
    openPageCallChannel({
      win: window,
      listen: (target, type, listener) => ctx.addEventListener(target as Window, type as 'message', listener, { capture: true }),
      onInvalidated: (callback) => ctx.onInvalidated(callback),
      onPaymentShow: (report, answer) => guard.holdPaymentRequest(report.request, answer),
    });
    startTakeover({
      win: window,
      forms,
      listen: (type, listener) => ctx.addEventListener(window, type as 'keydown', listener, { capture: true }),
      onRuntimeMessage(listener) {
        browser.runtime.onMessage.addListener(listener);
        ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
      },
      request: (step, requestId) => call('credential.request', { step, requestId }),
      agentDriven: async () => (await call('agent.state', {})).agentDriven,
      pushedAgentState: (message) => (isPushMessage(message) ? message.state.agentDriven : null),
      emit: (login) => bridge.emitLogin(login),
      label: t('takeoverFieldLabel'),
    });
    // The background's ping (see BrokerPlatform.openerRunning): an answer means this page runs.
    const ping = (message: unknown) => (isPingMessage(message) ? Promise.resolve(true) : undefined);
    browser.runtime.onMessage.addListener(ping);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(ping));
    reportSignals(navigator);
  },
});
