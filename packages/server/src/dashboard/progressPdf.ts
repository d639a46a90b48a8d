// The patient's progress report as a PDF, for case conferences and supervision: both alliance lines with
// rupture markers, the outcome against its expected band, the sessions table, and every alert with its date
// and what was done (cleared, resolved, acknowledged with the therapist's note). Drawn with pdfkit from the
// same answer the therapist's page reads (episodeView.ts), so the figures cannot differ from the page's.
// pdfkit's built-in Helvetica covers Windows-1252 (French accents, dashes, curly quotes); the few other
// characters the words use (−, ↑, ↓, ≥) are spelled in it, so no font file has to ship with the server.
import type { EpisodeFeedbackOut } from "@attune/api";
import { progressWords, type ProgressWords } from "@attune/core/progress";

type View = EpisodeFeedbackOut;
type Doc = PDFKit.PDFDocument;

/** Characters outside Windows-1252 spelled inside it (the standard PDF fonts cannot draw them). */
const SPELLED: Record<string, string> = { "−": "-", "↑": "^", "↓": "v", "≥": ">=", "≤": "<=", "→": "->" };
const winAnsi = (s: string) =>
  s.replace(/[−↑↓≥≤→]/g, (c) => SPELLED[c] ?? c).replace(/[^\u0020-\u00ff‘’“”–—…·•€œŒšŠžŽŸƒˆ˜‰‹›™\n]/gu, "?");

const BLUE = "#1f5fa8";
const ORANGE = "#b85c00";
const RED = "#b00020";

/**
 * Renders the progress report of one patient as PDF bytes.
 *
 * @example
 * const pdf = await progressPdf(await episodeView(ctx, episode), "fr", "2026-12-05");
 * pdf.subarray(0, 5).toString(); // "%PDF-"
 */
export async function progressPdf(view: View, lang: "en" | "fr", today: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const w = progressWords(lang);
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    lang,
    displayTitle: true,
    info: { Title: winAnsi(w.title(view.patientCode)), Creator: "attune" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc
    .font("Helvetica-Bold")
    .fontSize(18)
    .text(winAnsi(w.title(view.patientCode)));
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor("#444")
    .text(winAnsi(w.subtitle(view.therapistName, view.therapistCode, today, outcomeName(view, w))))
    .fillColor("#000")
    .moveDown();

  const xMax = Math.max(2, view.series.at(-1)?.session ?? 1, ...view.band.map((b) => b.session));
  heading(doc, w.allianceH);
  chart(doc, xMax, {
    lines: [
      {
        color: BLUE,
        dashed: false,
        label: w.patientView,
        pts: view.series.map((s) => [s.session, s.alliancePatient]),
      },
      {
        color: ORANGE,
        dashed: true,
        label: w.therapistView(view.therapistName),
        pts: view.series.map((s) => [s.session, s.allianceTherapist]),
      },
    ],
    markers: view.alerts.filter((a) => a.kind === "rupture").map((a) => a.session),
    markerLabel: w.kind.rupture ?? "rupture",
  });
  heading(doc, w.outcomeH(outcomeName(view, w)));
  chart(doc, xMax, {
    lines: [
      {
        color: BLUE,
        dashed: false,
        label: outcomeName(view, w),
        pts: view.series.map((s) => [s.session, s.outcome]),
      },
    ],
    band: view.band,
    bandLabel: w.expected,
  });

  heading(doc, w.sessionsH);
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "—" : w.num(v));
  doc.fontSize(8.5).table({
    columnStyles: [44, 58, "*", "*", 62, "*", 62, "*"],
    defaultStyle: { padding: 3, border: 0.5, borderColor: "#999" },
    data: [
      header(w.sessionCols),
      ...view.series.map((s) => {
        const b = view.band.find((x) => x.session === s.session);
        const g = view.congruence.find((x) => x.session === s.session);
        return body([
          String(s.session),
          s.date ?? "—",
          fmt(s.alliancePatient),
          fmt(s.allianceTherapist),
          g?.gap === null || g?.gap === undefined ? "—" : w.signed(g.gap),
          fmt(s.outcome),
          b ? `${w.num(b.lower)}–${w.num(b.upper)}` : "—",
          winAnsi(
            view.alerts
              .filter((a) => a.session === s.session)
              .map((a) => w.kind[a.kind] ?? a.kind)
              .join(", "),
          ),
        ]);
      }),
    ],
  });
  doc.moveDown();

  heading(doc, w.alertsH);
  if (view.alerts.length === 0) doc.font("Helvetica").fontSize(10).text(winAnsi(w.noAlerts));
  else
    doc.fontSize(8.5).table({
      columnStyles: [58, 40, 70, 52, "*", "*"],
      defaultStyle: { padding: 3, border: 0.5, borderColor: "#999" },
      data: [
        header(w.alertCols),
        ...view.alerts.map((a) =>
          body([
            a.date ?? "—",
            String(a.session),
            winAnsi(w.kind[a.kind] ?? a.kind),
            winAnsi(w.severity[a.severity] ?? a.severity),
            winAnsi(a.message[lang]),
            w.done(a, view.alerts),
          ]),
        ),
      ],
    });
  doc.moveDown();
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor("#444")
    .text(winAnsi(w.footer(view.model.source, view.threshold)));
  doc.end();
  return done;
}

/** A table's header row (bold, marked as header cells for tagged PDF readers). */
const header = (cols: readonly string[]) =>
  cols.map((c) => ({ text: winAnsi(c), type: "TH" as const, font: { src: "Helvetica-Bold" } }));
/** A table's body row in the regular face (a cell otherwise keeps the header's bold). */
const body = (cells: readonly string[]) =>
  cells.map((c) => ({ text: winAnsi(c), font: { src: "Helvetica" } }));

/** The network's outcome by name ("Well-being", "PHQ9 (lower is better)"). */
function outcomeName(view: View, w: ProgressWords): string {
  return view.outcome.id === "wellbeing"
    ? w.wellbeing
    : `${view.outcome.id.toUpperCase()} (${w.better(view.outcome.higherIsBetter)})`;
}

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .fillColor("#000")
    .text(winAnsi(text), doc.page.margins.left)
    .moveDown(0.3);
}

interface ChartSpec {
  lines: { color: string; dashed: boolean; label: string; pts: [number, number | null][] }[];
  band?: View["band"];
  bandLabel?: string;
  markers?: number[];
  markerLabel?: string;
}

/** A 0–100 line chart over sessions (the page's chart: gaps where a form is missing, a grey band). */
function chart(doc: Doc, xMax: number, o: ChartSpec): void {
  const W = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const H = 150;
  if (doc.y + H + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const x0 = doc.page.margins.left + 28;
  const y0 = doc.y;
  const w = W - 36;
  const h = H - 24;
  const sx = (x: number) => x0 + ((x - 1) / (xMax - 1)) * w;
  const sy = (y: number) => y0 + (1 - y / 100) * h;
  doc.font("Helvetica").fontSize(7).fillColor("#555");
  for (const v of [0, 25, 50, 75, 100]) {
    doc
      .moveTo(x0, sy(v))
      .lineTo(x0 + w, sy(v))
      .lineWidth(0.3)
      .strokeColor("#ccc")
      .stroke();
    doc.text(String(v), x0 - 24, sy(v) - 3, { width: 20, align: "right", lineBreak: false });
  }
  const step = Math.ceil(xMax / 20);
  for (let s = 1; s <= xMax; s += step)
    doc.text(String(s), sx(s) - 10, y0 + h + 4, { width: 20, align: "center", lineBreak: false });
  if (o.band?.length) {
    const up = o.band.map((b) => [sx(b.session), sy(Math.min(100, b.upper))]);
    const lo = [...o.band].reverse().map((b) => [sx(b.session), sy(Math.max(0, b.lower))]);
    doc
      .polygon(...up, ...lo)
      .fillOpacity(0.18)
      .fill("#777")
      .fillOpacity(1);
  }
  for (const m of o.markers ?? []) {
    doc
      .moveTo(sx(m), y0)
      .lineTo(sx(m), y0 + h)
      .lineWidth(1)
      .dash(2, { space: 2 })
      .strokeColor(RED)
      .stroke()
      .undash();
  }
  for (const line of o.lines) {
    let pen = false;
    for (const [x, y] of line.pts) {
      if (y === null) {
        pen = false;
        continue;
      }
      if (pen) doc.lineTo(sx(x), sy(y));
      else doc.moveTo(sx(x), sy(y));
      pen = true;
    }
    doc.lineWidth(1.6).strokeColor(line.color);
    if (line.dashed) doc.dash(5, { space: 3 });
    doc.stroke().undash();
    for (const [x, y] of line.pts) if (y !== null) doc.circle(sx(x), sy(y), 2).fill(line.color);
  }
  // The legend under the axis: each line, the band and the markers by name.
  let lx = x0;
  const ly = y0 + h + 14;
  const key = (color: string, label: string) => {
    doc.rect(lx, ly + 1, 10, 4).fill(color);
    doc
      .fillColor("#000")
      .fontSize(8)
      .text(winAnsi(label), lx + 14, ly - 1, { lineBreak: false });
    lx += 24 + doc.widthOfString(winAnsi(label));
  };
  for (const line of o.lines) key(line.color, line.label);
  if (o.band?.length && o.bandLabel) key("#bbb", o.bandLabel);
  if (o.markers?.length && o.markerLabel) key(RED, o.markerLabel);
  doc.x = doc.page.margins.left;
  doc.y = y0 + H + 8;
}
