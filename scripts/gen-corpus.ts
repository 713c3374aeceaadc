/**
 * Writes the labelled detection corpus (test/corpus): realistic pages in several markup styles and
 * three languages, each with a `.labels.json` beside it. Run: `npx tsx scripts/gen-corpus.ts [DIR]`.
 * The output is committed; this script only exists so the corpus can be regenerated and extended.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PageBuilder, Rng, esc, type FormLabel, type IdMode, type LabelMode, type Style } from './corpus/build';
import { buildForm, checkbox, emailField, link, passwordField, personal, usernameField, type FormOptions } from './corpus/forms';
import type { Lang } from './corpus/vocab';

const OUT = resolve(process.argv[2] ?? 'test/corpus');
const STYLES: Style[] = ['bootstrap', 'tailwind', 'material', 'plain', 'react', 'bulma', 'table'];
const LANGS: Lang[] = ['en', 'fr', 'ja', 'en'];

type Flag =
  | 'formless' | 'shadow' | 'shadow-closed' | 'iframe-same' | 'iframe-cross' | 'dialog' | 'dialog-click' | 'popover'
  | 'late' | 'spa-steps' | 'step1' | 'step2' | 'honeypot' | 'hidden' | 'social' | 'placeholder' | 'aria' | 'nearby'
  | 'autocomplete-only' | 'no-autocomplete' | 'extras' | 'no-heading' | 'table';

interface Variant {
  flags: Flag[];
  sub?: number;
}

type KindBuilder = (b: PageBuilder, v: Variant) => FormOptions;

// ---- per-kind main forms ------------------------------------------------------------------

const login: KindBuilder = (b, v) => {
  const ac = !v.flags.includes('no-autocomplete') && (v.flags.includes('autocomplete-only') || b.rng.chance(0.6));
  const ident = b.rng.chance(0.5) ? emailField(b, 'username', ac) : usernameField(b, 'username', ac);
  if (v.flags.includes('step1')) {
    b.hard('multi-step username-first (step 1)');
    return { kind: 'login', heading: b.v('signInTitle'), fields: [ident], submit: b.v('next'), after: link(b, 'noAccount') };
  }
  if (v.flags.includes('step2')) {
    b.hard('multi-step username-first (step 2)');
    return {
      kind: 'login',
      heading: b.v('signInTitle'),
      before: `<p class="who">${esc(b.v('welcomeBack'))}</p><input type="text" name="identifier" autocomplete="username" value="alice@example.com" style="display:none">`,
      fields: [passwordField(b, 'current-password', b.v('password'), ac)],
      submit: b.v('signInBtn'),
      after: link(b, 'forgot'),
      hiddenExtras: true,
    };
  }
  const extras: string[] = [];
  if (b.rng.chance(0.5)) extras.push(checkbox(b, 'remember'));
  if (b.rng.chance(0.7)) extras.push(link(b, 'forgot'));
  if (b.rng.chance(0.5)) extras.push(`<p class="aux">${esc(b.v('noAccount'))} <a href="/signup">${esc(b.v('createLink'))}</a></p>`);
  return {
    kind: 'login',
    heading: v.flags.includes('no-heading') ? undefined : b.v('signInTitle'),
    fields: [ident, passwordField(b, 'current-password', b.v('password'), ac)],
    submit: b.v('signInBtn'),
    submitInput: b.rng.chance(0.15),
    secondary: v.flags.includes('social') ? [b.v('google')] : undefined,
    after: extras.join('\n'),
    hiddenExtras: b.rng.chance(0.4) || v.flags.includes('hidden'),
  };
};

const signup: KindBuilder = (b, v) => {
  const ac = !v.flags.includes('no-autocomplete') && (v.flags.includes('autocomplete-only') || b.rng.chance(0.6));
  const sub = v.sub ?? b.rng.int(5);
  const pw = passwordField(b, 'new-password', b.v('newPasswordLabel'), ac, 'new');
  const confirm = passwordField(b, 'confirm-password', b.v('confirmPassword'), ac, 'confirm');
  let fields;
  switch (sub) {
    case 0:
      fields = [personal(b, 'fullName'), emailField(b, 'username', ac), pw, confirm];
      break;
    case 1:
      fields = [emailField(b, 'username', ac), pw];
      break;
    case 2:
      fields = [personal(b, 'firstName'), personal(b, 'lastName'), emailField(b, 'username', ac), pw, confirm];
      break;
    case 3:
      fields = [usernameField(b, 'username', ac), emailField(b, 'username', ac), pw, confirm];
      break;
    default:
      fields = [emailField(b, 'username', ac), usernameField(b, 'username', ac), pw, personal(b, 'phone')];
  }
  return {
    kind: 'sign-up',
    heading: v.flags.includes('no-heading') ? undefined : b.v('signUpTitle'),
    fields,
    submit: b.v('signUpBtn'),
    after: `${b.rng.chance(0.6) ? checkbox(b, 'terms') : ''}<p class="aux"><a href="/login">${esc(b.v('signInBtn'))}</a></p>`,
    secondary: v.flags.includes('social') ? [b.v('google')] : undefined,
    hiddenExtras: v.flags.includes('hidden') || b.rng.chance(0.3),
  };
};

const changePassword: KindBuilder = (b, v) => {
  const ac = !v.flags.includes('no-autocomplete') && (v.flags.includes('autocomplete-only') || b.rng.chance(0.6));
  const sub = v.sub ?? b.rng.int(3);
  const current = passwordField(b, 'current-password', b.v('currentPw'), ac, 'current');
  const fresh = passwordField(b, 'new-password', b.v('newPw'), ac, 'new');
  const confirm = passwordField(b, 'confirm-password', b.v('confirmNewPw'), ac, 'confirm');
  const hiddenUser = `<input type="text" name="username" autocomplete="username" value="alice@example.com" style="display:none">`;
  if (sub === 1) {
    return { kind: 'change-password', heading: b.v('resetTitle'), before: hiddenUser, fields: [fresh, confirm], submit: b.v('save'), hiddenExtras: true };
  }
  if (sub === 2) {
    return { kind: 'change-password', heading: v.flags.includes('no-heading') ? undefined : b.v('changeTitle'), fields: [current, fresh], submit: b.v('save') };
  }
  return { kind: 'change-password', heading: v.flags.includes('no-heading') ? undefined : b.v('changeTitle'), before: b.rng.chance(0.5) ? hiddenUser : '', fields: [current, fresh, confirm], submit: b.v('save') };
};

const oneTimeCode: KindBuilder = (b, v) => {
  const sub = v.sub ?? b.rng.int(4);
  const help = `<p class="help">${esc(b.v('otpHelp'))}</p>`;
  if (sub === 2 || sub === 3) {
    b.hard('split one-digit inputs');
    const n = sub === 2 ? 6 : 4;
    const boxLabel = b.v('otpLabel');
    const boxType = b.rng.chance(0.5) ? 'text' : 'tel';
    const boxes = Array.from({ length: n }, (_, i) => ({
      base: `digit-${i + 1}`,
      type: boxType,
      label: `${boxLabel} ${i + 1}`,
      labelMode: 'aria' as LabelMode,
      role: 'one-time-code',
      autocomplete: i === 0 && b.rng.chance(0.5) ? 'one-time-code' : 'off',
      attrs: `maxlength="1" inputmode="numeric" pattern="[0-9]*"`,
      names: [`code${i + 1}`, `otp[${i}]`, `digit${i + 1}`],
    }));
    b.addCss('input[maxlength="1"]{display:inline-block;min-width:0;width:2em;text-align:center;margin-right:4px}');
    return { kind: 'one-time-code', heading: b.v('otpTitle'), before: help, fields: boxes, submit: b.v('verify'), secondary: [b.rng.pick(['Resend code', 'Renvoyer le code', 'コードを再送信'])] };
  }
  const ac = sub === 0 && !v.flags.includes('no-autocomplete');
  return {
    kind: 'one-time-code',
    heading: v.flags.includes('no-heading') ? undefined : b.v('otpTitle'),
    before: help,
    fields: [{ base: 'otp', type: b.rng.pick(['text', 'tel', 'number']), label: b.v('otpLabel'), role: 'one-time-code', autocomplete: ac ? 'one-time-code' : undefined, attrs: b.rng.chance(0.6) ? 'inputmode="numeric" maxlength="6"' : '', names: ['otp', 'code', 'verification_code', 'totp', 'mfa_code', 'token'] }],
    submit: b.v('verify'),
    after: b.rng.chance(0.4) ? `<div class="check"><input type="checkbox" name="trust" id="${b.forceId('trust')}"> <label for="${b.forceId('trust-l')}">Trust this device</label></div>` : '',
  };
};

const payment: KindBuilder = (b, v) => {
  const sub = v.sub ?? b.rng.int(4);
  const ac = !v.flags.includes('no-autocomplete') && (v.flags.includes('autocomplete-only') || b.rng.chance(0.6));
  const number = { base: 'card-number', type: b.rng.pick(['text', 'tel']), label: b.v('cardNumber'), role: 'card-number', autocomplete: ac ? 'cc-number' : undefined, attrs: 'inputmode="numeric" maxlength="19"', names: ['cardnumber', 'card_number', 'ccnum', 'cc-number', 'pan'] };
  const expiry = { base: 'card-expiry', type: 'text', label: b.v('expiry'), role: 'card-expiry', autocomplete: ac ? 'cc-exp' : undefined, attrs: 'maxlength="7"', names: ['exp-date', 'expiry', 'cc_exp', 'expiration'] };
  const cvc = { base: 'card-cvc', type: b.rng.pick(['text', 'tel', 'password']), label: b.v('cvc'), role: 'card-security-code', autocomplete: ac ? 'cc-csc' : undefined, attrs: 'maxlength="4" inputmode="numeric"', names: ['cvc', 'cvv', 'csc', 'card_code'] };
  const holder = { base: 'card-name', type: 'text', label: b.v('cardName'), role: 'card-holder', autocomplete: ac ? 'cc-name' : undefined, names: ['ccname', 'card_holder', 'name_on_card', 'cardholder'] };
  const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
  const month = { base: 'exp-month', type: 'select', tag: 'select' as const, label: b.v('month'), role: 'card-expiry', autocomplete: ac ? 'cc-exp-month' : undefined, options: months, names: ['exp_month', 'expMonth', 'cc_exp_month'] };
  const year = { base: 'exp-year', type: 'select', tag: 'select' as const, label: b.v('year'), role: 'card-expiry', autocomplete: ac ? 'cc-exp-year' : undefined, options: ['2026', '2027', '2028', '2029', '2030'], names: ['exp_year', 'expYear', 'cc_exp_year'] };
  let fields;
  switch (sub) {
    case 1:
      fields = [holder, number, month, year, cvc];
      break;
    case 2:
      fields = [emailField(b, undefined, ac), number, expiry, cvc, personal(b, 'zip')];
      break;
    case 3:
      fields = [personal(b, 'fullName'), personal(b, 'address'), personal(b, 'city'), personal(b, 'zip'), number, expiry, cvc, holder];
      break;
    default:
      fields = [number, expiry, cvc, holder];
  }
  return { kind: 'payment', heading: v.flags.includes('no-heading') ? undefined : b.v('payTitle'), fields, submit: b.v('payBtn') };
};

const search: KindBuilder = (b) => ({
  kind: 'search',
  fields: [{ base: 'q', type: b.rng.chance(0.6) ? 'search' : 'text', label: b.v('searchPh'), labelMode: b.rng.pick(['placeholder', 'aria'] as LabelMode[]), names: ['q', 's', 'query', 'search', 'keyword', 'k'] }],
  submit: b.v('searchBtn'),
  action: b.rng.pick(['/search', '/recherche', '/s', '/find']),
});

const newsletter: KindBuilder = (b) => ({
  kind: 'newsletter',
  heading: b.v('newsTitle'),
  fields: [{ base: 'news-email', type: b.rng.chance(0.8) ? 'email' : 'text', label: b.v('newsPh'), labelMode: b.rng.pick(['placeholder', 'aria', 'for'] as LabelMode[]), autocomplete: b.rng.chance(0.5) ? 'email' : undefined, names: ['EMAIL', 'newsletter_email', 'subscriber[email]', 'nl_email'] }],
  submit: b.v('newsBtn'),
});

const negatives: ((b: PageBuilder) => FormOptions | null)[] = [
  () => null,
  (b) => ({ kind: 'other', heading: b.v('contactTitle'), fields: [personal(b, 'fullName'), emailField(b, undefined, false), { base: 'message', type: 'textarea', tag: 'textarea', label: b.v('message') }], submit: b.v('send') }),
  (b) => ({ kind: 'other', heading: b.v('shipTitle'), fields: [personal(b, 'fullName'), personal(b, 'address'), personal(b, 'city'), personal(b, 'zip'), personal(b, 'country'), personal(b, 'phone')], submit: b.v('next') }),
  (b) => ({ kind: 'other', heading: b.v('commentTitle'), fields: [{ base: 'comment', type: 'textarea', tag: 'textarea', label: b.v('comment') }, personal(b, 'fullName')], submit: b.v('postComment') }),
  (b) => ({ kind: 'other', fields: [{ base: 'qty', type: 'number', label: b.v('quantity'), names: ['qty', 'quantity'] }], submit: b.v('update') }),
  (b) => ({ kind: 'other', fields: [{ base: 'sort', type: 'select', tag: 'select', label: b.v('filter'), options: ['Price', 'Newest', 'Rating'] }, { base: 'brand', type: 'select', tag: 'select', label: 'Brand', options: ['Any', 'Acme'] }], submit: b.v('apply') }),
  (b) => ({ kind: 'other', heading: b.v('profileTitle'), fields: [{ base: 'display-name', type: 'text', label: b.v('displayName') }, { base: 'bio', type: 'textarea', tag: 'textarea', label: b.v('bio') }], submit: b.rng.pick(['Save profile', 'Enregistrer le profil', 'プロフィールを保存']) }),
];

// ---- page assembly ------------------------------------------------------------------------

interface Built {
  name: string;
  html: string;
  labels: PageBuilder['labels'];
  frames: { path: string; html: string }[];
}

function makePage(name: string, kind: string, v: Variant, seed: number, lang: Lang, style: Style): Built {
  const rng = new Rng(seed);
  const labelMode: LabelMode = v.flags.includes('placeholder') ? 'placeholder' : v.flags.includes('aria') ? 'aria' : v.flags.includes('nearby') ? 'nearby' : v.flags.includes('autocomplete-only') ? 'none' : 'for';
  const shadow = v.flags.includes('shadow') || v.flags.includes('shadow-closed');
  const idMode: IdMode = shadow ? 'semantic' : rng.pick(['semantic', 'semantic', 'random', 'none'] as IdMode[]);
  const b = new PageBuilder(rng, lang, v.flags.includes('table') ? 'table' : style, labelMode, idMode, `${kind} page, ${style}, ${lang}, ${v.flags.join(', ') || 'plain case'}`);
  for (const f of v.flags) b.hard(hardName(f));
  const frames: Built['frames'] = [];
  const parts: string[] = [];
  let script = '';
  const header = headerHtml(b, kind);
  parts.push(header);

  const builder = { login, 'sign-up': signup, 'change-password': changePassword, 'one-time-code': oneTimeCode, payment, search, newsletter }[kind];
  let options: FormOptions | null;
  if (builder) options = builder(b, v);
  else options = negatives[(v.sub ?? 0) % negatives.length]!(b);

  if (options && v.flags.includes('formless')) options.formless = true;
  if (options && v.flags.includes('honeypot')) options.honeypot = true;

  if (options && kind === 'payment' && v.flags.includes('iframe-same')) {
    // Hosted card fields: the card inputs live in a provider-style frame; the page keeps the rest.
    const frameName = `${name}-card`;
    const fb = new PageBuilder(new Rng(seed + 7), lang, style, 'for', 'semantic', 'card frame');
    const cardOptions = payment(fb, { flags: [], sub: 0 });
    cardOptions.submit = undefined;
    const card = buildForm(fb, { ...cardOptions, formless: true });
    frames.push({ path: `frames/${frameName}.frame.html`, html: fb.render('card', card.html) });
    b.labels.frames = { [`frames/${frameName}.frame.html`]: { forms: [card.label] } };
    const frame = `<iframe name="__privateStripeFrame${rng.int(9000) + 1000}" title="Secure card payment input frame" src="frames/${frameName}.frame.html" width="420" height="300" frameborder="0"></iframe>`;
    options = { kind: 'payment', heading: b.v('payTitle'), fields: [emailField(b, undefined, true)], before: frame, submit: b.v('payBtn') };
    b.hard('payment-provider iframe');
  }

  if (options && (v.flags.includes('iframe-same') || v.flags.includes('iframe-cross')) && kind !== 'payment') {
    const frameName = `${name}-embed`;
    const fb = new PageBuilder(new Rng(seed + 11), lang, style, labelMode, 'semantic', 'embedded frame');
    const again = (builder ?? login)(fb, { flags: v.flags.filter((f) => f !== 'iframe-same' && f !== 'iframe-cross') });
    const built = buildForm(fb, again);
    frames.push({ path: `frames/${frameName}.frame.html`, html: fb.render('embedded', built.html) });
    b.labels.frames = { [`frames/${frameName}.frame.html`]: { forms: [built.label] } };
    const src = v.flags.includes('iframe-cross') ? `{{cross-origin}}/${kind}/frames/${frameName}.frame.html` : `frames/${frameName}.frame.html`;
    parts.push(`<main><h1>${esc(b.v('signInTitle'))}</h1><iframe src="${src}" title="${esc(b.v('signInTitle'))}" width="480" height="520" style="border:1px solid #ccc"></iframe></main>`);
    options = null;
  } else if (options) {
    const hostId = `${kind.replace(/[^a-z]/g, '')}-widget`;
    const prefix = shadow ? `#${hostId} >>> ` : '';
    const built = buildForm(b, { ...options, prefix });
    let html = built.html;
    if (options.kind !== 'other' || options.fields.length) b.labels.forms.push(built.label);
    if (v.flags.includes('spa-steps')) ({ html, script } = spaSteps(b, built.label));
    if (shadow) {
      const tag = `x-${hostId}`;
      const mode = v.flags.includes('shadow-closed') ? 'closed' : 'open';
      parts.push(`<main><${tag} id="${hostId}"></${tag}></main><template id="${hostId}-tpl">${html}</template>`);
      script += `customElements.define('${tag}', class extends HTMLElement { constructor() { super(); const root = this.attachShadow({ mode: '${mode}' }); root.append(document.getElementById('${hostId}-tpl').content.cloneNode(true)); } });\n`;
    } else if (v.flags.includes('dialog')) {
      parts.push(`<main><p>${esc(b.v('article'))}</p><dialog open class="modal">${html}</dialog></main>`);
    } else if (v.flags.includes('dialog-click')) {
      const opener = b.forceId('open-dialog');
      parts.push(`<main><button type="button" id="${opener}" class="nav-cta">${esc(options.heading ?? b.v('signInBtn'))}</button><dialog id="${opener}-d">${html}</dialog></main>`);
      script += `document.getElementById('${opener}').addEventListener('click', () => document.getElementById('${opener}-d').showModal());\n`;
      b.labels.actions = [{ click: `#${opener}` }];
    } else if (v.flags.includes('popover')) {
      const pop = b.forceId('popover');
      parts.push(`<main><p>${esc(b.v('article'))}</p><div id="${pop}" popover="manual" class="pop">${html}</div></main>`);
      script += `document.getElementById('${pop}').showPopover();\n`;
    } else if (v.flags.includes('late')) {
      const app = b.forceId('app');
      parts.push(`<main id="${app}"><div class="spinner">Loading…</div></main>`);
      script += `setTimeout(() => { document.getElementById('${app}').innerHTML = ${JSON.stringify(html)}; }, ${300 + rng.int(400)});\n`;
      b.labels.waitMs = 1500;
    } else {
      parts.push(`<main class="container">${html}</main>`);
    }
  } else if (!builder) {
    parts.push(`<main><article><h1>${esc(b.v('article'))}</h1><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p><p><a href="/more">Read more</a></p></article></main>`);
  }
  parts.push(footerHtml(b, kind));
  return { name, html: b.render(`${kind} — ${name}`, parts.join('\n'), script), frames, labels: b.labels };
}

function hardName(flag: Flag): string {
  const names: Partial<Record<Flag, string>> = {
    formless: 'inputs with no <form>',
    shadow: 'open shadow root',
    'shadow-closed': 'closed shadow root',
    'iframe-same': 'same-origin iframe',
    'iframe-cross': 'cross-origin iframe',
    dialog: '<dialog> sign-in',
    'dialog-click': '<dialog> opened by a click',
    popover: 'popover',
    late: 'form inserted late by script',
    'spa-steps': 'multi-step in one page',
    honeypot: 'honeypot field',
    hidden: 'hidden inputs',
    social: 'third-party sign-in button',
    placeholder: 'placeholder only',
    aria: 'aria-label only',
    nearby: 'nearby text only',
    'autocomplete-only': 'autocomplete tokens only',
    'no-autocomplete': 'no autocomplete tokens',
    table: 'table layout',
    'no-heading': 'no heading',
  };
  return names[flag] ?? flag;
}

/** Header with a search box on some pages, so pages hold several forms as real sites do. */
function headerHtml(b: PageBuilder, kind: string): string {
  const nav = `<nav><a href="/">Home</a> · <a href="/shop">Shop</a> · <a href="/help">Help</a></nav>`;
  if (kind !== 'search' && !b.rng.chance(0.3)) return `<header>${nav}</header>`;
  const s = buildForm(b, { ...search(b, { flags: [] }), containerId: b.id('site-search') ?? undefined });
  b.labels.forms.push(s.label);
  const landmark = b.rng.chance(0.5);
  return `<header>${nav}${landmark ? `<div role="search">${s.html}</div>` : s.html}</header>`;
}

function footerHtml(b: PageBuilder, kind: string): string {
  if (kind !== 'newsletter' && !b.rng.chance(0.25)) return `<footer><p>© 2026 Example</p></footer>`;
  const n = buildForm(b, newsletter(b, { flags: [] }));
  b.labels.forms.push(n.label);
  return `<footer>${n.html}<p>© 2026 Example</p></footer>`;
}

/** One page, two steps: the password row is revealed after "Next" (single-page username-first login). */
function spaSteps(b: PageBuilder, label: FormLabel): { html: string; script: string } {
  const next = b.forceId('next');
  const step2 = b.forceId('step-two');
  const pw = b.field(passwordField(b, 'current-password', b.v('password'), b.rng.chance(0.5)));
  const signIn = b.button(b.v('signInBtn'), {});
  // After the click the identifier row is hidden and the password row shown.
  label.fields = { [pw.selector]: 'current-password', [signIn.selector]: 'submit' };
  b.labels.actions = [{ click: `#${next}` }];
  const open = label.selector.startsWith('#') ? label.selector.slice(1) : b.forceId('spa-login');
  if (!label.selector.startsWith('#')) label.selector = `#${open}`;
  const html = `<form id="${open}" action="/session" method="post"><h2>${esc(b.v('signInTitle'))}</h2><div id="${next}-row">${b.field(emailField(b, undefined, true)).html}<button type="button" id="${next}">${esc(b.v('next'))}</button></div><div id="${step2}" style="display:none">${pw.html}${signIn.html}</div></form>`;
  const script = `document.getElementById('${next}').addEventListener('click', () => { document.getElementById('${next}-row').style.display = 'none'; document.getElementById('${step2}').style.display = 'block'; });\n`;
  return { html, script };
}

// ---- the plan -----------------------------------------------------------------------------

const PLAN: Record<string, Variant[]> = {
  login: [
    { flags: [] }, { flags: ['formless'] }, { flags: ['shadow'] }, { flags: ['shadow-closed'] }, { flags: ['iframe-same'] },
    { flags: ['iframe-cross'] }, { flags: ['dialog'] }, { flags: ['dialog-click'] }, { flags: ['popover'] }, { flags: ['late'] },
    { flags: ['spa-steps'] }, { flags: ['step1'] }, { flags: ['step2'] }, { flags: ['honeypot'] }, { flags: ['hidden'] },
    { flags: ['social'] }, { flags: ['placeholder'] }, { flags: ['aria'] }, { flags: ['nearby'] }, { flags: ['autocomplete-only'] },
    { flags: ['table'] }, { flags: ['formless', 'late'] }, { flags: ['formless', 'honeypot'] }, { flags: ['step1', 'no-autocomplete'] },
    { flags: ['step2', 'no-autocomplete'] }, { flags: ['no-autocomplete', 'no-heading'] }, { flags: ['iframe-cross', 'formless'] },
  ],
  'sign-up': [
    { flags: [], sub: 0 }, { flags: [], sub: 1 }, { flags: [], sub: 2 }, { flags: [], sub: 3 }, { flags: [], sub: 4 },
    { flags: ['formless'], sub: 0 }, { flags: ['shadow'], sub: 2 }, { flags: ['iframe-cross'], sub: 0 }, { flags: ['dialog'], sub: 1 },
    { flags: ['late'], sub: 3 }, { flags: ['honeypot'], sub: 0 }, { flags: ['honeypot'], sub: 4 }, { flags: ['placeholder'], sub: 2 },
    { flags: ['aria'], sub: 0 }, { flags: ['nearby'], sub: 3 }, { flags: ['autocomplete-only'], sub: 0 }, { flags: ['no-autocomplete'], sub: 1 },
    { flags: ['social'], sub: 1 }, { flags: ['table'], sub: 2 }, { flags: ['popover'], sub: 0 }, { flags: ['no-autocomplete', 'formless'], sub: 3 },
    { flags: ['hidden'], sub: 4 },
  ],
  'change-password': [
    { flags: [], sub: 0 }, { flags: [], sub: 1 }, { flags: [], sub: 2 }, { flags: ['formless'], sub: 0 }, { flags: ['shadow'], sub: 1 },
    { flags: ['dialog'], sub: 0 }, { flags: ['late'], sub: 2 }, { flags: ['honeypot'], sub: 0 }, { flags: ['placeholder'], sub: 1 },
    { flags: ['aria'], sub: 0 }, { flags: ['nearby'], sub: 2 }, { flags: ['autocomplete-only'], sub: 0 }, { flags: ['no-autocomplete'], sub: 1 },
    { flags: ['no-autocomplete'], sub: 0 }, { flags: ['table'], sub: 0 }, { flags: ['iframe-same'], sub: 1 }, { flags: ['no-heading', 'no-autocomplete'], sub: 0 },
    { flags: ['formless', 'no-autocomplete'], sub: 1 }, { flags: ['popover'], sub: 2 }, { flags: ['hidden'], sub: 0 },
  ],
  'one-time-code': [
    { flags: [], sub: 0 }, { flags: [], sub: 1 }, { flags: [], sub: 2 }, { flags: [], sub: 3 }, { flags: ['formless'], sub: 2 },
    { flags: ['formless'], sub: 1 }, { flags: ['shadow'], sub: 0 }, { flags: ['iframe-cross'], sub: 2 }, { flags: ['dialog'], sub: 1 },
    { flags: ['late'], sub: 0 }, { flags: ['popover'], sub: 3 }, { flags: ['honeypot'], sub: 1 }, { flags: ['placeholder'], sub: 1 },
    { flags: ['aria'], sub: 0 }, { flags: ['nearby'], sub: 1 }, { flags: ['no-autocomplete'], sub: 2 }, { flags: ['table'], sub: 1 },
    { flags: ['no-heading'], sub: 0 }, { flags: ['late', 'formless'], sub: 2 }, { flags: ['hidden'], sub: 1 },
  ],
  payment: [
    { flags: [], sub: 0 }, { flags: [], sub: 1 }, { flags: [], sub: 2 }, { flags: [], sub: 3 }, { flags: ['iframe-same'] },
    { flags: ['iframe-same'] }, { flags: ['formless'], sub: 0 }, { flags: ['shadow'], sub: 1 }, { flags: ['dialog'], sub: 0 },
    { flags: ['late'], sub: 2 }, { flags: ['honeypot'], sub: 3 }, { flags: ['placeholder'], sub: 0 }, { flags: ['aria'], sub: 1 },
    { flags: ['nearby'], sub: 0 }, { flags: ['autocomplete-only'], sub: 3 }, { flags: ['no-autocomplete'], sub: 2 }, { flags: ['table'], sub: 1 },
    { flags: ['no-heading'], sub: 0 }, { flags: ['popover'], sub: 0 }, { flags: ['formless', 'no-autocomplete'], sub: 1 },
  ],
  search: Array.from({ length: 10 }, (_, i) => ({ flags: (i % 3 === 1 ? ['formless'] : []) as Flag[] })),
  newsletter: Array.from({ length: 10 }, (_, i) => ({ flags: (i % 4 === 2 ? ['formless'] : i % 4 === 3 ? ['honeypot'] : []) as Flag[] })),
  negative: Array.from({ length: 14 }, (_, i) => ({ flags: (i === 9 ? ['formless'] : []) as Flag[], sub: i })),
};

function main(): void {
  for (const kind of Object.keys(PLAN)) rmSync(join(OUT, kind), { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  let seed = 1000;
  let count = 0;
  for (const [kind, variants] of Object.entries(PLAN)) {
    mkdirSync(join(OUT, kind), { recursive: true });
    variants.forEach((variant, i) => {
      seed += 17;
      const lang = LANGS[(i + kind.length) % LANGS.length]!;
      const style = STYLES[(i * 3 + kind.length) % STYLES.length]!;
      const slug = `${kind}-${String(i + 1).padStart(2, '0')}-${lang}${variant.flags.length ? `-${variant.flags.join('-')}` : ''}`;
      const built = makePage(slug, kind, variant, seed, lang, style);
      writeFileSync(join(OUT, kind, `${slug}.html`), built.html);
      writeFileSync(join(OUT, kind, `${slug}.labels.json`), `${JSON.stringify(built.labels, null, 2)}\n`);
      for (const f of built.frames) {
        mkdirSync(join(OUT, kind, 'frames'), { recursive: true });
        writeFileSync(join(OUT, kind, f.path), f.html);
      }
      count++;
    });
  }
  console.log(`wrote ${count} pages to ${OUT}`);
}

main();
