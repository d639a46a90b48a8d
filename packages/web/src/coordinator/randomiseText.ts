// The words of the study page's randomisation section (randomise.ts) and of the block-size check
// (checks.ts) in English and French.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const s = (n: number) => (n === 1 ? "" : "s");

const en = {
  heading: "Randomisation of therapists",
  how: "Therapists (not patients) are randomised: each therapist's patients get the therapist's arm. Within each site, therapists are put in blocks; every block holds each arm equally often in a random order, so the arms stay balanced at every site.",
  concealment: html`<strong>Concealment:</strong> the random seed is drawn by the server at the moment you
    press the button, so no one can know or choose an allocation in advance. The seed, block size, who and
    when are recorded, so anyone can re-run the allocation from the seed and check it. It cannot be undone.`,
  waiting: (n: number, list: string): TemplateResult =>
    html`Waiting to be randomised: <strong>${n}</strong> therapist${s(n)} (${list}).`,
  noSite: "no site",
  notMade: "No randomisation was made.",
  blockSize: (arms: number) => `Block size (a multiple of the ${arms} arms)`,
  now: "Randomise now",
  allDone: "Every therapist of the network is allocated in this study.",
  noTherapists: (invite: TemplateResult): TemplateResult =>
    html`The network has no therapists yet: ${invite} first.`,
  invite: "invite them",
  made: "Randomisations made",
  none: "No randomisation yet.",
  confirmQ: (n: number, block: number) => `Randomise ${n} therapist${s(n)} in blocks of ${block}?`,
  confirmWhy:
    "Each of them gets an arm now, and their patients with them. This cannot be undone or repeated for these therapists.",
  yes: "Yes, randomise",
  cancel: "Cancel",
  cancelled: "Nothing was randomised.",
  done: "Randomisation done. The allocation is shown below.",
  // One randomisation.
  of: (at: string) => `Randomisation of ${at}`,
  reproduced: "Reproduced from the seed:",
  yesNo: (ok: boolean): string => (ok ? "yes" : "NO"),
  reproducedYes:
    " — the server re-ran the allocation from the recorded seed and input and got exactly the stored one.",
  reproducedNo: " — re-running it from the recorded seed gives a different allocation than the one stored.",
  facts: { by: "Made by", when: "When", seed: "Seed", block: "Block size", algorithm: "Algorithm" },
  noSiteGroup: "Therapists without a site",
  site: (name: string) => `Site ${name}`,
  cols: ["Therapist", "Arm", "Block", "Place in block"],
  // The block-size check.
  wholeNumber: (arms: number, e: string) => `Type a whole number: a multiple of the ${arms} arms, e.g. ${e}.`,
  range: (n: number) => `The block size must be between 2 and 24 (you typed ${n}).`,
  multiple: (arms: number, e: string, n: number) =>
    `The block size must be a multiple of the number of arms (${arms}), so that every block holds each arm equally often: e.g. ${e}. You typed ${n}.`,
};

export type RandomiseText = typeof en;

const fr: RandomiseText = {
  heading: "Répartition des thérapeutes au hasard",
  how: "Ce sont les thérapeutes (pas les patients) qui sont répartis au hasard : les patients d'un thérapeute reçoivent son bras. Dans chaque site, les thérapeutes sont mis en blocs ; chaque bloc contient chaque bras aussi souvent, dans un ordre aléatoire, pour que les bras restent équilibrés dans chaque site.",
  concealment: html`<strong>Assignation secrète :</strong> la graine aléatoire est tirée par le serveur au
    moment où vous appuyez sur le bouton, si bien que personne ne peut connaître ni choisir une allocation à
    l'avance. La graine, la taille des blocs, qui et quand sont enregistrés : chacun peut refaire l'allocation
    à partir de la graine et la vérifier. Elle est irréversible.`,
  waiting: (n, list) => html`En attente de répartition : <strong>${n}</strong> thérapeute${s(n)} (${list}).`,
  noSite: "aucun site",
  notMade: "Aucune répartition n'a été faite.",
  blockSize: (arms) => `Taille des blocs (un multiple des ${arms} bras)`,
  now: "Répartir maintenant",
  allDone: "Chaque thérapeute du réseau est alloué dans cette étude.",
  noTherapists: (invite) => html`Le réseau n'a pas encore de thérapeutes : ${invite} d'abord.`,
  invite: "invitez-les",
  made: "Répartitions faites",
  none: "Aucune répartition pour l'instant.",
  confirmQ: (n, block) =>
    n === 1
      ? `Répartir un thérapeute en blocs de ${block} ?`
      : `Répartir ${n} thérapeutes en blocs de ${block} ?`,
  confirmWhy:
    "Chacun reçoit un bras maintenant, et ses patients avec lui. C'est irréversible et ne peut pas être refait pour ces thérapeutes.",
  yes: "Oui, répartir",
  cancel: "Annuler",
  cancelled: "Rien n'a été réparti.",
  done: "Répartition faite. L'allocation est affichée ci-dessous.",
  of: (at) => `Répartition du ${at}`,
  reproduced: "Refaite à partir de la graine\u00a0:",
  yesNo: (ok) => (ok ? "oui" : "NON"),
  reproducedYes:
    " — le serveur a refait l'allocation à partir de la graine et des données enregistrées et a obtenu exactement celle qui est stockée.",
  reproducedNo:
    " — refaite à partir de la graine enregistrée, l'allocation diffère de celle qui est stockée.",
  facts: {
    by: "Faite par",
    when: "Quand",
    seed: "Graine",
    block: "Taille des blocs",
    algorithm: "Algorithme",
  },
  noSiteGroup: "Thérapeutes sans site",
  site: (name) => `Site ${name}`,
  cols: ["Thérapeute", "Bras", "Bloc", "Place dans le bloc"],
  wholeNumber: (arms, e) => `Tapez un nombre entier : un multiple des ${arms} bras, par ex. ${e}.`,
  range: (n) => `La taille des blocs doit être entre 2 et 24 (vous avez tapé ${n}).`,
  multiple: (arms, e, n) =>
    `La taille des blocs doit être un multiple du nombre de bras (${arms}), pour que chaque bloc contienne chaque bras aussi souvent : par ex. ${e}. Vous avez tapé ${n}.`,
};

/**
 * The randomisation section's words in `lang`.
 *
 * @example
 * randomiseText("fr").now; // "Répartir maintenant"
 */
export function randomiseText(lang: Lang): RandomiseText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const RANDOMISE_EN = en;
export const RANDOMISE_FR = fr;
