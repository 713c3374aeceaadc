import { describe, expect, it } from 'vitest';
import type { BrokerFlow } from '../../../lib/oauth/flow';
import { buildRules, escapeRegex, RULE_ID_FIRST } from '../../../lib/oauth/net-rules';
import { recognizeAuthorizationRequest } from '../../../lib/oauth/recognize';

const request = recognizeAuthorizationRequest('https://idp.example/auth?response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp.example%2Fcb.php&state=s')!;
const flow: BrokerFlow = { id: 'f', variant: 'redirect', status: 'in-progress', originTabId: 1, humanTabId: 2, humanWindowId: 3, request, agent: '', createdAt: 0, expiresAt: 1 };

describe('broker network rules', () => {
  it('without agent tabs or flows there are no rules', () => {
    expect(buildRules({ agentTabs: [], flows: [], passes: [] })).toEqual([]);
  });

  it('blocks authorization requests in agent tabs only, and every load of a kept flow\'s redirect URI', () => {
    const rules = buildRules({ agentTabs: [4, 5], flows: [flow], passes: [] });
    expect(rules[0]).toMatchObject({ id: RULE_ID_FIRST, action: { type: 'block' }, condition: { tabIds: [4, 5], resourceTypes: ['main_frame'] } });
    expect(rules[1]).toMatchObject({ action: { type: 'block' }, condition: { regexFilter: '^https://rp\\.example/cb\\.php([?#]|$)' } });
    expect(rules[1]!.condition.tabIds).toBeUndefined();
    const guard = new RegExp(rules[1]!.condition.regexFilter!);
    expect(guard.test('https://rp.example/cb.php?code=1&state=s')).toBe(true);
    expect(guard.test('https://rp.example/cbXphp?code=1')).toBe(false);
  });

  it('a pass lets one tab through, above the blocks', () => {
    const rules = buildRules({ agentTabs: [], flows: [flow], passes: [{ tabId: 1, target: 'https://rp.example/cb.php', until: 9 }] });
    const allow = rules.find((r) => r.action.type === 'allow')!;
    expect(allow.condition.tabIds).toEqual([1]);
    expect(allow.priority).toBeGreaterThan(Math.max(...rules.filter((r) => r.action.type === 'block').map((r) => r.priority ?? 1)));
  });

  it('escapes every RE2 metacharacter', () => {
    const text = 'https://a.example/x(1)+[y]{2}|z^$?*\\-/';
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
  });
});
