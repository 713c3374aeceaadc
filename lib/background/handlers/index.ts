import type { Handlers } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { agentHandshake } from './agent-handshake';
import { agentReport } from './agent-report';
import { agentState } from './agent-state';
import { uiSetDebuggerSignal } from './ui-set-debugger-signal';
import { uiSetToggle } from './ui-set-toggle';
import { uiTabState } from './ui-tab-state';

/** The registry of background handlers: one per message kind of the contract (type-checked). */
export function buildHandlers(service: AgentService, windowOf: (tabId: number) => Promise<number>): Handlers {
  return {
    'agent.report': agentReport(service),
    'agent.handshake': agentHandshake(service),
    'agent.state': agentState(service),
    'ui.tabState': uiTabState(service),
    'ui.setToggle': uiSetToggle(service, windowOf),
    'ui.setDebuggerSignal': uiSetDebuggerSignal(service),
  };
}
