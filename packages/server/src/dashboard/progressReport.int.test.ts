// The patient's progress report as a PDF: the same sessions, alerts and acknowledgement notes as the
// patient page's JSON, read back from the PDF's text with poppler's pdftotext (a reader we did not write).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { listAudit, type Store } from "@attune/db";
import type { DemoNetwork } from "../demoNetwork.ts";
import type { Client } from "../testing/harness.ts";
import { openDemoStore, signInDemo } from "../testing/demoSuite.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";

interface Alert {
  kind: string;
  session: number;
  date?: string;
  acknowledged?: { at: string; by: string; byName?: string; note?: string | null };
}
interface View {
  patientCode: string;
  series: { session: number; date?: string; alliancePatient: number | null; outcome: number | null }[];
  alerts: Alert[];
}

/** The PDF's text as poppler reads it, in reading order. */
function pdfText(pdf: ArrayBuffer, layout = true): string {
  const dir = mkdtempSync(join(tmpdir(), "attune-pdf-"));
  writeFileSync(join(dir, "r.pdf"), Buffer.from(pdf));
  if (process.env.ATTUNE_KEEP_PDF) writeFileSync(process.env.ATTUNE_KEEP_PDF, Buffer.from(pdf));
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), join(dir, "r.pdf"), "-"], {
    encoding: "utf8",
  });
}

describeEachDialect("progress report PDF", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let a: SignedInApp;
  let demo: DemoNetwork;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    ({ store, demo, dispose } = await openDemoStore(d, { therapists: 12, sessions: 8 }));
    a = await startApp(store);
    for (const role of ["therapist", "coordinator"]) as[role] = await signInDemo(a, demo, role);
  });
  afterAll(async () => {
    await a?.close();
    await dispose?.();
  });

  const call = (role: string, method: string, path: string, body?: unknown) =>
    as[role]!.request(method, path, body);

  it("prints the page's sessions, every alert with its date, and the therapist's note on the acknowledged one", async () => {
    const caseload = (await (await call("therapist", "GET", "/api/dashboard/caseload")).json()) as {
      patients: { episodeId: string; alerts: Alert[] }[];
    };
    const row = caseload.patients.find((p) => p.alerts.length > 0)!;
    const alert = row.alerts[0]!;
    const note = "Parlé de la rupture ; objectifs revus à deux — sans hâte";
    const ack = await call("therapist", "POST", `/api/dashboard/episodes/${row.episodeId}/acknowledgements`, {
      kind: alert.kind,
      session: alert.session,
      note,
    });
    expect(ack.status).toBe(200);
    const view = (await (
      await call("therapist", "GET", `/api/dashboard/episodes/${row.episodeId}`)
    ).json()) as View;
    // The page's own answer carries the note and who wrote it, on the alert in the full list.
    const acked = view.alerts.find((x) => x.kind === alert.kind && x.session === alert.session)!;
    expect(acked.acknowledged?.note).toBe(note);
    expect(acked.acknowledged?.by).toMatch(/^T\d+$/);

    const res = await call("therapist", "GET", `/api/dashboard/episodes/${row.episodeId}/report.pdf?lang=fr`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`attune-progress-${view.patientCode}.pdf`);
    const bytes = await res.arrayBuffer();
    const text = pdfText(bytes);
    expect(text).toContain(`Rapport d'évolution — patient ${view.patientCode}`);
    // A long cell wraps over lines: read it in reading order, whitespace collapsed.
    const flat = pdfText(bytes, false).replace(/\s+/g, " ");
    expect(flat).toContain(note.replace(/\s+/g, " "));
    expect(flat).toContain("Prise en compte par");
    // Every session row: its number and the patient's alliance as the page has it (whole points).
    const fr = (v: number) => String(Math.round(v));
    for (const s of view.series) {
      const line = text.split("\n").find((l) => new RegExp(`^\\s*${s.session}\\s+${s.date ?? "—"}`).test(l));
      expect(line, `session ${s.session}`).toBeDefined();
      if (s.alliancePatient !== null) expect(line).toContain(fr(s.alliancePatient));
    }
    // Every alert with its date.
    for (const x of view.alerts) if (x.date) expect(text).toContain(x.date);
    const audit = await listAudit(store.db, { networkId: demo.networkId, entityId: row.episodeId });
    expect(audit.some((e) => e.action === "export")).toBe(true);
  });

  it("speaks English on request, and is the coordinator's to read too", async () => {
    const caseload = (await (await call("coordinator", "GET", "/api/dashboard/caseload")).json()) as {
      patients: { episodeId: string; patientCode: string }[];
    };
    const p = caseload.patients[0]!;
    const res = await call("coordinator", "GET", `/api/dashboard/episodes/${p.episodeId}/report.pdf?lang=en`);
    expect(res.status).toBe(200);
    const text = pdfText(await res.arrayBuffer());
    expect(text).toContain(`Progress report — patient ${p.patientCode}`);
    expect(text).toContain("Alerts and what was done");
  });
});
