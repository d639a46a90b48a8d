// The words of the account pages in English and French: the sign-in second step, enrolment in two-factor
// sign-in, the account page (password change, two-factor on/off) and the network's requirement.
import type { Lang } from "../i18n.ts";

const en = {
  nav: "Account",
  second: {
    title: "Two-factor sign-in",
    lead: "Type the 6-digit code your authenticator app shows for attune.",
    code: "Code",
    button: "Continue",
    useRecovery: "Use a recovery code instead",
    useCode: "Use a code from the app instead",
    recovery: "Recovery code",
    recoveryLead:
      "Type one of the recovery codes you kept when you set up two-factor sign-in. Each works once.",
    wrong: "That code is not right. Type the code the app shows now.",
    reused: "That code was already used. Wait for the next one.",
    tooMany: "Too many wrong codes. Sign in again.",
    back: "Back to sign-in",
  },
  enrol: {
    title: "Set up two-factor sign-in",
    required: "Your network requires two-factor sign-in. Set it up now to continue.",
    lead: "Scan this QR code with an authenticator app (for example FreeOTP, Aegis, Google Authenticator or 1Password), or type the key below into it.",
    qrAlt: "QR code to add attune to an authenticator app",
    key: "Key (if you cannot scan)",
    code: "Code the app shows now",
    confirm: "Turn on two-factor sign-in",
    start: "Set up two-factor sign-in",
    wrong: "That code is not right. Check the time on your phone and type the code the app shows now.",
    codesTitle: "Your recovery codes",
    codesLead:
      "Two-factor sign-in is on. Keep these codes somewhere safe (print them or store them in a password manager). Each can be used once to sign in without your phone. They are shown only now.",
    codesLabel: "Recovery codes",
    done: "I have kept my codes — continue",
  },
  account: {
    title: "Your account",
    passwordTitle: "Change your password",
    current: "Current password",
    next: "New password (at least 10 characters)",
    again: "New password again",
    change: "Change password",
    mismatch: "The two new passwords differ. Type the same one twice.",
    short: "The new password needs at least 10 characters.",
    wrongCurrent: "The current password is not right.",
    changed: (n: number) =>
      n === 0
        ? "Your password is changed."
        : `Your password is changed. ${n} other ${n === 1 ? "session was" : "sessions were"} signed out.`,
    twoFactorTitle: "Two-factor sign-in",
    on: (since: string, left: number) => `On since ${since}. ${left} recovery codes left.`,
    off: "Off. With it on, signing in needs your password and a code from an app on your phone.",
    requiredNote: "Your network requires it, so it cannot be turned off.",
    turnOff: "Turn off two-factor sign-in",
    offPassword: "Your password",
    offCode: "A code from the app (or a recovery code)",
    offWrong: "The password or the code is not right (or the code was already used).",
    turnedOff: "Two-factor sign-in is off.",
  },
  network: {
    title: "Sign-in security",
    require: "Require two-factor sign-in for all staff",
    save: "Save",
    lead: (without: number) =>
      `Staff without it are sent to set it up right after their password, and can do nothing else until they have. ${without} staff ${without === 1 ? "member has" : "members have"} not set it up yet.`,
    ownFirst: "Turn on two-factor sign-in for your own account first (Account page).",
    saved: (on: boolean): string =>
      on ? "Two-factor sign-in is now required." : "Two-factor sign-in is now optional.",
  },
};

type AccountText = typeof en;

const fr: AccountText = {
  nav: "Compte",
  second: {
    title: "Connexion en deux étapes",
    lead: "Saisissez le code à 6 chiffres que votre application d’authentification affiche pour attune.",
    code: "Code",
    button: "Continuer",
    useRecovery: "Utiliser plutôt un code de secours",
    useCode: "Utiliser plutôt un code de l’application",
    recovery: "Code de secours",
    recoveryLead:
      "Saisissez l’un des codes de secours conservés lors de l’activation. Chacun ne fonctionne qu’une fois.",
    wrong: "Ce code n’est pas correct. Saisissez le code affiché maintenant.",
    reused: "Ce code a déjà été utilisé. Attendez le suivant.",
    tooMany: "Trop de codes erronés. Reconnectez-vous.",
    back: "Retour à la connexion",
  },
  enrol: {
    title: "Activer la connexion en deux étapes",
    required: "Votre réseau exige la connexion en deux étapes. Activez-la maintenant pour continuer.",
    lead: "Scannez ce code QR avec une application d’authentification (par exemple FreeOTP, Aegis, Google Authenticator ou 1Password), ou saisissez-y la clé ci-dessous.",
    qrAlt: "Code QR pour ajouter attune à une application d’authentification",
    key: "Clé (si vous ne pouvez pas scanner)",
    code: "Code affiché maintenant par l’application",
    confirm: "Activer la connexion en deux étapes",
    start: "Activer la connexion en deux étapes",
    wrong:
      "Ce code n’est pas correct. Vérifiez l’heure de votre téléphone et saisissez le code affiché maintenant.",
    codesTitle: "Vos codes de secours",
    codesLead:
      "La connexion en deux étapes est activée. Gardez ces codes en lieu sûr (imprimez-les ou rangez-les dans un gestionnaire de mots de passe). Chacun permet une connexion sans votre téléphone, une seule fois. Ils ne sont affichés que maintenant.",
    codesLabel: "Codes de secours",
    done: "J’ai conservé mes codes — continuer",
  },
  account: {
    title: "Votre compte",
    passwordTitle: "Changer votre mot de passe",
    current: "Mot de passe actuel",
    next: "Nouveau mot de passe (10 caractères au moins)",
    again: "Nouveau mot de passe, à nouveau",
    change: "Changer le mot de passe",
    mismatch: "Les deux nouveaux mots de passe diffèrent. Saisissez deux fois le même.",
    short: "Le nouveau mot de passe doit compter au moins 10 caractères.",
    wrongCurrent: "Le mot de passe actuel n’est pas correct.",
    changed: (n: number) =>
      n === 0
        ? "Votre mot de passe est changé."
        : `Votre mot de passe est changé. ${n} autre${n === 1 ? " session a été fermée" : "s sessions ont été fermées"}.`,
    twoFactorTitle: "Connexion en deux étapes",
    on: (since: string, left: number) => `Activée depuis le ${since}. Codes de secours restants : ${left}.`,
    off: "Désactivée. Activée, la connexion demande votre mot de passe et un code d’une application de votre téléphone.",
    requiredNote: "Votre réseau l’exige : elle ne peut pas être désactivée.",
    turnOff: "Désactiver la connexion en deux étapes",
    offPassword: "Votre mot de passe",
    offCode: "Un code de l’application (ou un code de secours)",
    offWrong: "Le mot de passe ou le code n’est pas correct (ou le code a déjà été utilisé).",
    turnedOff: "La connexion en deux étapes est désactivée.",
  },
  network: {
    title: "Sécurité de la connexion",
    require: "Exiger la connexion en deux étapes pour tout le personnel",
    save: "Enregistrer",
    lead: (without: number) =>
      `Les membres qui ne l’ont pas sont envoyés l’activer juste après leur mot de passe et ne peuvent rien faire d’autre avant. ${without} ne l’${without === 1 ? "a" : "ont"} pas encore activée.`,
    ownFirst: "Activez d’abord la connexion en deux étapes pour votre propre compte (page Compte).",
    saved: (on: boolean) =>
      on
        ? "La connexion en deux étapes est désormais exigée."
        : "La connexion en deux étapes est désormais facultative.",
  },
};

/**
 * The account pages' words in a language.
 *
 * @example
 * accountText("fr").account.title; // "Votre compte"
 */
export function accountText(lang: Lang): AccountText {
  return lang === "fr" ? fr : en;
}
