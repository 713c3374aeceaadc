/**
 * Which clicks and submissions in a page are payments or account-settings changes. Pure DOM reads,
 * no extension APIs. Deliberately independent of the form detector: if detection misses a form, a
 * checkout button's words or a card field's `autocomplete` token still hold the action.
 */
import { isPaymentFrame } from '../../detect/payment-frames';
import type { ActionKind, ActionTopic } from '../../approvals/canonical-action';

export interface SensitiveAction {
  kind: ActionKind;
  topic: ActionTopic;
  /** The form that would be submitted, if any. */
  form: HTMLFormElement | null;
  /** The control the agent activated (button, submit input), if any. */
  control: HTMLElement | null;
}

// Checkout / pay / place-order controls in English, French and Japanese. Links to a checkout page
// are navigation, not payment, and are not held (only buttons are). Whole words and verb forms only:
// "Recommander à un ami" and "購入履歴" (purchase history) are not payments.
const PAYMENT_CONTROL =
  /\b(pay( now| securely)?|place (your |my )?order|buy now|checkout|check out|complete (your )?(purchase|order|payment)|confirm (and pay|payment|purchase|order)|submit (order|payment)|subscribe and pay|donate)\b|\bpayer\b|\bcommander\b|passer (la )?commande|valider (la |ma |votre )?commande|confirmer (la |le )?(commande|paiement)|\bacheter\b|\brégler\b|proc[ée]der au paiement|支払う|支払いを確定|お支払いを確定|注文を確定|注文する|注文確定|購入する|購入を確定|今すぐ購入|決済する|決済を確定|お会計/i;

// Card fields by WHATWG autofill token (HTML, 4.10.18.7.1) or by conventional names.
const CARD_AUTOCOMPLETE = /\bcc-(number|csc|exp|exp-month|exp-year)\b/i;
const CARD_NAME = /card.?(number|num|no)\b|\bcc.?(num|number)\b|\b(cvc|cvv|csc|cvn)\b|numero.?(de.?)?carte|カード番号|セキュリティコード/i;

const SETTINGS_TOPICS: Array<[ActionTopic, RegExp]> = [
  ['delete-account', /(delete|close|deactivate|remove) (your |my |this )?account|supprimer (mon |le |votre |ce )?compte|fermer (mon |votre )?compte|アカウント(を)?削除|退会/i],
  ['two-factor', /two.?factor|\b2fa\b|two.?step|multi.?factor|\bmfa\b|authenticator app|security key|double authentification|authentification à deux facteurs|二段階|2段階|二要素|2要素/i],
  ['recovery', /recovery (code|e-?mail|phone|key)s?|backup codes?|codes? de (récupération|secours)|リカバリー|復旧コード|バックアップコード/i],
  ['api-key', /\bapi[ -]?(key|token)s?\b|access tokens?|personal (access )?tokens?|cl[ée]s? (d['’])?api|jetons? d['’]accès|APIキー|アクセストークン/i],
  ['ssh-key', /\bssh\b|\bgpg key|cl[ée]s? ssh|SSH(鍵|キー)/i],
  ['mail-forwarding', /forward(ing)? (rule|address|e-?mail|mail)s?|mail forwarding|auto.?forward|règles? de transfert|adresses? de transfert|transfert automatique|transfert (du |de |des )?(courrier|mail|e-?mail|courriel|message)s?|transférer (automatiquement )?(les |vos |mes )?(e-?mails|messages|courriels)|redirection (du |de |des )?(courrier|mail|e-?mail|courriel)s?|メール転送|転送設定|転送先/i],
  ['payout', /payouts?|bank (account|details)|\biban\b|routing number|sort code|coordonn[ée]es bancaires|compte bancaire|versement|振込先|振込口座|口座情報|銀行口座/i],
  ['connected-apps', /(connected|authori[sz]ed|third.?party) (apps|applications|services)|applications (connectées|autorisées)|連携(アプリ|サービス)/i],
  ['change-email', /(change|update|new|edit) (your |my )?e-?mail|(changer|modifier) (d['’]|l['’]|votre )?(adresse|e-?mail)|nouvelle adresse (e-?mail|électronique)|メールアドレス(の)?(変更|更新)|新しいメールアドレス/i],
  ['change-phone', /(change|update|new|edit) (your |my )?(phone|mobile)|(changer|modifier) (de |le |votre )?num[ée]ro|nouveau num[ée]ro|電話番号(の)?(変更|更新)|新しい電話番号/i],
  ['change-password', /(change|update|reset|new) (your |my )?password|changer (de |le |votre )?mot de passe|modifier (le |votre )?mot de passe|nouveau mot de passe|パスワード(の)?(変更|更新)|新しいパスワード/i],
];

const SIGN_IN = /\b(sign|log) ?in\b|se connecter|connexion|ログイン|サインイン/i;

const CONTROL_SELECTOR = 'button, input[type="submit"], input[type="image"], input[type="button"], [role="button"]';

function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  const value = el instanceof HTMLInputElement ? el.value : '';
  return `${value} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${(el.textContent ?? '').slice(0, 200)}`;
}

/** The control an event landed on: the nearest button-like element (across an open shadow root). */
export function controlOf(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof Element)) return null;
  const control = target.closest(CONTROL_SELECTOR);
  return control instanceof HTMLElement ? control : null;
}

/** The form a control submits (its `form` owner), or the form around it. */
export function formOf(control: Element | null): HTMLFormElement | null {
  if (!control) return null;
  if (control instanceof HTMLButtonElement || control instanceof HTMLInputElement) return control.form;
  return control.closest('form');
}

function isSubmitControl(control: HTMLElement): boolean {
  if (control instanceof HTMLButtonElement) return control.type === 'submit';
  if (control instanceof HTMLInputElement) return control.type === 'submit' || control.type === 'image';
  return false;
}

/** A form's own words: id, name, action, legend, its aria label and the heading of its section. */
function contextOf(form: HTMLFormElement | null, control: HTMLElement | null): string {
  const parts = [textOf(control)];
  if (form) {
    parts.push(form.id, form.getAttribute('name') ?? '', form.getAttribute('action') ?? '', form.getAttribute('aria-label') ?? '');
    parts.push(textOf(form.querySelector('legend')));
    // Field labels name what changes ("Forwarding address", "New e-mail"); the first few suffice.
    for (const label of Array.from(form.querySelectorAll('label')).slice(0, 8)) parts.push((label.textContent ?? '').slice(0, 100));
    const section = form.closest('section, fieldset, article, [role="region"], [role="dialog"]');
    parts.push(textOf(section?.querySelector('h1, h2, h3, h4, legend') ?? null));
    const labelledBy = form.getAttribute('aria-labelledby') ?? section?.getAttribute('aria-labelledby');
    if (labelledBy) parts.push(textOf(form.ownerDocument.getElementById(labelledBy)));
  }
  return parts.join(' ').replace(/[-_]/g, ' ');
}

function hasCardField(root: ParentNode): boolean {
  for (const field of Array.from(root.querySelectorAll('input, select'))) {
    const token = field.getAttribute('autocomplete') ?? '';
    if (CARD_AUTOCOMPLETE.test(token)) return true;
    if (CARD_NAME.test(`${field.getAttribute('name') ?? ''} ${field.id}`)) return true;
  }
  return Array.from(root.querySelectorAll('iframe')).some(isPaymentFrame);
}

function passwordChange(form: HTMLFormElement): boolean {
  const tokens = Array.from(form.querySelectorAll('input[type="password"]')).map((f) => f.getAttribute('autocomplete') ?? '');
  return tokens.includes('new-password') && tokens.includes('current-password');
}

/**
 * Classifies what activating `control` (or submitting `form`) would do. `detectedPayment` is the form
 * detector's opinion, used when available; the rules here hold without it.
 */
/**
 * A search or filter: fetched with GET (HTTP says safe, RFC 9110 §9.2.1), with a search box, and
 * nothing secret or payable in it. A filter box in an "API keys" section is not a key change.
 */
function isSearchForm(form: HTMLFormElement): boolean {
  if (form.getAttribute('role') === 'search') return true;
  if (form.method.toLowerCase() !== 'get') return false;
  if (!form.querySelector('input[type="search"], input[name="q"], input[name="query"], input[name="search"]')) return false;
  return !form.querySelector('input[type="password"]') && !hasCardField(form);
}

export function classifyAction(form: HTMLFormElement | null, control: HTMLElement | null, detectedPayment: (form: HTMLFormElement) => boolean = () => false): SensitiveAction | null {
  if (form && (isSearchForm(form) || form.method.toLowerCase() === 'dialog')) return null;
  // A button outside any form counts only by its own words; inside a form, only if it submits it.
  if (control && form && !isSubmitControl(control)) {
    if (!PAYMENT_CONTROL.test(textOf(control))) return null;
  }
  const controlText = textOf(control).replace(/[-_]/g, ' ');
  if (form && (hasCardField(form) || detectedPayment(form))) return { kind: 'payment', topic: 'checkout', form, control };
  if (PAYMENT_CONTROL.test(controlText)) return { kind: 'payment', topic: 'checkout', form, control };
  if (!form) return null;
  if (passwordChange(form)) return { kind: 'settings', topic: 'change-password', form, control };
  // A sign-in form is the credential-takeover guard's business, not a settings change.
  if (SIGN_IN.test(controlText)) return null;
  const context = contextOf(form, control);
  for (const [topic, pattern] of SETTINGS_TOPICS) {
    if (topic === 'change-password' && !form.querySelector('input[type="password"]')) continue;
    if (pattern.test(context)) return { kind: 'settings', topic, form, control };
  }
  return null;
}
