import { describeForms, describeState, formKinds } from '../airlock-view';
import type { Scene } from '../scene';
import { AGENT } from '../scene-context';
import { passwordPosts } from '../site-checks';

/** The agent opens a sign-in page, introduces itself, and reads what Airlock sees. */
export const signIn: Scene = {
  id: 'sign-in',
  title: 'Sign-in page: handshake and state',
  summary: 'The agent opens a classic sign-in form, performs the agent-protocol handshake and asks Airlock what it sees.',
  async run(ctx) {
    const page = ctx.agentPage;
    await page.goto(`${ctx.sites.urls.signIn}/login`);
    ctx.step(`Opened ${page.url()} (Example Mail, a classic e-mail and password form).`);

    const before = await ctx.askAirlock('state before the handshake');
    ctx.saw(`Before the handshake Airlock already considered the tab ${describeState(before.state)}.`);

    const sent = performance.now();
    const welcome = await ctx.agent.hello();
    ctx.step(`Sent the handshake as ${AGENT.name} ${AGENT.version}.`);
    ctx.protocol('hello → welcome', welcome, Math.round(performance.now() - sent));
    ctx.check(welcome.protocol === 1, `expected protocol 1, got ${welcome.protocol}`);
    ctx.check(welcome.state.agentDriven, 'the tab should be agent-driven after the handshake');
    ctx.check(
      welcome.state.signals.some((s) => s.source === 'handshake' && s.detail === `${AGENT.name} ${AGENT.version}`),
      'the handshake should be listed among the signals',
    );

    const after = await ctx.askAirlock('state after the handshake');
    ctx.saw(`After the handshake: ${describeState(after.state)}.`);
    for (const line of describeForms(after)) ctx.saw(`Detected: ${line}`);
    const kinds = formKinds(after);
    if (kinds) ctx.check(kinds.includes('login'), `expected a login form, Airlock reported [${kinds.join(', ')}]`);

    await ctx.screenshotPage(page, 'page', 'The sign-in page as the agent sees it.');
    const popupText = await ctx.screenshotPopup(page, 'popup', "Airlock's toolbar popup for the agent's tab.", {
      alsoTo: 'docs/screenshots/popup-agent.png',
    });
    ctx.check(/handshake|introduced/i.test(popupText) || popupText.includes(AGENT.name), 'the popup should name the agent');
    ctx.saw('The toolbar popup shows the tab as agent-driven and names the agent from its handshake.');

    ctx.step('Did not type the password: that is the human\'s (or Airlock\'s) job. The next scene, "Airlock signs the agent in", shows Airlock filling it.');
    ctx.check(passwordPosts(ctx.sites, 'signIn') === 0, 'no password form should have been submitted');
    const marker = (await page.locator('#password').getAttribute('placeholder')) ?? '';
    if (/airlock/i.test(marker)) ctx.saw(`Airlock marked the password field as its own, readable by a vision or DOM agent: "${marker}".`);
    else ctx.notYet('Field marking: the password field does not show that Airlock handles it.');
  },
};
