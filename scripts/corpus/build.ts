/**
 * Building blocks of the generated corpus: fields, forms and pages in several markup styles, with
 * the labels recorded beside the markup as it is written (never inside it).
 */
import { VOCAB, type Lang } from './vocab';

export type Style = 'bootstrap' | 'tailwind' | 'material' | 'plain' | 'react' | 'table' | 'bulma';
export type LabelMode = 'for' | 'placeholder' | 'aria' | 'nearby' | 'none';
export type IdMode = 'semantic' | 'random' | 'none';

export interface FormLabel {
  selector: string;
  kind: string;
  fields: Record<string, string>;
}

export interface PageLabels {
  description: string;
  lang: Lang;
  hardCases: string[];
  forms: FormLabel[];
  actions?: { click: string }[];
  waitMs?: number;
  frames?: Record<string, { forms: FormLabel[] }>;
}

export class Rng {
  constructor(private seed: number) {}
  next(): number {
    // mulberry32
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  token(len = 5): string {
    let out = '';
    for (let i = 0; i < len; i++) out += 'abcdefghijkmnpqrstuvwxyz23456789'[this.int(32)];
    return out;
  }
}

export interface FieldSpec {
  /** Semantic base for ids and names ("email", "password"). */
  base: string;
  type: string;
  label: string;
  role?: string;
  autocomplete?: string;
  names?: string[];
  attrs?: string;
  /** Overrides the page's label mode for this field. */
  labelMode?: LabelMode;
  tag?: 'input' | 'select' | 'textarea';
  options?: string[];
}

export class PageBuilder {
  readonly labels: PageLabels;
  private usedIds = new Set<string>();
  private usedNames = new Set<string>();
  private css = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly lang: Lang,
    readonly style: Style,
    public labelMode: LabelMode,
    public idMode: IdMode,
    description: string,
  ) {
    this.labels = { description, lang, hardCases: [], forms: [] };
  }

  v(key: string): string {
    const words = VOCAB[this.lang][key];
    if (!words) throw new Error(`no vocab ${key}`);
    return this.rng.pick(words);
  }

  addCss(rule: string): void {
    this.css.add(rule);
  }

  hard(...cases: string[]): void {
    for (const c of cases) if (!this.labels.hardCases.includes(c)) this.labels.hardCases.push(c);
  }

  id(base: string): string | null {
    if (this.idMode === 'none') return null;
    let id = this.idMode === 'semantic' ? base : `${this.rng.pick(['f', 'i', 'x', 'fld', 'c'])}${this.rng.pick(['_', '-', ''])}${this.rng.token(4)}`;
    while (this.usedIds.has(id)) id = `${id}-${this.rng.int(90) + 10}`;
    this.usedIds.add(id);
    return id;
  }

  forceId(base: string): string {
    const saved = this.idMode;
    if (this.idMode === 'none') this.idMode = 'random';
    const id = this.id(base)!;
    this.idMode = saved;
    return id;
  }

  name(candidates: string[]): string {
    let name = this.idMode === 'random' && this.rng.chance(0.5) ? `${this.rng.pick(['f', 'field', 'in', 'v'])}${this.rng.token(3)}` : this.rng.pick(candidates);
    while (this.usedNames.has(name)) name = `${name}_${this.rng.int(90) + 10}`;
    this.usedNames.add(name);
    return name;
  }

  /** Renders one field in the page's style and returns its HTML and a selector for the labels. */
  field(spec: FieldSpec): { html: string; selector: string } {
    const mode = spec.labelMode ?? this.labelMode;
    const id = this.id(spec.base) ?? (mode === 'for' && this.style !== 'bulma' && this.style !== 'react' && this.style !== 'table' ? this.forceId(spec.base) : null);
    const name = this.name(spec.names ?? [spec.base]);
    const selector = id ? `#${id}` : `[name="${name}"]`;
    const tag = spec.tag ?? 'input';
    const classes: Record<Style, string> = {
      bootstrap: 'form-control',
      tailwind: 'mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:ring-indigo-500',
      material: 'mdc-text-field__input',
      plain: '',
      react: `css-${this.rng.token(6)}`,
      table: 'inp',
      bulma: 'input',
    };
    let attrs = `${id ? ` id="${id}"` : ''} name="${name}"`;
    if (tag === 'input') attrs = ` type="${spec.type}"${attrs}`;
    if (classes[this.style]) attrs += ` class="${classes[this.style]}"`;
    if (spec.autocomplete) attrs += ` autocomplete="${spec.autocomplete}"`;
    if (mode === 'placeholder') attrs += ` placeholder="${esc(spec.label)}"`;
    if (mode === 'aria') attrs += ` aria-label="${esc(spec.label)}"`;
    if (spec.attrs) attrs += ` ${spec.attrs}`;
    let control: string;
    if (tag === 'select') control = `<select${attrs}>${(spec.options ?? []).map((o) => `<option>${esc(o)}</option>`).join('')}</select>`;
    else if (tag === 'textarea') control = `<textarea${attrs} rows="4"></textarea>`;
    else control = `<input${attrs}>`;
    const text = esc(spec.label);
    const labelTag = (cls: string) => (mode === 'for' && id ? `<label for="${id}"${cls}>${text}</label>` : mode === 'nearby' || mode === 'for' ? `<span${cls}>${text}</span>` : '');
    let html: string;
    switch (this.style) {
      case 'bootstrap':
        html = `<div class="mb-3">${labelTag(' class="form-label"')}${control}</div>`;
        break;
      case 'tailwind':
        html = `<div class="space-y-1">${labelTag(' class="block text-sm font-medium text-gray-700"')}${control}</div>`;
        break;
      case 'material':
        html =
          mode === 'for' && id
            ? `<label class="mdc-text-field mdc-text-field--outlined"><span class="mdc-notched-outline"><span class="mdc-floating-label" id="${id}-label">${text}</span></span>${control.replace('<input', `<input aria-labelledby="${id}-label"`)}</label>`
            : `<div class="mdc-text-field mdc-text-field--filled">${labelTag(' class="mdc-floating-label"')}${control}</div>`;
        break;
      case 'plain':
        html = `<p>${labelTag('')}${mode === 'for' || mode === 'nearby' ? '<br>' : ''}${control}</p>`;
        break;
      case 'react':
        html = `<div class="css-${this.rng.token(6)}">${mode === 'for' || mode === 'nearby' ? `<div class="css-${this.rng.token(6)}">${text}</div>` : ''}<div class="css-${this.rng.token(6)}">${control}</div></div>`;
        break;
      case 'table':
        html = `<tr><td class="lbl">${mode === 'for' || mode === 'nearby' ? text : ''}</td><td>${control}</td></tr>`;
        break;
      case 'bulma':
        html = `<div class="field">${mode === 'for' || mode === 'nearby' ? `<label class="label">${text}</label>` : ''}<div class="control">${control}</div></div>`;
        break;
    }
    return { html, selector };
  }

  /** A submit control; `formless` pages use click-handled buttons, as SPAs do. */
  button(text: string, opts: { formless?: boolean; kind?: 'primary' | 'secondary'; input?: boolean } = {}): { html: string; selector: string; id: string } {
    const id = this.forceId(`btn-${this.rng.token(3)}`);
    const cls: Record<Style, string> = {
      bootstrap: opts.kind === 'secondary' ? 'btn btn-link' : 'btn btn-primary w-100',
      tailwind: 'inline-flex w-full justify-center rounded-md bg-indigo-600 px-4 py-2 text-white',
      material: 'mdc-button mdc-button--raised',
      plain: '',
      react: `css-${this.rng.token(6)}`,
      table: 'btn',
      bulma: 'button is-primary',
    };
    const type = opts.formless || opts.kind === 'secondary' ? 'button' : 'submit';
    const classAttr = cls[this.style] ? ` class="${cls[this.style]}"` : '';
    const html = opts.input
      ? `<input type="${type}" id="${id}"${classAttr} value="${esc(text)}">`
      : `<button type="${type}" id="${id}"${classAttr}>${this.style === 'material' ? `<span class="mdc-button__label">${esc(text)}</span>` : esc(text)}</button>`;
    return { html, selector: `#${id}`, id };
  }

  render(title: string, body: string, script = ''): string {
    const head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>`;
    const base = [
      'body{font-family:system-ui,sans-serif;margin:0;padding:0 16px;max-width:960px}',
      'input,select,textarea{display:block;margin:4px 0 12px;padding:6px;min-width:220px}',
      'input[type=checkbox],input[type=radio]{display:inline-block;min-width:0}',
      'header,footer{padding:12px 0;border-bottom:1px solid #ddd}',
      'footer{border-top:1px solid #ddd;border-bottom:0;margin-top:24px}',
      ...this.css,
    ];
    return `<!doctype html>\n<html lang="${this.lang}">\n<head>\n${head}\n<style>\n${base.join('\n')}\n</style>\n</head>\n<body>\n${body}\n${script ? `<script>\n${script}\n</script>\n` : ''}</body>\n</html>\n`;
  }
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
