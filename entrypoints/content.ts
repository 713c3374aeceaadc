import { browser } from 'wxt/browser';
import { startAgentBridge } from '../lib/content/agent-bridge';
import { reportSignals } from '../lib/content/report-signals';
import { startActionGuard } from '../lib/content/action-guard';
import { openPageCallChannel } from '../lib/content/guard/page-call-channel';
import { call } from '../lib/messaging/call';
import { openOrClosedShadowRootAccessor, startFormWatcher } from '../lib/content/form-watcher';
import { startTakeover } from '../lib/content/takeover/takeover';
import { startSwapSubmit } from '../lib/content/takeover/swap-submit';
import { isPingMessage, isPushMessage } from '../lib/messaging/push';
import { t } from '../lib/i18n';
import { isFromWorker, type RuntimeSender } from '../lib/content/worker-sender';

type RuntimeListener = (message: unknown) => Promise<unknown> | undefined | void;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main(ctx) {
    // Fill, replay and status messages are obeyed only from Airlock's worker (worker-sender.ts); each
    // listener is removed with this content script's context.
    const onWorkerMessage = (listener: RuntimeListener) => {
      const checked = (message: unknown, sender: RuntimeSender) => (isFromWorker(sender, browser.runtime) ? listener(message) : undefined);
      browser.runtime.onMessage.addListener(checked as never);
      ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(checked as never));
    };
    const forms = startFormWatcher(document, { openOrClosedShadowRoot: openOrClosedShadowRootAccessor() });
    ctx.onInvalidated(() => forms.stop());
    const bridge = startAgentBridge(
      {
        listen: (target, type, listener) => ctx.addEventListener(target as Window, type as 'message', listener),
        onRuntimeMessage(listener) {
          onWorkerMessage((message) => {
            listener(message);
          });
        },
      },
      window,
      () => ({ origin: window.origin, forms: forms.forms() }),
    );
    const guard = startActionGuard({
      win: window,
      listen: (target, type, listener, capture) => ctx.addEventListener(target as Window, type as 'click', listener, { capture }),
      onRuntimeMessage: onWorkerMessage,
      request: (claim, pageToken) => call('approval.request', { claim, pageToken }),
      consume: (id, claim, pageToken) => call('approval.consume', { id, claim, pageToken }),
      emit: (approval) => bridge.emit(approval),
      detectedPayment: (form) => forms.detected().some((f) => f.kind === 'payment' && f.root === form),
    });
    // The credential swap: the page holds a placeholder; its submission goes out through Airlock.
    const swap = startSwapSubmit({
      win: window,
      listen: (type, listener) => ctx.addEventListener(window, type as 'submit', listener),
      submit: (swapId, submission) => call('credential.submit', { swapId, submission }),
      onSent: (swapId, outcome) => takeover.swapSent(swapId, outcome),
    });
    const channel = openPageCallChannel({
      win: window,
      listen: (target, type, listener) => ctx.addEventListener(target as Window, type as 'message', listener, { capture: true }),
      onInvalidated: (callback) => ctx.onInvalidated(callback),
      onPaymentShow: (report, answer) => guard.holdPaymentRequest(report.request, answer),
      onSwapFetch: (report, answer) => swap.onPageRequest(report, answer),
    });
    const takeover = startTakeover({
      win: window,
      swap,
      announcePlaceholders: (values) => channel.setPlaceholders(values),
      forms,
      listen: (type, listener) => ctx.addEventListener(window, type as 'keydown', listener, { capture: true }),
      onRuntimeMessage: onWorkerMessage,
      request: (step, requestId, field) => call('credential.request', { step, requestId, ...(field ? { field } : {}) }),
      agentDriven: async () => (await call('agent.state', {})).agentDriven,
      pushedAgentState: (message) => (isPushMessage(message) ? message.state.agentDriven : null),
      emit: (login) => bridge.emitLogin(login),
      // Read when a field is first locked, not on every page (see Words in field-lock.ts).
      label: () => t('takeoverFieldLabel'),
      refusedLabel: () => t('takeoverTypingRefused'),
      heldLabel: () => t('takeoverSubmitHeld'),
    });
    // The background's ping (see BrokerPlatform.openerRunning): an answer means this page runs.
    onWorkerMessage((message) => (isPingMessage(message) ? Promise.resolve(true) : undefined));
    reportSignals(navigator);
  },
});
