import { describe, expect, it } from 'vitest';
import { detectForms } from '../../../lib/detect';
import { detect, page, summary } from './dom';

describe('form kinds', () => {
  it('classifies a plain login form and labels username, password and submit', () => {
    expect(detect(`<form id=f><h2>Sign in</h2><label for=u>Email</label><input id=u type=email><label for=p>Password</label><input id=p type=password><button id=b>Sign in</button></form>`)).toEqual([
      { kind: 'login', roles: { '#u': 'username', '#p': 'current-password', '#b': 'submit' } },
    ]);
  });

  it('tells a sign-up from a login by the confirmation field and the wording', () => {
    const [form] = detect(`<form><h1>Create your account</h1><input id=n name=fullname placeholder="Full name"><input id=e type=email placeholder=Email><input id=p1 type=password placeholder=Password><input id=p2 type=password placeholder="Confirm password"><button id=b>Sign up</button></form>`);
    expect(form).toEqual({ kind: 'sign-up', roles: { '#e': 'username', '#p1': 'new-password', '#p2': 'confirm-password', '#b': 'submit' } });
  });

  it('classifies current + new + confirm as a password change', () => {
    const [form] = detect(`<form><input id=a type=password aria-label="Current password"><input id=b type=password aria-label="New password"><input id=c type=password aria-label="Confirm new password"><button id=s>Save</button></form>`);
    expect(form).toEqual({ kind: 'change-password', roles: { '#a': 'current-password', '#b': 'new-password', '#c': 'confirm-password', '#s': 'submit' } });
  });

  it('classifies a reset with two new passwords and no identifier as a password change', () => {
    const [form] = detect(`<form><h2>Reset your password</h2><input id=a type=password autocomplete=new-password><input id=b type=password autocomplete=new-password><button id=s>Save</button></form>`);
    expect(form?.kind).toBe('change-password');
    expect(form?.roles).toMatchObject({ '#a': 'new-password', '#b': 'confirm-password' });
  });

  it('classifies a one-time-code field by its autocomplete token', () => {
    expect(detect(`<form><input id=c autocomplete=one-time-code inputmode=numeric><button id=v>Verify</button></form>`)[0]).toEqual({
      kind: 'one-time-code',
      roles: { '#c': 'one-time-code', '#v': 'submit' },
    });
  });

  it('classifies split one-digit inputs as one one-time code, each box labelled', () => {
    const boxes = [1, 2, 3, 4, 5, 6].map((i) => `<input id=d${i} maxlength=1 inputmode=numeric>`).join('');
    const [form] = detect(`<form><h1>認証コードを入力</h1>${boxes}<button id=go>認証する</button></form>`, 'ja');
    expect(form?.kind).toBe('one-time-code');
    expect(Object.values(form!.roles).filter((r) => r === 'one-time-code')).toHaveLength(6);
  });

  it('classifies card fields as a payment and labels each card role', () => {
    const [form] = detect(`<form><input id=n autocomplete=cc-number><input id=e placeholder="MM / YY" name=exp-date><input id=c name=cvc><input id=h autocomplete=cc-name><button id=p>Pay $10</button></form>`);
    expect(form).toEqual({ kind: 'payment', roles: { '#n': 'card-number', '#e': 'card-expiry', '#c': 'card-security-code', '#h': 'card-holder', '#p': 'submit' } });
  });

  it('treats a payment provider iframe as a payment signal', () => {
    const [form] = detect(`<form><input type=email id=e autocomplete=email><iframe name="__privateStripeFrame123" src="https://js.stripe.com/v3/elements-inner-card.html"></iframe><button id=p>Pay</button></form>`);
    expect(form?.kind).toBe('payment');
  });

  it('classifies search and newsletter boxes', () => {
    const forms = detect(`<form role=search action=/search><input id=q type=search name=q><button id=s>Search</button></form><footer><form><h3>Subscribe to our newsletter</h3><input id=m type=email><button id=n>Subscribe</button></form></footer>`);
    expect(forms.map((f) => f.kind)).toEqual(['search', 'newsletter']);
  });

  it('leaves a contact form as other, with no field reported', () => {
    expect(detect(`<form><h2>Contact us</h2><input name=name placeholder=Name><input type=email name=email placeholder=Email><textarea name=message></textarea><button>Send</button></form>`)).toEqual([{ kind: 'other', roles: {} }]);
  });
});

describe('hard cases', () => {
  it('step one of a username-first login is a login with only a username', () => {
    const [form] = detect(`<form><h1>Sign in</h1><input id=u type=email autocomplete=username><button id=n>Next</button></form>`);
    expect(form).toEqual({ kind: 'login', roles: { '#u': 'username', '#n': 'submit' } });
  });

  it('step two of a username-first login is a login with only a password; the hidden identifier is not reported', () => {
    const [form] = detect(`<form><p>alice@example.com</p><input type=text name=identifier autocomplete=username style="display:none"><input id=p type=password><button id=s>Sign in</button></form>`);
    expect(form).toEqual({ kind: 'login', roles: { '#p': 'current-password', '#s': 'submit' } });
  });

  it('groups inputs with no <form> by the container holding their action button', () => {
    const forms = detect(`<div class=header><input id=q placeholder="Search"><button>Search</button></div><div class=card><div><div>Email</div><input id=u type=email></div><div><div>Password</div><input id=p type=password><button type=button aria-label="Show password">👁</button></div><button id=go type=button>Log in</button></div>`);
    expect(forms).toEqual([
      { kind: 'search', roles: { 'body > div:nth-of-type(1) > button:nth-of-type(1)': 'submit' } },
      { kind: 'login', roles: { '#u': 'username', '#p': 'current-password', '#go': 'submit' } },
    ]);
  });

  it('never reports honeypot or invisible fields', () => {
    const [form] = detect(`<form><input id=u type=email aria-label=Email><div style="position:absolute;left:-10000px" aria-hidden=true><input name=website tabindex=-1></div><input type=password name=trap style="display:none"><input name=hp_field class=honeypot><input id=p type=password aria-label=Password><button id=s>Sign in</button></form>`);
    expect(form).toEqual({ kind: 'login', roles: { '#u': 'username', '#p': 'current-password', '#s': 'submit' } });
  });

  it('finds fields in open shadow roots and names them through the host', () => {
    const doc = page(`<x-login id=w></x-login>`);
    const root = doc.getElementById('w')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<form><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button id=s>Sign in</button></form>`;
    expect(summary(detectForms(doc))).toEqual([{ kind: 'login', roles: { '#w >>> #u': 'username', '#w >>> #p': 'current-password', '#w >>> #s': 'submit' } }]);
  });

  it('finds fields in closed shadow roots only through the accessor it is given', () => {
    const doc = page(`<x-login id=w></x-login>`);
    const host = doc.getElementById('w')!;
    const closed = host.attachShadow({ mode: 'closed' });
    closed.innerHTML = `<form><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button id=s>Sign in</button></form>`;
    expect(detectForms(doc)).toHaveLength(0);
    const forms = detectForms(doc, { openOrClosedShadowRoot: (el) => (el === host ? closed : null) });
    expect(forms.map((f) => f.kind)).toEqual(['login']);
  });

  it('does not count a sign-in inside a closed <dialog>, and does once it is open', () => {
    const body = (open: string) => `<dialog ${open}><form method=dialog><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button>Sign in</button></form></dialog>`;
    expect(detect(body(''))).toEqual([]);
    expect(detect(body('open'))[0]?.kind).toBe('login');
  });

  it('associates fields through the form attribute', () => {
    const [form] = detect(`<form id=f><button id=s>Sign in</button></form><input form=f id=u type=email aria-label=Email><input form=f id=p type=password aria-label=Password>`);
    expect(form).toEqual({ kind: 'login', roles: { '#u': 'username', '#p': 'current-password', '#s': 'submit' } });
  });

  it('reads French labels and buttons', () => {
    const [form] = detect(`<form><h1>Créer un compte</h1><label for=e>Adresse e-mail</label><input id=e type=email><label for=p>Mot de passe</label><input id=p type=password><label for=c>Confirmer le mot de passe</label><input id=c type=password><button id=b>S'inscrire</button></form>`, 'fr');
    expect(form).toEqual({ kind: 'sign-up', roles: { '#e': 'username', '#p': 'new-password', '#c': 'confirm-password', '#b': 'submit' } });
  });

  it('reads Japanese labels, placeholders and nearby text', () => {
    const [form] = detect(`<form><table><tr><td>お客様番号</td><td><input id=u name=kno></td></tr><tr><td>パスワード</td><td><input id=p type=password></td></tr></table><input type=image id=b alt="ログイン"></form>`, 'ja');
    expect(form).toEqual({ kind: 'login', roles: { '#u': 'username', '#p': 'current-password', '#b': 'submit' } });
  });

  it('prefers the form action button over a third-party sign-in button', () => {
    const [form] = detect(`<form><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button id=g type=button>Sign in with Google</button><button id=s>Sign in</button></form>`);
    expect(form?.roles['#s']).toBe('submit');
    expect(form?.roles['#g']).toBeUndefined();
  });

  it('treats a new e-mail confirmed by the current password as a settings change, not a sign-in', () => {
    const [form] = detect(`<form><label for=n>New email</label><input id=n type=email><label for=p>Confirm with your password</label><input id=p type=password autocomplete=current-password><button>Update email</button></form>`);
    expect(form?.kind).toBe('other');
  });

  it('finds forms under any root: a document, an element, a shadow root', () => {
    const doc = page(`<section id=s><form><input type=password aria-label=Password><button>Log in</button></form></section><form><input type=search></form>`);
    expect(detectForms(doc.getElementById('s')!).map((f) => f.kind)).toEqual(['login']);
  });
});
