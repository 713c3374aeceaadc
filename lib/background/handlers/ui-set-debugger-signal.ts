import { boolField, intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { requireToolbarForLowering } from './lowering-protection';

/** The popup has already asked for the optional `debugger` permission (that needs its user gesture). */
export function uiSetDebuggerSignal(service: AgentService): Handler<'ui.setDebuggerSignal'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { enabled: boolField(record, 'enabled'), tabId: intField(record, 'tabId') };
    },
    async handle({ enabled, tabId }, sender) {
      if (!enabled) requireToolbarForLowering(sender);
      await service.registry.setDebuggerSignal(enabled);
      return service.tabState(tabId);
    },
  };
}
