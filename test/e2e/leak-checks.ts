import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionView } from './extension-view';

/**
 * Leak detectors for the takeover suite: every channel an agent observes is recorded as text, then
 * searched for each secret in the forms it could take (as is, URL- and form-encoded, JSON-escaped,
 * base64). One-time codes are digits and match only as a whole number, so a timestamp or a hash that
 * happens to contain the same six digits is not taken for a leak.
 */
export interface Secret {
  label: string;
  value: string;
  /** Match only as a whole token (one-time codes). */
  token?: boolean;
}

export interface Finding {
  channel: string;
  secret: string;
  form: string;
  /** Up to 40 characters before the match (never the match itself), to tell a real leak from a lookalike. */
  before: string;
}

export const CHANNELS = ['aria-snapshot', 'ax-tree', 'page-content', 'screenshot-dom', 'console', 'agent-log', 'protocol', 'audit-log'] as const;
export type Channel = (typeof CHANNELS)[number];

function forms(value: string): Array<[string, string]> {
  const list: Array<[string, string]> = [
    ['raw', value],
    ['url-encoded', encodeURIComponent(value)],
    ['form-encoded', encodeURIComponent(value).replace(/%20/g, '+')],
    ['json-escaped', JSON.stringify(value).slice(1, -1)],
    ['base64', Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '')],
  ];
  return list.filter(([, v], i) => list.findIndex(([, w]) => w === v) === i);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function findLeaks(channel: string, text: string, secrets: readonly Secret[]): Finding[] {
  const found: Finding[] = [];
  for (const secret of secrets) {
    for (const [form, value] of forms(secret.value)) {
      const at = secret.token ? text.search(new RegExp(`(?<![0-9A-Za-z])${escapeRegExp(value)}(?![0-9A-Za-z])`)) : text.indexOf(value);
      if (at >= 0) found.push({ channel, secret: secret.label, form, before: text.slice(Math.max(0, at - 40), at) });
    }
  }
  return found;
}

/** Everything the agent observed, per channel. */
export class LeakRecorder {
  private readonly texts = new Map<Channel, string[]>();

  add(channel: Channel, text: string): void {
    const list = this.texts.get(channel) ?? [];
    list.push(text);
    this.texts.set(channel, list);
  }

  count(channel: Channel): number {
    return this.texts.get(channel)?.length ?? 0;
  }

  findings(secrets: readonly Secret[]): Finding[] {
    return [...this.texts].flatMap(([channel, texts]) => texts.flatMap((text) => findLeaks(channel, text, secrets)));
  }

  /** Console output of a page, from now on. */
  watchConsole(page: Page): void {
    page.on('console', (message) => this.add('console', message.text()));
  }
}

interface FieldState {
  selector: string;
  type: string;
  value: string;
}

/**
 * What a vision agent's screenshot shows: the screenshot itself is taken (as the agent would), and the
 * DOM state around it is recorded: the value of every field that is not of type password (those are
 * painted in clear). A secret in a field that switched to `type=text` is found here.
 */
async function fieldsOnScreen(page: Page | ExtensionView): Promise<FieldState[]> {
  // One of Airlock's views (side panel, popup): one document, no frames of its own.
  const frames = 'frames' in page ? page.frames() : [page];
  const all: FieldState[] = [];
  for (const frame of frames) {
    const states = await (frame as Pick<ExtensionView, 'evaluate'>)
      .evaluate(() =>
        Array.from(document.querySelectorAll('input, textarea')).map((el, i) => ({
          selector: el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:nth(${i})`,
          type: (el as HTMLInputElement).type,
          value: (el as HTMLInputElement).value,
        })),
      )
      .catch(() => [] as FieldState[]);
    all.push(...states);
  }
  return all;
}

/** One observation, the way an agent takes it: DOM and accessibility snapshots, page text, a screenshot. */
export async function observe(page: Page, recorder: LeakRecorder, cdp: CDPSession): Promise<void> {
  recorder.add('aria-snapshot', await page.locator('body').ariaSnapshot());
  const tree = await cdp.send('Accessibility.getFullAXTree');
  recorder.add('ax-tree', JSON.stringify(tree));
  recorder.add('page-content', await page.content());
  for (const frame of page.frames().slice(1)) recorder.add('page-content', await frame.content().catch(() => ''));
  // A page that is navigating (a sign-in that just submitted) may have no frame to capture, or never
  // paint one while another window is in front: take the screenshot again once the next page has
  // loaded, with the tab in front, as an agent's next look would.
  await page.screenshot({ timeout: 15_000 }).catch(async (error: Error) => {
    if (!/Unable to capture screenshot|Timeout/.test(error.message)) throw error;
    await page.waitForLoadState('load');
    await page.bringToFront();
    await page.screenshot({ timeout: 30_000 });
  });
  const fields = await fieldsOnScreen(page);
  recorder.add('screenshot-dom', JSON.stringify(fields.filter((f) => f.type !== 'password')));
}

/** Password fields that hold a value while not of type password (checked at each screenshot). */
export async function exposedPasswordFields(page: Page | ExtensionView, secrets: readonly Secret[]): Promise<FieldState[]> {
  return (await fieldsOnScreen(page)).filter((f) => f.type !== 'password' && secrets.some((s) => f.value.includes(s.value)));
}
