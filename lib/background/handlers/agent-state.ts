import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { senderTab } from './require-tab';

/** The agent protocol's state query, answered for the sender's own tab only. */
export function agentState(service: AgentService): Handler<'agent.state'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    async handle(_request, sender) {
      const { tabId, windowId } = senderTab(sender);
      return service.publicState(tabId, windowId);
    },
  };
}
