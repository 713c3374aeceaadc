/**
 * Words that name what a field or a form is for, in English, French and Japanese. Matched against
 * normalised text (lower case, camelCase and separators split into spaces). Latin words match at word
 * boundaries so `pass` does not hit `passport`; Japanese has no word boundaries and matches anywhere.
 */
export type Concept =
  | 'login'
  | 'signup'
  | 'changePassword'
  | 'currentPassword'
  | 'newPassword'
  | 'confirm'
  | 'password'
  | 'username'
  | 'email'
  | 'otp'
  | 'cardNumber'
  | 'cardExpiry'
  | 'cardCsc'
  | 'cardHolder'
  | 'pay'
  | 'search'
  | 'newsletter'
  | 'next'
  | 'personal'
  | 'honeypot'
  | 'notSubmit'
  | 'thirdParty'
  | 'passwordRule'
  | 'newIdentifier';

const WORDS: Record<Concept, { latin: string[]; cjk?: string[] }> = {
  login: {
    latin: ['sign in', 'signin', 'sign on', 'log in', 'login', 'logon', 'log on', 'se connecter', 'connexion', 'connectez vous', 'identifiez vous', "s'identifier", 'me connecter'],
    cjk: ['ログイン', 'サインイン', 'ログオン'],
  },
  signup: {
    latin: ['sign up', 'signup', 'register', 'registration', 'create account', 'create an account', 'create your account', 'create my account', 'join now', 'join us', 'get started', 'new account', 'new customer', 'new customers', 'enroll', 'nouveau client', 'nouveaux clients', "s'inscrire", 'inscription', 'inscrivez vous', 'créer un compte', 'créer mon compte', 'créer votre compte', 'nouveau compte', 'ouvrir un compte'],
    cjk: ['新規登録', '会員登録', 'アカウント作成', 'アカウントを作成', 'アカウント登録', 'ユーザー登録', '登録する', '新規会員', '新規のお客様', 'はじめての方'],
  },
  changePassword: {
    latin: ['change password', 'change your password', 'change my password', 'update password', 'update your password', 'reset password', 'reset your password', 'set new password', 'choose a new password', 'password change', 'password reset', 'modifier le mot de passe', 'modifier votre mot de passe', 'modifier mon mot de passe', 'changer le mot de passe', 'changer votre mot de passe', 'changer de mot de passe', 'réinitialiser le mot de passe', 'réinitialiser votre mot de passe', 'réinitialisation du mot de passe', 'nouveau mot de passe', 'mettre à jour le mot de passe'],
    cjk: ['パスワード変更', 'パスワードを変更', 'パスワードの変更', 'パスワード再設定', 'パスワードの再設定', 'パスワードを再設定', 'パスワードをリセット', 'パスワードのリセット', '新しいパスワード'],
  },
  currentPassword: {
    latin: ['current password', 'current pass', 'old password', 'existing password', 'present password', 'current pwd', 'old pwd', 'oldpassword', 'currentpassword', 'mot de passe actuel', 'ancien mot de passe', 'mdp actuel'],
    cjk: ['現在のパスワード', '旧パスワード', '今のパスワード', '現在パスワード'],
  },
  newPassword: {
    latin: ['new password', 'new pass', 'new pwd', 'newpassword', 'choose password', 'choose a password', 'create password', 'create a password', 'nouveau mot de passe', 'choisissez un mot de passe', 'créez un mot de passe'],
    cjk: ['新しいパスワード', '新パスワード', 'パスワードを作成', 'パスワードを設定'],
  },
  confirm: {
    latin: ['confirm', 'confirmation', 'repeat', 'retype', 're type', 're enter', 'reenter', 'again', 'verify password', 'password2', 'pass2', 'pwd2', 'confirmer', 'confirmez', 'répéter', 'répétez', 'ressaisir', 'ressaisissez', 'retaper', 'vérification du mot de passe'],
    cjk: ['確認', 'もう一度', '再入力', '再度'],
  },
  password: {
    latin: ['password', 'passwd', 'passphrase', 'pwd', 'pass', 'pw', 'mot de passe', 'mdp', 'passe'],
    cjk: ['パスワード', '暗証番号'],
  },
  username: {
    latin: ['username', 'user name', 'user id', 'userid', 'user', 'login', 'login id', 'account', 'account name', 'identifier', 'nickname', 'handle', 'member id', 'id', 'identifiant', "nom d'utilisateur", 'utilisateur', 'pseudo', 'email or phone', 'phone or email'],
    cjk: ['ユーザー名', 'ユーザ名', 'ユーザーid', 'ログインid', 'ログイン名', 'アカウント名', '会員id', 'ニックネーム'],
  },
  email: {
    latin: ['email', 'e mail', 'mail', 'courriel', 'adresse e mail', 'adresse email', 'adresse électronique'],
    cjk: ['メールアドレス', 'メール', 'eメール'],
  },
  otp: {
    latin: ['otp', 'one time', 'one time code', 'onetimecode', 'verification code', 'verify code', 'code verification', 'authentication code', 'auth code', 'security code sent', 'sms code', 'totp', '2fa', 'two factor', 'two step', 'mfa', 'passcode', 'digit code', '6 digit', 'enter the code', 'enter code', 'code we sent', 'code sent', 'code de vérification', 'code de confirmation', 'code à usage unique', "code d'authentification", 'code reçu', 'code à 6 chiffres', 'saisissez le code', 'entrez le code', 'vérification en deux étapes', 'double authentification', 'code sms', 'sms', 'verificationcode', 'otpcode', 'login code', 'sign in code', 'temporary code', 'temporary login code', 'magic code', 'code de connexion', 'code temporaire'],
    cjk: ['確認コード', '認証コード', 'ワンタイム', '二段階認証', '2段階認証', '認証番号', '確認番号', 'コードを入力', 'ログインコード'],
  },
  cardNumber: {
    latin: ['card number', 'cardnumber', 'card no', 'card num', 'cc number', 'ccnumber', 'cc num', 'ccnum', 'credit card', 'debit card', 'pan', 'numéro de carte', 'n° de carte', 'numero de carte', 'carte bancaire', 'carte de crédit'],
    cjk: ['カード番号', 'クレジットカード番号'],
  },
  cardExpiry: {
    latin: ['expiry', 'expiration', 'expires', 'exp date', 'exp', 'expdate', 'exp month', 'exp year', 'cc exp', 'mm yy', 'mm aa', 'valid thru', 'valid until', "date d'expiration", "date d'exp", 'expire', 'validité', 'fin de validité'],
    cjk: ['有効期限', '有効期間'],
  },
  cardCsc: {
    latin: ['cvc', 'cvv', 'cvv2', 'cvc2', 'csc', 'cid', 'card code', 'card security code', 'security code', 'card verification', 'cryptogramme', 'code de sécurité', 'code cvv', 'code cvc'],
    cjk: ['セキュリティコード', 'セキュリティーコード'],
  },
  cardHolder: {
    latin: ['name on card', 'card holder', 'cardholder', 'card name', 'holder name', 'cc name', 'ccname', 'nameoncard', 'titulaire', 'nom du titulaire', 'nom sur la carte', 'titulaire de la carte'],
    cjk: ['カード名義', '名義人', 'カード名義人', '名義'],
  },
  pay: {
    latin: ['pay', 'pay now', 'payment', 'checkout', 'check out', 'place order', 'complete order', 'complete purchase', 'buy now', 'purchase', 'billing', 'payer', 'paiement', 'régler', 'commander', 'valider la commande', 'passer la commande', 'confirmer le paiement'],
    cjk: ['支払', 'お支払い', '決済', '購入', '注文を確定', '注文する', 'ご注文'],
  },
  search: {
    latin: ['search', 'find', 'query', 'lookup', 'rechercher', 'recherche', 'recherchez', 'chercher', 'cherchez', 'trouver'],
    cjk: ['検索', 'さがす', '探す', 'サーチ'],
  },
  newsletter: {
    latin: ['newsletter', 'newsletters', 'subscribe', 'subscription', 'mailing list', 'sign up for updates', 'get updates', 'stay in the loop', 'stay updated', 'weekly digest', "s'abonner", 'abonnez vous', 'abonnement', 'lettre d information', "lettre d'information", 'infolettre', 'restez informé', 'recevez nos actualités', 'inscrivez vous à la newsletter', 'je m abonne', "je m'abonne"],
    cjk: ['ニュースレター', 'メールマガジン', 'メルマガ', '購読', '配信登録', 'お知らせを受け取る'],
  },
  next: {
    latin: ['next', 'continue', 'proceed', 'suivant', 'continuer', 'poursuivre'],
    cjk: ['次へ', '続ける', '続行', '進む'],
  },
  personal: {
    latin: ['first name', 'firstname', 'last name', 'lastname', 'full name', 'fullname', 'given name', 'family name', 'surname', 'phone', 'mobile', 'telephone', 'birthday', 'birth date', 'date of birth', 'dob', 'address', 'city', 'zip', 'postal', 'country', 'company', 'prénom', 'nom', 'nom complet', 'téléphone', 'portable', 'date de naissance', 'adresse', 'ville', 'code postal', 'pays', 'société'],
    cjk: ['氏名', '名前', 'お名前', '姓', '名', 'フリガナ', 'ふりがな', '電話番号', '携帯', '生年月日', '誕生日', '住所', '郵便番号', '都道府県', '会社名'],
  },
  honeypot: {
    latin: ['honeypot', 'honey pot', 'hpot', 'leave this empty', 'leave blank', 'do not fill', "don't fill", 'dont fill', 'bot field', 'bot check', 'ne pas remplir', 'laisser vide', 'not for humans', 'spam trap', 'antispam', 'anti spam'],
    cjk: ['入力しないで', '空欄のまま'],
  },
  notSubmit: {
    latin: ['cancel', 'back', 'previous', 'forgot', 'forgotten', 'show', 'hide', 'reveal', 'toggle', 'clear', 'reset form', 'close', 'annuler', 'retour', 'précédent', 'oublié', 'afficher', 'masquer', 'effacer', 'fermer'],
    cjk: ['キャンセル', '戻る', '忘れ', '表示', '非表示', '閉じる', 'クリア'],
  },
  passwordRule: {
    latin: ['at least', 'minimum', 'characters minimum', 'min characters', 'or more characters', 'must contain', 'caractères minimum', 'au moins', 'minimum de', 'doit contenir'],
    cjk: ['文字以上', '以上の英数字', '英数字を含む'],
  },
  newIdentifier: {
    latin: ['new email', 'new e mail', 'new email address', 'new username', 'new login', 'nouvel e mail', 'nouvelle adresse', 'nouvelle adresse e mail', 'nouvel identifiant', 'nouveau courriel'],
    cjk: ['新しいメールアドレス', '新しいユーザー名', '変更後のメールアドレス'],
  },
  thirdParty: {
    latin: ['google', 'apple', 'facebook', 'github', 'microsoft', 'twitter', 'linkedin', 'line', 'yahoo', 'sso', 'passkey', 'magic link', 'with a code instead'],
    cjk: ['でログイン', 'で続ける', 'でサインイン'],
  },
};

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(concept: Concept): RegExp {
  const { latin, cjk = [] } = WORDS[concept];
  const latinAlt = latin.map((w) => escapeRegExp(normalizeText(w))).join('|');
  const cjkAlt = cjk.map((w) => escapeRegExp(w.toLowerCase())).join('|');
  // Latin words need a boundary on both sides; \p{L}\p{N} so accented letters count as letters.
  const parts = [`(?:^|[^\\p{L}\\p{N}])(?:${latinAlt})(?=$|[^\\p{L}\\p{N}])`];
  if (cjkAlt) parts.push(`(?:${cjkAlt})`);
  return new RegExp(parts.join('|'), 'u');
}

const compiled = new Map<Concept, RegExp>();

/** True when normalised `text` names the concept. */
export function mentions(text: string, concept: Concept): boolean {
  if (!text) return false;
  let re = compiled.get(concept);
  if (!re) {
    re = compile(concept);
    compiled.set(concept, re);
  }
  return re.test(text);
}

/**
 * Lower case, camelCase split (`userName` → `user name`), separators and punctuation turned into
 * single spaces. Apostrophes are kept so French elisions (`s'inscrire`) match as written.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\s_\-.:;,/\\|()[\]{}<>"*#+=!?@&%$~`^…·・：]+/gu, ' ')
    .trim();
}
