/**
 * Small pages in English, French and Japanese, each with one control (`#go`) the agent would
 * activate, and what the step-up guard should make of it. Written the way real account pages word
 * these things (headings, legends, button labels), not to match the rules.
 */
import type { ActionTopic } from '../../../lib/approvals/canonical-action';

export interface ActionFixture {
  name: string;
  lang: 'en' | 'fr' | 'ja';
  html: string;
  /** null: not held (a near miss). */
  expected: ActionTopic | null;
}

const section = (heading: string, form: string) => `<section><h2>${heading}</h2>${form}</section>`;
const pw = (name: string) => `<input type="password" name="${name}">`;

export const ACTION_FIXTURES: ActionFixture[] = [
  // Checkout / place order (button words only: no card field in the form).
  { name: 'place order', lang: 'en', expected: 'checkout', html: '<form action="/order" method="post"><button id="go">Place order</button></form>' },
  { name: 'passer la commande', lang: 'fr', expected: 'checkout', html: '<form action="/commande" method="post"><button id="go">Passer la commande</button></form>' },
  { name: 'valider et payer', lang: 'fr', expected: 'checkout', html: '<form method="post"><button id="go">Valider et payer 42,00 €</button></form>' },
  { name: 'commander (hors formulaire)', lang: 'fr', expected: 'checkout', html: '<div><button id="go" type="button">Commander</button></div>' },
  { name: '注文を確定する', lang: 'ja', expected: 'checkout', html: '<form method="post"><button id="go">注文を確定する</button></form>' },
  { name: '購入する', lang: 'ja', expected: 'checkout', html: '<div><button id="go" type="button">今すぐ購入する</button></div>' },

  // Password.
  { name: 'change password', lang: 'en', expected: 'change-password', html: section('Change password', `<form method="post">${pw('current')}${pw('new')}<button id="go">Save</button></form>`) },
  { name: 'changer le mot de passe', lang: 'fr', expected: 'change-password', html: section('Changer de mot de passe', `<form method="post">${pw('actuel')}${pw('nouveau')}<button id="go">Enregistrer</button></form>`) },
  { name: 'パスワードの変更', lang: 'ja', expected: 'change-password', html: section('パスワードの変更', `<form method="post">${pw('current')}${pw('new')}<button id="go">保存</button></form>`) },

  // E-mail.
  { name: 'update email', lang: 'en', expected: 'change-email', html: section('Update email address', '<form method="post"><input type="email" name="email"><button id="go">Save</button></form>') },
  { name: "modifier l'adresse e-mail", lang: 'fr', expected: 'change-email', html: section("Modifier l'adresse e-mail", '<form method="post"><input type="email" name="email"><button id="go">Enregistrer</button></form>') },
  { name: 'メールアドレスの変更', lang: 'ja', expected: 'change-email', html: section('メールアドレスの変更', '<form method="post"><input type="email" name="email"><button id="go">変更する</button></form>') },

  // Phone.
  { name: 'change phone', lang: 'en', expected: 'change-phone', html: section('Change phone number', '<form method="post"><input type="tel" name="phone"><button id="go">Update</button></form>') },
  { name: 'modifier le numéro', lang: 'fr', expected: 'change-phone', html: section('Modifier le numéro de téléphone', '<form method="post"><input type="tel" name="tel"><button id="go">Enregistrer</button></form>') },
  { name: '電話番号の変更', lang: 'ja', expected: 'change-phone', html: section('電話番号の変更', '<form method="post"><input type="tel" name="tel"><button id="go">変更する</button></form>') },

  // Two-factor.
  { name: 'two-factor', lang: 'en', expected: 'two-factor', html: section('Two-factor authentication', '<form method="post"><input name="code"><button id="go">Turn off</button></form>') },
  { name: 'double authentification', lang: 'fr', expected: 'two-factor', html: section('Double authentification', '<form method="post"><button id="go">Désactiver</button></form>') },
  { name: '2段階認証', lang: 'ja', expected: 'two-factor', html: section('2段階認証', '<form method="post"><button id="go">無効にする</button></form>') },

  // Recovery.
  { name: 'recovery codes', lang: 'en', expected: 'recovery', html: section('Recovery codes', '<form method="post"><button id="go">Generate new codes</button></form>') },
  { name: 'codes de récupération', lang: 'fr', expected: 'recovery', html: section('Codes de récupération', '<form method="post"><button id="go">Générer de nouveaux codes</button></form>') },
  { name: 'リカバリーコード', lang: 'ja', expected: 'recovery', html: section('リカバリーコード', '<form method="post"><button id="go">再生成</button></form>') },

  // API keys and tokens.
  { name: 'personal access tokens', lang: 'en', expected: 'api-key', html: section('Personal access tokens', '<form method="post"><input name="note"><button id="go">Generate token</button></form>') },
  { name: "clés d'API", lang: 'fr', expected: 'api-key', html: section("Clés d'API", '<form method="post"><input name="nom"><button id="go">Créer une clé</button></form>') },
  { name: 'jetons d’accès', lang: 'fr', expected: 'api-key', html: section('Jetons d’accès personnels', '<form method="post"><input name="nom"><button id="go">Générer</button></form>') },
  { name: 'APIキー', lang: 'ja', expected: 'api-key', html: section('APIキー', '<form method="post"><input name="name"><button id="go">発行する</button></form>') },

  // SSH keys.
  { name: 'ssh keys', lang: 'en', expected: 'ssh-key', html: section('SSH keys', '<form method="post"><textarea name="key"></textarea><button id="go">Add key</button></form>') },
  { name: 'clés SSH', lang: 'fr', expected: 'ssh-key', html: section('Clés SSH', '<form method="post"><textarea name="cle"></textarea><button id="go">Ajouter</button></form>') },
  { name: 'SSH鍵', lang: 'ja', expected: 'ssh-key', html: section('SSH鍵', '<form method="post"><textarea name="key"></textarea><button id="go">追加</button></form>') },

  // Mail forwarding.
  { name: 'forwarding address', lang: 'en', expected: 'mail-forwarding', html: section('Forwarding', '<form method="post"><label>Forwarding address <input type="email" name="to"></label><button id="go">Save</button></form>') },
  { name: 'adresse de transfert', lang: 'fr', expected: 'mail-forwarding', html: section('Transfert', '<form method="post" aria-label="Ajouter une adresse de transfert"><input type="email" name="adresse"><button id="go">Enregistrer</button></form>') },
  { name: 'transfert automatique', lang: 'fr', expected: 'mail-forwarding', html: section('Transfert automatique des e-mails', '<form method="post"><input type="email" name="vers"><button id="go">Activer</button></form>') },
  { name: 'メール転送', lang: 'ja', expected: 'mail-forwarding', html: section('メール転送', '<form method="post"><input type="email" name="to"><button id="go">保存</button></form>') },

  // Payout / bank details.
  { name: 'payout method', lang: 'en', expected: 'payout', html: section('Payout method', '<form method="post"><input name="iban"><button id="go">Save</button></form>') },
  { name: 'coordonnées bancaires', lang: 'fr', expected: 'payout', html: section('Coordonnées bancaires', '<form method="post"><input name="titulaire"><button id="go">Enregistrer</button></form>') },
  { name: '振込先口座', lang: 'ja', expected: 'payout', html: section('振込先口座', '<form method="post"><input name="bank"><button id="go">登録する</button></form>') },

  // Connected apps.
  { name: 'authorized applications', lang: 'en', expected: 'connected-apps', html: section('Authorized applications', '<form method="post"><button id="go">Revoke access</button></form>') },
  { name: 'applications connectées', lang: 'fr', expected: 'connected-apps', html: section('Applications connectées', '<form method="post"><button id="go">Révoquer l’accès</button></form>') },
  { name: '連携アプリ', lang: 'ja', expected: 'connected-apps', html: section('連携アプリ', '<form method="post"><button id="go">連携を解除</button></form>') },

  // Account deletion.
  { name: 'delete account', lang: 'en', expected: 'delete-account', html: section('Danger zone', '<form method="post"><button id="go">Delete my account</button></form>') },
  { name: 'supprimer mon compte', lang: 'fr', expected: 'delete-account', html: section('Zone de danger', '<form method="post"><button id="go">Supprimer mon compte</button></form>') },
  { name: '退会', lang: 'ja', expected: 'delete-account', html: section('退会手続き', '<form method="post"><button id="go">退会する</button></form>') },

  // Near misses: none of these is held.
  { name: 'site search', lang: 'en', expected: null, html: '<form action="/search"><input type="search" name="q"><button id="go">Search</button></form>' },
  { name: 'filter in the API keys section', lang: 'en', expected: null, html: section('API keys', '<form action="/settings/keys" method="get"><input type="search" name="q" placeholder="Filter keys"><button id="go">Filter</button></form>') },
  { name: 'newsletter', lang: 'en', expected: null, html: section('Newsletter', '<form method="post"><input type="email" name="email" placeholder="Your email"><button id="go">Subscribe</button></form>') },
  { name: 'forgot password', lang: 'en', expected: null, html: section('Reset your password', '<form method="post"><input type="email" name="email"><button id="go">Send reset link</button></form>') },
  { name: 'add to cart', lang: 'en', expected: null, html: '<form action="/cart" method="post"><input type="number" name="qty" value="1"><button id="go">Add to cart</button></form>' },
  { name: 'recherche', lang: 'fr', expected: null, html: '<form action="/recherche"><input type="search" name="q"><button id="go">Rechercher</button></form>' },
  { name: 'lettre d’information', lang: 'fr', expected: null, html: section('Lettre d’information', '<form method="post"><input type="email" name="email" placeholder="Votre adresse e-mail"><button id="go">S’abonner</button></form>') },
  { name: 'recommander à un ami', lang: 'fr', expected: null, html: '<div><button id="go" type="button">Recommander à un ami</button></div>' },
  { name: 'ajouter au panier', lang: 'fr', expected: null, html: '<form action="/panier" method="post"><button id="go">Ajouter au panier</button></form>' },
  { name: 'se connecter', lang: 'fr', expected: null, html: section('Connexion', `<form method="post"><input type="email" name="email">${pw('mdp')}<button id="go">Se connecter</button></form>`) },
  { name: 'modifier le profil', lang: 'fr', expected: null, html: section('Modifier le profil', '<form method="post"><input name="pseudo"><button id="go">Enregistrer</button></form>') },
  { name: '検索', lang: 'ja', expected: null, html: '<form action="/search"><input type="search" name="q"><button id="go">検索</button></form>' },
  { name: 'メールマガジン', lang: 'ja', expected: null, html: section('メールマガジン', '<form method="post"><input type="email" name="email"><button id="go">登録する</button></form>') },
  { name: '購入履歴を見る', lang: 'ja', expected: null, html: '<div><button id="go" type="button">購入履歴を見る</button></div>' },
  { name: 'カートに入れる', lang: 'ja', expected: null, html: '<form action="/cart" method="post"><button id="go">カートに入れる</button></form>' },
  { name: 'ログイン', lang: 'ja', expected: null, html: section('ログイン', `<form method="post"><input type="email" name="email">${pw('password')}<button id="go">ログイン</button></form>`) },
];
