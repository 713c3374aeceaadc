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
import { pageStatus } from './page-status';
import type { OwnPageWatch } from '../../own-pages/own-page-watch';
import { buildVaultHandlers, unavailableVaultHandlers, type VaultHandlerServices } from './vault-handlers';

/** The registry of background handlers: one per message kind of the contract (type-checked). */
export function buildHandlers(
  service: AgentService,
  windowOf: (tabId: number) => Promise<number>,
  stepUp?: StepUpServices,
  oauth?: OAuthServices,
  vault?: VaultHandlerServices,
  ownPages?: OwnPageWatch,
): Handlers {
  return {
    // Only a report: the router's admission check, not this answer, refuses what must be refused.
    'page.status': ownPages ? pageStatus(ownPages) : { parse: () => ({}), handle: async () => ({ openInTabs: 0, tainted: false, lastFoundAt: null, lastClosedAt: null }) },
    ...(stepUp ? buildStepUpHandlers(stepUp) : unavailableStepUpHandlers()),
    ...(oauth ? buildOAuthHandlers(oauth) : unavailableOAuthHandlers()),
    ...(vault ? buildVaultHandlers(vault) : unavailableVaultHandlers()),
    'agent.report': agentReport(service),
    'agent.handshake': agentHandshake(service),
    'agent.state': agentState(service),
    'ui.tabState': uiTabState(service),
    'ui.setToggle': uiSetToggle(service, windowOf, stepUp?.confirmation),
    'ui.setDebuggerSignal': uiSetDebuggerSignal(service, stepUp?.confirmation),
  };
}
