import type { Browser } from 'wxt/browser';
import type { BrokerFlow } from './flow';
import { AUTHORIZATION_REQUEST_REGEX } from './recognize';

/** Session-rule ids Airlock's broker owns; the set is rebuilt as a whole on every change. */
export const RULE_ID_FIRST = 6000;
export const RULE_ID_LAST = 6999;

/** A one-off permission for one tab to load a redirect URI Airlock is delivering a result to. */
export interface Pass {
  tabId: number;
  /** `origin + pathname` of the redirect URI. */
  target: string;
  until: number;
  /** Set once the delivering navigation has started; the blocked load's own error page commits before. */
  started?: boolean;
}

export interface RuleInput {
  /** Tabs whose main-frame authorization requests are stopped before they reach the provider. */
  agentTabs: readonly number[];
  flows: readonly BrokerFlow[];
  passes: readonly Pass[];
}

/** RE2 has no literal-string mode: escape every metacharacter. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function redirectPattern(target: string): string {
  return `^${escapeRegex(target)}([?#]|$)`;
}

export function redirectTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return `${url.origin}${url.pathname}`;
}

/**
 * The broker's declarativeNetRequest session rules:
 *  - an agent tab's authorization request is blocked before any byte reaches the provider, so the
 *    provider's login page never loads where the agent looks (the broker reopens it for the human);
 *  - while a flow is kept, every main-frame load of its redirect URI is blocked in every tab, so a
 *    response is judged (state, tab, expiry) before the relying party can redeem its code;
 *  - a pass lets one tab load one redirect URI once Airlock has judged the response.
 */
export function buildRules({ agentTabs, flows, passes }: RuleInput): Browser.declarativeNetRequest.Rule[] {
  const rules: Browser.declarativeNetRequest.Rule[] = [];
  let id = RULE_ID_FIRST;
  if (agentTabs.length > 0) {
    rules.push({
      id: id++,
      priority: 1,
      action: { type: 'block' },
      condition: { regexFilter: AUTHORIZATION_REQUEST_REGEX, resourceTypes: ['main_frame'], tabIds: [...agentTabs] },
    });
  }
  const targets = new Set<string>();
  for (const flow of flows) if (flow.request.redirectUri) targets.add(redirectTarget(flow.request.redirectUri));
  for (const target of targets) {
    rules.push({ id: id++, priority: 2, action: { type: 'block' }, condition: { regexFilter: redirectPattern(target), resourceTypes: ['main_frame'] } });
  }
  for (const pass of passes) {
    rules.push({
      id: id++,
      priority: 3,
      action: { type: 'allow' },
      condition: { regexFilter: redirectPattern(pass.target), resourceTypes: ['main_frame'], tabIds: [pass.tabId] },
    });
  }
  if (id > RULE_ID_LAST) throw new Error('too many broker rules');
  return rules;
}

