import type { Handlers } from '../../messaging/router';
import type { AgentService } from '../agent-service';
import { agentHandshake } from './agent-handshake';
import { agentReport } from './agent-report';
import { agentState } from './agent-state';
import { buildStepUpHandlers, unavailableStepUpHandlers, type StepUpServices } from './approval-handlers';
import { buildOAuthHandlers, unavailableOAuthHandlers, type OAuthServices } from './oauth-handlers';
import { uiSetDebuggerSignal } from './ui-set-debugger-signal';
import { uiSetToggle } from './ui-set-toggle';
import { uiTabState } from './ui-tab-state';
import { buildVaultHandlers, unavailableVaultHandlers, type VaultHandlerServices } from './vault-handlers';

/** The registry of background handlers: one per message kind of the contract (type-checked). */
export function buildHandlers(service: AgentService, windowOf: (tabId: number) => Promise<number>, stepUp?: StepUpServices, oauth?: OAuthServices, vault?: VaultHandlerServices): Handlers {
  return {
    ...(stepUp ? buildStepUpHandlers(stepUp) : unavailableStepUpHandlers()),
    ...(oauth ? buildOAuthHandlers(oauth) : unavailableOAuthHandlers()),
    ...(vault ? buildVaultHandlers(vault) : unavailableVaultHandlers()),
    'agent.report': agentReport(service),
    'agent.handshake': agentHandshake(service),
    'agent.state': agentState(service),
    'ui.tabState': uiTabState(service),
    'ui.setToggle': uiSetToggle(service, windowOf),
    'ui.setDebuggerSignal': uiSetDebuggerSignal(service),
  };
}
