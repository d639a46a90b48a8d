// A dyad's two charts, drawn the same on the patient's page and on its printable progress report: both
// alliance lines with rupture markers, and the network's outcome against its expected band.
import type { TemplateResult } from "lit-html";
import { lineChart } from "../charts.ts";
import type { StaffText } from "../staffText.ts";
import { outcomeLabel } from "./outcomeLabel.ts";
import type { Dyad } from "./types.ts";

/**
 * The alliance and outcome charts of a dyad (`t`: the words for who looks, see forViewer), and the
 * outcome's name ("Well-being", "PHQ9 (↓ better)").
 *
 * @example
 * const { alliance, outcome } = dyadCharts(dyad, forViewer(ctx.t, ctx.lang, null));
 */
export function dyadCharts(
  d: Dyad,
  t: StaffText,
): { alliance: TemplateResult; outcome: TemplateResult; outcomeName: string } {
  const tp = t.patient;
  const xMax = Math.max(d.series.at(-1)?.session ?? 1, ...d.band.map((b) => b.session));
  const ruptures = d.alerts.filter((a) => a.kind === "rupture");
  const alliance = lineChart({
    id: "alliance",
    title: tp.allianceTitle(d.patientCode),
    desc: tp.allianceDesc(ruptures.map((r) => r.session).join(", ")),
    xMax,
    lines: [
      {
        label: tp.patientView,
        cls: "patient",
        points: d.series.map((s) => ({ x: s.session, y: s.alliancePatient })),
      },
      {
        label: tp.yourView,
        cls: "therapist",
        dashed: true,
        points: d.series.map((s) => ({ x: s.session, y: s.allianceTherapist })),
      },
    ],
    markers: ruptures.map((r) => ({ x: r.session, label: tp.rupture, cls: "rupture" })),
  });
  const outcomeName = outcomeLabel(d.outcome, tp);
  const outcome = lineChart({
    id: "outcome",
    title: tp.outcomeTitle(d.patientCode),
    desc: tp.outcomeDesc,
    xMax,
    lines: [
      {
        label: outcomeName,
        cls: "outcome",
        points: d.series.map((s) => ({ x: s.session, y: s.outcome })),
      },
    ],
    band: { label: tp.expected, points: d.band.map((b) => ({ x: b.session, ...b })) },
  });
  return { alliance, outcome, outcomeName };
}
