import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import { boolField, intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { confirmLowering } from './lowering-protection';

/** The popup has already asked for the optional `debugger` permission (that needs its user gesture). */
export function uiSetDebuggerSignal(service: AgentService, confirmation?: HumanConfirmation): Handler<'ui.setDebuggerSignal'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { enabled: boolField(record, 'enabled'), tabId: intField(record, 'tabId'), proof: parseProof(record.proof) };
    },
    async handle({ enabled, tabId, proof }, sender) {
      if (!enabled) await confirmLowering(confirmation, { kind: 'debugger-signal' }, proof, sender);
      await service.registry.setDebuggerSignal(enabled);
      return service.tabState(tabId);
    },
  };
}
