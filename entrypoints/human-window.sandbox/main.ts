import { readHoldingPageText } from '../../lib/oauth/holding-page';

// Sandboxed (no extension API): shows what waits for the human's decision in Airlock's toolbar. The
// text comes from the worker, through this page's URL; it is set as text, never as markup.
const text = readHoldingPageText(location.hash);
const app = document.getElementById('app')!;
const element = (tag: string, content: string, attributes: Record<string, string> = {}) => {
  const node = document.createElement(tag);
  node.textContent = content;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};
const main = document.createElement('main');
main.className = 'consent';
main.append(element('h1', text?.title ?? 'Airlock'));
if (text) {
  document.title = text.title;
  main.append(element('p', text.body, { 'data-testid': 'hold-body' }));
  const list = document.createElement('dl');
  const rows: Array<[string, string, string]> = [
    [text.labels.site, text.site, 'relying-party'],
    [text.labels.provider, text.provider, 'provider'],
    [text.labels.agent, text.agent, 'agent'],
    [text.labels.scopes, text.scopes, 'scopes'],
  ];
  for (const [label, value, testId] of rows) list.append(element('dt', label), element('dd', value, { 'data-testid': testId }));
  main.append(list);
}
app.append(main);
