import { t } from '../../lib/i18n';

/** The settings (shown in the side panel). Each later capability (vault, passkeys, policies, audit) adds its own section. */
export function Options() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
      <section aria-labelledby="agents">
        <h2 id="agents">{t('optionsAgentHeading')}</h2>
        <p>{t('optionsAgentBody')}</p>
      </section>
    </main>
  );
}
