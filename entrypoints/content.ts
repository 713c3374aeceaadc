import { browser } from 'wxt/browser';
import { startAgentBridge } from '../lib/content/agent-bridge';
import { reportSignals } from '../lib/content/report-signals';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main(ctx) {
    startAgentBridge(
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
    );
    reportSignals(navigator);
  },
});
