import type { OAuthFlowStatus, OAuthFlowSummary } from '../protocol/messages';
import type { BrokerFlow, HandOffFlow } from './flow';
import type { OAuthFlowView } from './views';

const PUBLIC_STATUS: Record<BrokerFlow['status'], OAuthFlowStatus> = {
  pending: 'handed-off',
  'in-progress': 'handed-off',
  completed: 'completed',
  denied: 'denied',
  refused: 'refused',
  expired: 'expired',
};

/** What the agent may know about a flow: never the state, the code or the provider's pages. */
export function summarizeFlow(flow: HandOffFlow): OAuthFlowSummary {
  return {
    flow: flow.id,
    status: PUBLIC_STATUS[flow.status],
    variant: flow.variant,
    provider: flow.request.providerOrigin,
    relyingParty: flow.request.redirectOrigin,
    scopes: [...flow.request.scopes],
    ...(flow.reason ? { reason: flow.reason } : {}),
  };
}

export function viewFlow(flow: BrokerFlow): OAuthFlowView {
  return {
    flowId: flow.id,
    variant: flow.variant,
    status: flow.status,
    relyingParty: flow.request.redirectOrigin,
    provider: flow.request.providerOrigin,
    clientId: flow.request.clientId,
    scopes: [...flow.request.scopes],
    openid: flow.request.openid,
    agent: flow.agent,
    expiresAt: flow.expiresAt,
    ...(flow.reason ? { reason: flow.reason } : {}),
  };
}
