import { AirlockError } from '../../errors/airlock-error';
import { intField, objectPayload, oneOfField } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { requireToolbarForLowering } from './lowering-protection';

export function uiSetToggle(service: AgentService, windowOf: (tabId: number) => Promise<number>): Handler<'ui.setToggle'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const agent = record.agent;
      if (agent !== null && typeof agent !== 'boolean') {
        throw new AirlockError('MESSAGE_MALFORMED', 'agent must be true, false or null');
      }
      return { tabId: intField(record, 'tabId'), scope: oneOfField(record, 'scope', ['tab', 'window', 'always'] as const), agent };
    },
    async handle({ tabId, scope, agent }, sender) {
      // Clearing a toggle can lower protection as much as switching it off.
      if (agent !== true) requireToolbarForLowering(sender);
      if (agent === false && !(await service.registry.managedPolicy()).allowUserOverride) {
        throw new AirlockError('POLICY_LOCKED', 'Your organisation does not allow switching agent mode off');
      }
      const windowId = await windowOf(tabId);
      await service.registry.setHumanToggle(tabId, windowId, scope, agent);
      return service.tabState(tabId);
    },
  };
}
