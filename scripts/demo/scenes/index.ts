import type { Scene } from '../scene';
import { accountSettings } from './account-settings';
import { humanTakesATab } from './human-takes-a-tab';
import { multiStepSignIn } from './multi-step-sign-in';
import { openIdSignIn } from './openid-sign-in';
import { settingsPanel } from './settings-panel';
import { paymentStepUp } from './payment-step-up';
import { shopCheckout } from './shop-checkout';
import { signIn } from './sign-in';
import { signInTakeover } from './sign-in-takeover';

/**
 * The demo's scenes, in the order they run. The first performs the handshake the others rely on
 * (they still run if it fails: Playwright's tab is agent-driven through `navigator.webdriver`).
 * A new capability adds its scene file and one line here.
 */
export const SCENES: readonly Scene[] = [
  signIn,
  signInTakeover,
  multiStepSignIn,
  shopCheckout,
  paymentStepUp,
  accountSettings,
  openIdSignIn,
  humanTakesATab,
  settingsPanel,
];
