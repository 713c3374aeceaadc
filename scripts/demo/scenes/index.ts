import type { Scene } from '../scene';
import { accountSettings } from './account-settings';
import { humanTakesATab } from './human-takes-a-tab';
import { multiStepSignIn } from './multi-step-sign-in';
import { openIdSignIn } from './openid-sign-in';
import { optionsPage } from './options-page';
import { shopCheckout } from './shop-checkout';
import { signIn } from './sign-in';

/**
 * The demo's scenes, in the order they run. The first performs the handshake the others rely on
 * (they still run if it fails: Playwright's tab is agent-driven through `navigator.webdriver`).
 * A new capability adds its scene file and one line here.
 */
export const SCENES: readonly Scene[] = [signIn, multiStepSignIn, shopCheckout, accountSettings, openIdSignIn, humanTakesATab, optionsPage];
