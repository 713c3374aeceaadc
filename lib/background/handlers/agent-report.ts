import { boolField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { senderTab } from './require-tab';

/** A content script reports what its frame showed on load: `navigator.webdriver`, a headless browser. */
export function agentReport(service: AgentService): Handler<'agent.report'> {
  return {
    parse: (payload) => {
      const body = objectPayload(payload);
      // Older content scripts (a tab loaded before an update) send no `headless`.
      return { webdriver: boolField(body, 'webdriver'), headless: body.headless === true };
    },
    async handle({ webdriver, headless }, sender) {
      const { tabId, windowId } = senderTab(sender);
      if (webdriver) await service.registry.observe(tabId, 'webdriver', 'navigator.webdriver');
      if (headless) await service.registry.observe(tabId, 'headless', 'HeadlessChrome');
      return service.publicState(tabId, windowId);
    },
  };
}
