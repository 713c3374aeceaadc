import { describe, expect, it } from 'vitest';
import { FormIndex, detectForms } from '../../../lib/detect';
import { page, summary } from './dom';

const LOGIN = `<form id=f><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button id=s>Sign in</button></form>`;

describe('FormIndex', () => {
  it('picks up a form inserted after the first scan', () => {
    const doc = page(`<main id=app></main>`);
    const index = new FormIndex(doc);
    expect(index.scan()).toEqual([]);
    const app = doc.getElementById('app')!;
    app.innerHTML = LOGIN;
    expect(index.update([app.firstElementChild!])).toBe(true);
    expect(summary(index.forms())).toEqual(summary(detectForms(doc)));
    expect(index.forms()[0]?.kind).toBe('login');
  });

  it('re-classifies only the group that changed and keeps the others as they were', () => {
    const doc = page(`${LOGIN}<form id=g><input type=search name=q><button>Search</button></form>`);
    const index = new FormIndex(doc);
    const [, searchBefore] = index.scan();
    const extra = doc.createElement('input');
    extra.setAttribute('type', 'password');
    extra.setAttribute('aria-label', 'Confirm password');
    doc.getElementById('f')!.appendChild(extra);
    index.update([extra]);
    const after = index.forms();
    expect(after.find((f) => f.handle === '#g')).toBe(searchBefore);
    expect(after.find((f) => f.handle === '#f')?.kind).not.toBe('login');
  });

  it('follows a two-step sign-in: the password row is revealed by a style change', () => {
    const doc = page(`<form id=f><div id=one><input id=u type=email autocomplete=username><button type=button id=n>Next</button></div><div id=two style="display:none"><input id=p type=password><button id=s>Sign in</button></div></form>`);
    const index = new FormIndex(doc);
    expect(summary(index.scan())).toEqual([{ kind: 'login', roles: { '#u': 'username', '#n': 'submit' } }]);
    doc.getElementById('one')!.setAttribute('style', 'display:none');
    doc.getElementById('two')!.setAttribute('style', '');
    index.update([doc.getElementById('one')!, doc.getElementById('two')!]);
    expect(summary(index.forms())).toEqual([{ kind: 'login', roles: { '#p': 'current-password', '#s': 'submit' } }]);
  });

  it('drops a form that was removed from the page', () => {
    const doc = page(`<div id=wrap>${LOGIN}</div>`);
    const index = new FormIndex(doc);
    expect(index.scan()).toHaveLength(1);
    const wrap = doc.getElementById('wrap')!;
    wrap.removeChild(doc.getElementById('f')!);
    index.update([wrap]);
    expect(index.forms()).toEqual([]);
  });

  it('reports shadow roots it finds so the watcher can observe them', () => {
    const doc = page(`<x-a id=a></x-a>`);
    doc.getElementById('a')!.attachShadow({ mode: 'open' }).innerHTML = LOGIN;
    const index = new FormIndex(doc);
    index.scan();
    expect(index.takeNewShadowRoots()).toHaveLength(1);
    expect(index.takeNewShadowRoots()).toHaveLength(0);
  });
});
