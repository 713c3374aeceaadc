import { boolField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { senderTab } from './require-tab';

/** A content script reports what it saw on load: today, `navigator.webdriver`. */
export function agentReport(service: AgentService): Handler<'agent.report'> {
  return {
    parse: (payload) => ({ webdriver: boolField(objectPayload(payload), 'webdriver') }),
    async handle({ webdriver }, sender) {
      const { tabId, windowId } = senderTab(sender);
      if (webdriver) await service.registry.observe(tabId, 'webdriver', 'navigator.webdriver');
      return service.publicState(tabId, windowId);
    },
  };
}
