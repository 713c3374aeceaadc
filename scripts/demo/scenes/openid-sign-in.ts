import type { Page } from 'playwright-core';
import { describeForms, describeState, formKinds } from '../airlock-view';
import type { Scene, SceneContext } from '../scene';

const HUMAN_WINDOW = 'human-window.html';

/**
 * "Sign in with Local ID" started by the agent. Builds with the OAuth broker move the authorization
 * request into Airlock's human window; builds without it let it load in the agent's tab. The scene
 * reports whichever happened, and the human never signs in (no password is typed anywhere).
 */
export const openIdSignIn: Scene = {
  id: 'openid',
  title: 'Sign in with an OpenID provider',
  summary: 'The agent starts "Sign in with Local ID" on a relying party (redirect variant) and the demo records where the provider\'s sign-in page ends up.',
  async run(ctx) {
    const page = ctx.agentPage;
    await page.goto(`${ctx.sites.urls.relyingParty}/?mode=redirect`);
    ctx.step(`Opened ${page.url()} (Local Notes, redirect sign-in).`);
    await ctx.screenshotPage(page, 'relying-party', 'The relying party before sign-in.');

    // The navigation may be blocked in the agent tab (ERR_BLOCKED_BY_CLIENT) when Airlock takes it over.
    await page.click('#sign-in', { noWaitAfter: true });
    ctx.step('Clicked "Sign in with Local ID".');
    const outcome = await whereSignInWent(ctx, page);
    if (outcome.kind === 'human-window') await brokered(ctx, page, outcome.window);
    else if (outcome.kind === 'agent-tab') await inAgentTab(ctx, page);
    else ctx.check(false, `the sign-in went nowhere recognisable; the agent tab is at ${page.url()}`);
  },
};

type Outcome = { kind: 'human-window'; window: Page } | { kind: 'agent-tab' } | { kind: 'none' };

async function whereSignInWent(ctx: SceneContext, page: Page): Promise<Outcome> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const window = ctx.browser.context.pages().find((p) => p.url().includes(`/${HUMAN_WINDOW}`));
    if (window) return { kind: 'human-window', window };
    if (page.url().startsWith(ctx.sites.urls.oidcIssuer) && (await page.locator('#login-form').count().catch(() => 0)) > 0) {
      return { kind: 'agent-tab' };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { kind: 'none' };
}

async function brokered(ctx: SceneContext, page: Page, window: Page): Promise<void> {
  try {
    await window.waitForLoadState();
    await window.locator('#deny').waitFor({ timeout: 10_000 });
    ctx.saw(`Airlock kept the authorization request out of the agent's tab (which now shows ${page.url().startsWith('chrome-error:') ? "Chromium's \"blocked by an extension\" page" : page.url()}) and opened it in its human window.`);
    const consent = (await window.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    if (consent) ctx.saw(`The human window asks: ${consent.slice(0, 400)}`);
    await window.setViewportSize({ width: 600, height: 640 }).catch(() => undefined);
    await ctx.screenshotPage(window, 'human-window', "Airlock's human window: who asks, for which scopes, for which agent.", 'docs/screenshots/human-window.png');
    await ctx.screenshotPage(page, 'agent-tab', "The agent's tab meanwhile: no provider login form in it.");
    ctx.check((await page.locator('input[type="password"]').count()) === 0, "the agent's tab should not show a password field");

    await window.locator('#deny').click();
    ctx.step('The human pressed Deny in the human window (the demo never signs in).');
    await window.locator('[data-testid="flow-status"]').waitFor({ timeout: 10_000 }).catch(() => undefined);
    const before = page.url();
    await page.waitForURL((url) => url.href !== before, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForLoadState('load');
    if (page.url() !== before) ctx.saw(`The agent's tab was sent back to ${page.url()}.`);
    if (!window.isClosed()) await ctx.screenshotPage(window, 'human-window-denied', 'The human window after Deny.');
    if (hasOAuthFlows(ctx.agent)) {
      const flows = await ctx.agent.oauthFlows();
      ctx.protocol('oauth → flows for this tab', flows);
      for (const flow of flows) ctx.saw(`Airlock told the agent: sign-in at ${flow.provider} is ${flow.status}${flow.reason ? ` (${flow.reason})` : ''}.`);
    }
    const view = await ctx.askAirlock('state of the agent tab after the decision');
    ctx.saw(`The agent tab is ${describeState(view.state)}.`);
    ctx.notYet('A completed brokered sign-in (the human signs in and allows) is not shown: the demo never types the password.');
    ctx.notYet('Scoped, short-lived access tokens for the agent: not shown in this demo yet.');
  } finally {
    if (!window.isClosed()) await window.close().catch(() => undefined);
    await page.bringToFront();
  }
}

async function inAgentTab(ctx: SceneContext, page: Page): Promise<void> {
  ctx.step(`The browser went to ${new URL(page.url()).origin} (the provider) in the agent's tab.`);
  const view = await ctx.askAirlock("state on the provider's sign-in page");
  ctx.saw(`On the provider's page the tab is ${describeState(view.state)}.`);
  for (const line of describeForms(view)) ctx.saw(`Detected: ${line}`);
  const kinds = formKinds(view);
  if (kinds) ctx.check(kinds.includes('login'), `expected a login form at the provider, got [${kinds.join(', ')}]`);
  ctx.saw("The authorization request stayed in the agent's tab: nothing moved it to a human window.");
  await ctx.screenshotPage(page, 'provider', "The provider's sign-in page, in the agent's tab. The agent stops here.");
  await ctx.screenshotPopup(page, 'popup', "The toolbar popup on the provider's page.");
  ctx.step('Did not sign in at the provider.');
  ctx.notYet('OAuth brokering: moving the authorization request into a human window and returning only the result to the agent tab.');
  ctx.notYet('Scoped, short-lived access tokens for the agent (PKCE flow run by Airlock).');
}

/** Builds of the client before the OAuth broker have no `oauthFlows()`. */
function hasOAuthFlows(agent: object): agent is { oauthFlows(): Promise<Array<{ provider: string; status: string; reason?: string }>> } {
  return typeof (agent as { oauthFlows?: unknown }).oauthFlows === 'function';
}
