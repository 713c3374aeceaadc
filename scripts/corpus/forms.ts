/** Forms of each kind, assembled from `PageBuilder` fields, returning markup and labels together. */
import { esc, type FieldSpec, type FormLabel, type PageBuilder } from './build';

export interface FormOptions {
  kind: string;
  heading?: string;
  fields: FieldSpec[];
  submit?: string;
  submitInput?: boolean;
  formless?: boolean;
  honeypot?: boolean;
  hiddenExtras?: boolean;
  secondary?: string[];
  before?: string;
  after?: string;
  containerId?: string;
  action?: string;
  /** Prefix for label selectors (shadow host path). */
  prefix?: string;
}

export function buildForm(b: PageBuilder, o: FormOptions): { html: string; label: FormLabel } {
  const rows: string[] = [];
  const fields: Record<string, string> = {};
  const p = o.prefix ?? '';
  for (const spec of o.fields) {
    const f = b.field(spec);
    rows.push(f.html);
    if (spec.role) fields[p + f.selector] = spec.role;
  }
  if (o.honeypot) rows.splice(b.rng.int(rows.length + 1), 0, honeypot(b));
  if (o.hiddenExtras) rows.push(`<input type="hidden" name="csrf_token" value="${b.rng.token(16)}">`);
  let body = b.style === 'table' ? `<table class="form"><tbody>${rows.join('')}</tbody></table>` : rows.join('\n');
  if (o.before) body = o.before + body;
  const buttons: string[] = [];
  if (o.submit) {
    const btn = b.button(o.submit, { formless: o.formless, input: o.submitInput });
    buttons.push(btn.html);
    if (o.kind !== 'other') fields[p + btn.selector] = 'submit';
  }
  for (const s of o.secondary ?? []) buttons.push(b.button(s, { kind: 'secondary' }).html);
  const heading = o.heading ? headingHtml(b, o.heading) : '';
  const after = o.after ?? '';
  const id = o.containerId ?? b.id(`${o.kind}-${o.formless ? 'panel' : 'form'}`);
  let selector: string;
  let open: string;
  if (o.formless) {
    const cls = `${b.style === 'react' ? 'css' : 'panel'}-${b.rng.token(5)}`;
    selector = id ? `#${id}` : `.${cls}`;
    open = `<div${id ? ` id="${id}"` : ''} class="${cls}">`;
  } else {
    const action = o.action ?? `/${o.kind}/${b.rng.token(4)}`;
    selector = id ? `#${id}` : `form[action="${action}"]`;
    open = `<form${id ? ` id="${id}"` : ''} action="${action}" method="post"${b.rng.chance(0.3) ? ' novalidate' : ''}>`;
  }
  const close = o.formless ? '</div>' : '</form>';
  const html = `${open}\n${heading}\n${body}\n<div class="actions">${buttons.join(' ')}</div>\n${after}\n${close}`;
  return { html, label: { selector: p + selector, kind: o.kind, fields } };
}

function headingHtml(b: PageBuilder, text: string): string {
  switch (b.style) {
    case 'bootstrap':
      return `<h1 class="h3 mb-3 fw-normal">${esc(text)}</h1>`;
    case 'tailwind':
      return `<h2 class="mt-6 text-3xl font-bold tracking-tight text-gray-900">${esc(text)}</h2>`;
    case 'material':
      return `<h2 class="mdc-typography--headline5">${esc(text)}</h2>`;
    case 'react':
      return `<div role="heading" aria-level="1" class="css-${b.rng.token(6)}">${esc(text)}</div>`;
    case 'bulma':
      return `<h1 class="title">${esc(text)}</h1>`;
    default:
      return `<h2>${esc(text)}</h2>`;
  }
}

/** Fields no person should fill, each hidden a different way. */
export function honeypot(b: PageBuilder): string {
  const variant = b.rng.int(4);
  b.hard('honeypot');
  switch (variant) {
    case 0:
      b.addCss('.hp-wrap{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}');
      return `<div class="hp-wrap" aria-hidden="true"><label>Leave this field empty</label><input type="text" name="website" tabindex="-1" autocomplete="off"></div>`;
    case 1:
      return `<input type="text" name="email_address_${b.rng.token(3)}" style="display:none" autocomplete="off">`;
    case 2:
      b.addCss('.vh{clip:rect(0 0 0 0);clip-path:inset(50%);height:1px;overflow:hidden;position:absolute;white-space:nowrap;width:1px}');
      return `<input type="password" name="pw_${b.rng.token(3)}" class="vh" tabindex="-1">`;
    default:
      return `<div style="opacity:0;position:absolute;top:0;left:0;height:0;width:0;z-index:-1"><input type="email" name="contact_me_by_fax_only" tabindex="-1"></div>`;
  }
}

// ---- field sets ---------------------------------------------------------------------------

export function emailField(b: PageBuilder, role: string | undefined, ac = true): FieldSpec {
  return { base: 'email', type: b.rng.chance(0.8) ? 'email' : 'text', label: b.v('email'), role, autocomplete: ac ? b.rng.pick(['email', 'username']) : undefined, names: ['email', 'user[email]', 'login_email', 'emailAddress', 'mail'] };
}

export function usernameField(b: PageBuilder, role: string | undefined, ac = true): FieldSpec {
  return { base: 'username', type: 'text', label: b.v('username'), role, autocomplete: ac ? 'username' : undefined, names: ['username', 'login', 'user_login', 'j_username', 'userId', 'log'] };
}

export function passwordField(b: PageBuilder, role: string, label: string, ac: boolean, base = 'password'): FieldSpec {
  const token = role === 'current-password' ? 'current-password' : 'new-password';
  return { base, type: 'password', label, role, autocomplete: ac ? token : undefined, names: nameFor(base) };
}

function nameFor(base: string): string[] {
  switch (base) {
    case 'password':
      return ['password', 'pass', 'pwd', 'user[password]', 'j_password', 'passwd'];
    case 'current':
      return ['current_password', 'old_password', 'oldPassword', 'password_current'];
    case 'new':
      return ['new_password', 'newPassword', 'password_new', 'password1'];
    case 'confirm':
      return ['confirm_password', 'password_confirmation', 'password2', 'confirmPassword'];
    default:
      return [base];
  }
}

export function personal(b: PageBuilder, key: 'firstName' | 'lastName' | 'fullName' | 'phone' | 'address' | 'city' | 'zip' | 'country'): FieldSpec {
  const ac: Record<string, string> = { firstName: 'given-name', lastName: 'family-name', fullName: 'name', phone: 'tel', address: 'street-address', city: 'address-level2', zip: 'postal-code', country: 'country' };
  const names: Record<string, string[]> = {
    firstName: ['first_name', 'firstName', 'fname'],
    lastName: ['last_name', 'lastName', 'lname'],
    fullName: ['name', 'full_name', 'fullName'],
    phone: ['phone', 'tel', 'mobile'],
    address: ['address', 'street', 'address1'],
    city: ['city', 'town'],
    zip: ['zip', 'postcode', 'postal_code'],
    country: ['country', 'region'],
  };
  return { base: key, type: key === 'phone' ? 'tel' : 'text', label: b.v(key), autocomplete: b.rng.chance(0.6) ? ac[key] : undefined, names: names[key] };
}

export function checkbox(b: PageBuilder, key: 'remember' | 'terms'): string {
  const id = b.forceId(`${key}-box`);
  return `<div class="check"><input type="checkbox" id="${id}" name="${key}"> <label for="${id}">${esc(b.v(key))}</label></div>`;
}

export function link(b: PageBuilder, key: string): string {
  return `<p class="aux"><a href="#${b.rng.token(4)}">${esc(b.v(key))}</a></p>`;
}
