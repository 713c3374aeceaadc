import type { MessageKey } from '../i18n';
import type { OAuthFlowView } from './views';

/** The words the holding page shows, in the browser's language (the sandboxed page has no i18n API). */
type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** Query parameters of the holding page: display text only, nothing it could act on. */
export interface HoldingPageText {
  title: string;
  body: string;
  labels: { site: string; provider: string; agent: string; scopes: string };
  site: string;
  provider: string;
  agent: string;
  scopes: string;
}

/**
 * The page the human window shows while a sign-in waits for the human. It runs sandboxed (an opaque
 * origin, no extension API): an agent that scripts this window's tab finds no privilege there. The
 * decision itself is taken in Airlock's toolbar popup or side panel, where no automation reaches.
 */
export function holdingPageUrl(pageUrl: string, flow: OAuthFlowView, t: Translate): string {
  const text: HoldingPageText = {
    title: t('oauthHoldTitle'),
    body: t('oauthHoldBody'),
    labels: { site: t('oauthWhoAsks'), provider: t('oauthProvider'), agent: t('oauthAgent'), scopes: t('oauthScopes') },
    site: flow.relyingParty ?? flow.clientId,
    provider: flow.provider,
    agent: flow.agent || t('oauthAgentUnnamed'),
    scopes: flow.scopes.join(' '),
  };
  return `${pageUrl}?flow=${encodeURIComponent(flow.flowId)}#${encodeURIComponent(JSON.stringify(text))}`;
}

/** Reads the text back (the holding page); anything malformed gives null, and the page says only its title. */
export function readHoldingPageText(hash: string): HoldingPageText | null {
  try {
    const text = JSON.parse(decodeURIComponent(hash.replace(/^#/, ''))) as HoldingPageText;
    const strings = [text.title, text.body, text.site, text.provider, text.agent, text.scopes, text.labels?.site, text.labels?.provider, text.labels?.agent, text.labels?.scopes];
    return strings.every((s) => typeof s === 'string') ? text : null;
  } catch {
    return null;
  }
}
