import { intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';

export function uiTabState(service: AgentService): Handler<'ui.tabState'> {
  return {
    parse: (payload) => ({ tabId: intField(objectPayload(payload), 'tabId') }),
    handle: ({ tabId }) => service.tabState(tabId),
  };
}
