// The network set-up page's words (/network: sites, staff, invitations) in English and French.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const en = {
  title: "Network set-up",
  lead: html`Here you set up the network: the <strong>sites</strong> (clinics) where therapists work, and the
    <strong>staff accounts</strong>. Each therapist's site is their stratum when therapists are randomised to
    a study's arms, so set it before you randomise.`,
  roles: {
    therapist: "Therapist",
    researcher: "Researcher",
    coder: "Coder (observer ratings)",
    coordinator: "Coordinator",
  } as Record<string, string>,
  find: {
    label: "Staff",
    search: "Find staff",
    hint: "code, name or e-mail",
    role: "Role",
    everyRole: "Every role",
    site: "Site",
    everySite: "Every site",
    access: "Access",
    anyAccess: "Enabled or disabled",
    disabledOnly: "Disabled only",
    enabledOnly: "Enabled only",
    code: "Code",
    name: "Name",
    roleThenCode: "Role, then code",
  },
  noSite: "No site",
  sitesH: "Sites",
  sitesCaption: "Sites of the network",
  siteCols: ["Site", "Therapists"],
  noSites: "No sites yet. Add the first one below.",
  siteNotAdded: "The site was not added.",
  newSite: "New site's name",
  addSite: "Add site",
  typeSite: "Type the site's name (for example the clinic's name).",
  siteExists: (name: string) => `There is already a site called "${name}".`,
  siteAdded: (name: string) => `Site "${name}" added.`,
  staffH: "Staff",
  staffLead:
    'Everyone appears by their pseudonymous code in study lists and data. Change a therapist\'s site with the menu and "Save site".',
  rowFailed: "That did not work.",
  staffCols: ["Code", "Name", "Role", "Site", "Invitation", "Access"],
  siteOf: (code: string) => `Site of ${code}`,
  saveSite: "Save site",
  ofCode: (code: string) => ` of ${code}`,
  newLink: "New invitation link",
  forCode: (code: string) => ` for ${code}`,
  you: "you",
  enable: "Enable",
  disable: "Disable",
  disabled: "disabled",
  movedTo: (code: string, site: string) => `${code} now works at ${site}.`,
  noSiteLower: "no site",
  nowDisabled: (code: string) => `${code} is disabled and signed out.`,
  nowEnabled: (code: string) => `${code} can sign in again.`,
  inviteH: "Invite a staff member",
  inviteLead:
    "Creates the account and an invitation link. You send the link; the person sets their own password with it.",
  noAccount: "No account was created.",
  name: "Name",
  email: "Email (they sign in with it)",
  code: "Code (pseudonymous, shown in study data, e.g. T07)",
  role: "Role",
  site: "Site",
  create: "Create account and invitation link",
  missing: { name: "the name", email: "the email address", code: "the code" } as Record<string, string>,
  fillIn: (fields: string) => `Please fill in ${fields}.`,
  created: (code: string) => `Account ${code} created.`,
  ready: "The invitation link is ready to copy.",
  readyFor: (code: string) => `New invitation link for ${code} is ready to copy.`,
  linkH: (again: boolean, name: string, code: string) =>
    `${again ? "New invitation link" : "Invitation link"} for ${name} (${code})`,
  emailed: (email: TemplateResult) =>
    html`E-mailed to ${email} (queued; the Messages page shows its delivery). The link is below too, in case
    the e-mail does not arrive.`,
  linkLabel: "Invitation link",
  sendIt: (sent: boolean, email: TemplateResult, expires: TemplateResult) =>
    html`${sent ? "Or send this link" : "Send this link"} to ${email} yourself (e-mail or message). With it
      they choose their own password; you never see it. The link works <strong>once</strong> and expires on
      ${expires}. It is shown only now: if it gets lost or expires, use "New invitation link" in the staff
      table.`,
};

export type NetworkText = typeof en;

const fr: NetworkText = {
  title: "Configuration du réseau",
  lead: html`Ici, vous configurez le réseau : les <strong>sites</strong> (cliniques) où travaillent les
    thérapeutes, et les <strong>comptes du personnel</strong>. Le site d'un thérapeute est sa strate quand les
    thérapeutes sont répartis au hasard entre les bras d'une étude : renseignez-le avant le tirage au sort.`,
  roles: {
    therapist: "Thérapeute",
    researcher: "Chercheur",
    coder: "Codeur (évaluations d'observateur)",
    coordinator: "Coordinateur",
  },
  find: {
    label: "Personnel",
    search: "Trouver un membre du personnel",
    hint: "code, nom ou e-mail",
    role: "Rôle",
    everyRole: "Tous les rôles",
    site: "Site",
    everySite: "Tous les sites",
    access: "Accès",
    anyAccess: "Actifs ou désactivés",
    disabledOnly: "Désactivés seulement",
    enabledOnly: "Actifs seulement",
    code: "Code",
    name: "Nom",
    roleThenCode: "Rôle, puis code",
  },
  noSite: "Aucun site",
  sitesH: "Sites",
  sitesCaption: "Sites du réseau",
  siteCols: ["Site", "Thérapeutes"],
  noSites: "Aucun site pour l'instant. Ajoutez le premier ci-dessous.",
  siteNotAdded: "Le site n'a pas été ajouté.",
  newSite: "Nom du nouveau site",
  addSite: "Ajouter le site",
  typeSite: "Saisissez le nom du site (par exemple celui de la clinique).",
  siteExists: (name) => `Il existe déjà un site nommé « ${name} ».`,
  siteAdded: (name) => `Site « ${name} » ajouté.`,
  staffH: "Personnel",
  staffLead:
    "Chacun apparaît par son code pseudonyme dans les listes et les données des études. Changez le site d'un thérapeute avec le menu et « Enregistrer le site ».",
  rowFailed: "Cela n'a pas fonctionné.",
  staffCols: ["Code", "Nom", "Rôle", "Site", "Invitation", "Accès"],
  siteOf: (code) => `Site de ${code}`,
  saveSite: "Enregistrer le site",
  ofCode: (code) => ` de ${code}`,
  newLink: "Nouveau lien d'invitation",
  forCode: (code) => ` pour ${code}`,
  you: "vous",
  enable: "Réactiver",
  disable: "Désactiver",
  disabled: "désactivé",
  movedTo: (code, site) => `${code} travaille désormais à ${site}.`,
  noSiteLower: "aucun site",
  nowDisabled: (code) => `${code} est désactivé et déconnecté.`,
  nowEnabled: (code) => `${code} peut de nouveau se connecter.`,
  inviteH: "Inviter un membre du personnel",
  inviteLead:
    "Crée le compte et un lien d'invitation. Vous envoyez le lien ; la personne choisit elle-même son mot de passe avec.",
  noAccount: "Aucun compte n'a été créé.",
  name: "Nom",
  email: "Adresse e-mail (pour se connecter)",
  code: "Code (pseudonyme, visible dans les données d'étude, p. ex. T07)",
  role: "Rôle",
  site: "Site",
  create: "Créer le compte et le lien d'invitation",
  missing: { name: "le nom", email: "l'adresse e-mail", code: "le code" },
  fillIn: (fields) => `Veuillez renseigner ${fields}.`,
  created: (code) => `Compte ${code} créé.`,
  ready: "Le lien d'invitation est prêt à copier.",
  readyFor: (code) => `Le nouveau lien d'invitation de ${code} est prêt à copier.`,
  linkH: (again, name, code) =>
    `${again ? "Nouveau lien d'invitation" : "Lien d'invitation"} pour ${name} (${code})`,
  emailed: (email) =>
    html`Envoyé par e-mail à ${email} (en file d'attente ; la page Messages montre sa remise). Le lien figure
    aussi ci-dessous, au cas où l'e-mail n'arriverait pas.`,
  linkLabel: "Lien d'invitation",
  sendIt: (sent, email, expires) =>
    html`${sent ? "Ou envoyez vous-même ce lien" : "Envoyez vous-même ce lien"} à ${email} (e-mail ou
      message). Avec lui, la personne choisit son propre mot de passe ; vous ne le voyez jamais. Le lien ne
      fonctionne <strong>qu'une fois</strong> et expire le ${expires}. Il n'est affiché que maintenant : s'il
      se perd ou expire, utilisez « Nouveau lien d'invitation » dans le tableau du personnel.`,
};

/**
 * The network set-up page's words in `lang`.
 *
 * @example
 * networkText("fr").addSite; // "Ajouter le site"
 */
export function networkText(lang: Lang): NetworkText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const NETWORK_EN = en;
export const NETWORK_FR = fr;
