// The words of a patient's progress report (case conferences, supervision) in English and French: one copy
// for the printable page (packages/web) and its PDF (packages/server), so both say the same. "What was done"
// about an alert is read from the alert itself: acknowledged (by whom, when, with the therapist's note),
// cleared (not on track: back inside the band), or resolved (a rupture the patient's rating recovered from).

/** The alert fields the report reads (the dashboard's alert with its acknowledgement). */
export interface ReportedAlert {
  kind: string;
  session: number;
  severity: string;
  clearedSession?: number;
  clearedDate?: string;
  acknowledged?: { at: string; by: string; byName?: string; note?: string | null };
}

// Whole points, as the patient's page writes them (0–100 scores: a decimal would claim false precision).
const fixed = (lang: "en" | "fr") =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 0, useGrouping: false });

function words(lang: "en" | "fr") {
  const f = fixed(lang);
  const fr = lang === "fr";
  const num = (v: number) => f.format(v).replace(/\u202f|\u00a0/g, " ");
  const resolvedAt = (a: ReportedAlert, all: readonly ReportedAlert[]) =>
    a.kind === "rupture"
      ? all.find((b) => b.kind === "rupture-resolved" && b.session > a.session)?.session
      : undefined;
  return {
    num,
    signed: (v: number) => (v > 0 ? `+${num(v)}` : v < 0 ? `−${num(-v)}` : num(0)),
    title: (code: string) =>
      fr ? `Rapport d'évolution — patient ${code}` : `Progress report — patient ${code}`,
    subtitle: (therapist: string, code: string, today: string, outcome: string) =>
      fr
        ? `Thérapeute : ${therapist} (${code}) · imprimé le ${today} · résultat suivi : ${outcome} · scores sur 0–100`
        : `Therapist: ${therapist} (${code}) · printed ${today} · outcome followed: ${outcome} · scores on 0–100`,
    allianceH: fr
      ? "Alliance : le point de vue du patient et celui du thérapeute"
      : "Alliance: the patient's view and the therapist's",
    patientView: fr ? "Point de vue du patient" : "Patient's view",
    therapistView: (name: string) => (fr ? `Point de vue de ${name}` : `${name}'s view`),
    outcomeH: (name: string) => (fr ? `${name} et sa zone attendue` : `${name} against its expected band`),
    expected: fr ? "Zone attendue" : "Expected band",
    wellbeing: fr ? "Bien-être" : "Well-being",
    better: (higher: boolean) =>
      fr
        ? higher
          ? "plus haut = mieux"
          : "plus bas = mieux"
        : higher
          ? "higher is better"
          : "lower is better",
    sessionsH: fr ? "Séances" : "Sessions",
    sessionCols: fr
      ? [
          "Séance",
          "Date",
          "Alliance (patient)",
          "Alliance (thérapeute)",
          "Écart (thérapeute − patient)",
          "Résultat",
          "Zone attendue",
          "Alertes",
        ]
      : [
          "Session",
          "Date",
          "Patient alliance",
          "Therapist alliance",
          "Gap (therapist − patient)",
          "Outcome",
          "Expected band",
          "Alerts",
        ],
    alertsH: fr ? "Alertes et suites données" : "Alerts and what was done",
    alertCols: fr
      ? ["Date", "Séance", "Alerte", "Gravité", "Ce qu'elle disait", "Suite donnée"]
      : ["Date", "Session", "Alert", "Severity", "What it said", "What was done"],
    noAlerts: fr ? "Aucune alerte pour ce patient." : "No alerts for this patient.",
    kind: (fr
      ? {
          rupture: "Rupture",
          "rupture-resolved": "Rupture résolue",
          "not-on-track": "Hors trajectoire",
          incongruence: "Points de vue divergents",
        }
      : {
          rupture: "Rupture",
          "rupture-resolved": "Rupture resolved",
          "not-on-track": "Not on track",
          incongruence: "Views differ",
        }) as Record<string, string>,
    severity: (fr
      ? { high: "élevée", moderate: "modérée", info: "information" }
      : { high: "high", moderate: "moderate", info: "information" }) as Record<string, string>,
    /**
     * What was done about an alert, in words: acknowledged (who, when, the note), cleared, resolved, or
     * nothing recorded yet.
     */
    done: (a: ReportedAlert, all: readonly ReportedAlert[]): string => {
      const parts: string[] = [];
      if (a.acknowledged) {
        const who = a.acknowledged.byName || a.acknowledged.by;
        const day = a.acknowledged.at.slice(0, 10);
        parts.push(fr ? `Prise en compte par ${who} le ${day}.` : `Acknowledged by ${who} on ${day}.`);
        if (a.acknowledged.note)
          parts.push(fr ? `Note : « ${a.acknowledged.note} »` : `Note: “${a.acknowledged.note}”`);
      }
      if (a.clearedSession !== undefined) {
        const on = a.clearedDate ? ` (${a.clearedDate})` : "";
        parts.push(
          fr
            ? `Levée à la séance ${a.clearedSession}${on} : de retour dans la zone.`
            : `Cleared at session ${a.clearedSession}${on}: back inside the band.`,
        );
      }
      const resolved = resolvedAt(a, all);
      if (resolved !== undefined)
        parts.push(fr ? `Résolue à la séance ${resolved}.` : `Resolved at session ${resolved}.`);
      if (a.kind === "rupture-resolved") parts.push(fr ? "Information." : "For information.");
      return parts.length ? parts.join(" ") : fr ? "Aucune suite enregistrée." : "Nothing recorded yet.";
    },
    footer: (source: string, threshold: number) =>
      fr
        ? `Zone attendue : modèle ${source === "network" ? "du réseau" : "intégré"}. Seuil de rupture : ${num(threshold)} points. Rapport produit par attune à partir des mêmes données que la page du patient.`
        : `Expected band: the ${source === "network" ? "network's" : "built-in"} model. Rupture threshold: ${num(threshold)} points. Report made by attune from the same data as the patient's page.`,
    print: fr ? "Imprimer" : "Print",
    pdf: fr ? "Télécharger le PDF" : "Download the PDF",
    open: fr ? "Rapport d'évolution à imprimer" : "Printable progress report",
    back: (code: string) => (fr ? `← Patient ${code}` : `← Patient ${code}`),
  };
}

export type ProgressWords = ReturnType<typeof words>;
const EN = words("en");
const FR = words("fr");

/**
 * The progress report's words in a language.
 *
 * @example
 * progressWords("fr").alertsH; // "Alertes et suites données"
 * progressWords("en").done({ kind: "not-on-track", session: 4, severity: "moderate", clearedSession: 6 }, []);
 * // "Cleared at session 6: back inside the band."
 */
export function progressWords(lang: "en" | "fr"): ProgressWords {
  return lang === "fr" ? FR : EN;
}
