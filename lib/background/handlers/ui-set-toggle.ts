import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import { AirlockError } from '../../errors/airlock-error';
import { intField, objectPayload, oneOfField } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { confirmLowering } from './lowering-protection';

export function uiSetToggle(service: AgentService, windowOf: (tabId: number) => Promise<number>, confirmation?: HumanConfirmation): Handler<'ui.setToggle'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const agent = record.agent;
      if (agent !== null && typeof agent !== 'boolean') {
        throw new AirlockError('MESSAGE_MALFORMED', 'agent must be true, false or null');
      }
      return { tabId: intField(record, 'tabId'), scope: oneOfField(record, 'scope', ['tab', 'window', 'always'] as const), agent, proof: parseProof(record.proof) };
    },
    async handle({ tabId, scope, agent, proof }, sender) {
      if (agent === false && !(await service.registry.managedPolicy()).allowUserOverride) {
        throw new AirlockError('POLICY_LOCKED', 'Your organisation does not allow switching agent mode off');
      }
      // Clearing a toggle can lower protection as much as switching it off.
      if (agent !== true) await confirmLowering(confirmation, { kind: 'toggle', tabId, scope, agent }, proof, sender);
      const windowId = await windowOf(tabId);
      await service.registry.setHumanToggle(tabId, windowId, scope, agent);
      return service.tabState(tabId);
    },
  };
}
