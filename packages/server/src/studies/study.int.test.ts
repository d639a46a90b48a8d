// Running a study: randomisation recorded and reproducible, completion monitor and reminders, a patient
// declining a form, the researcher workspace (runs, report, CSV, FHIR, R script), privacy of researcher
// answers, and — when R with lme4 is installed — the exported R script reproducing the run's numbers.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPatientByCode, listAudit, recordRun } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, validSubmission, type Client, type Harness } from "../testing/harness.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, LONG_COLUMNS, WELLBEING } from "@attune/core";
import { ATTUNE_VERSION } from "../version.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");
const hasLme4 =
  spawnSync("Rscript", ["-e", "library(lme4); library(lmerTest)"], { encoding: "utf8" }).status === 0;

describe("ATTUNE_VERSION", () => {
  it("is the release in the root package.json", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../package.json"), "utf8")) as {
      version: string;
    };
    expect(ATTUNE_VERSION).toBe(pkg.version);
  });
});

describeEachDialect("study", (dialect) => {
  let h: Harness;
  let coord: Client;
  let researcher: Client;
  /** Every body a researcher received, for the privacy check. */
  const seen: string[] = [];
  const asResearcher = async (method: string, path: string, body?: unknown) => {
    const res = await researcher.request(method, path, body);
    const text = await res.text();
    seen.push(text);
    return { status: res.status, text, headers: res.headers };
  };

  beforeAll(async () => {
    h = await openHarness(dialect);
    coord = await h.signIn(h.a.emails.coordinator);
    researcher = await h.signIn(h.a.emails.researcher);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("invites a therapist, who sets their own password once", async () => {
    const email = `invited.${dialect.name}@test.dev`;
    const r = await coord.request("POST", "/api/users", {
      email,
      displayName: "Invited",
      code: "INV1",
      role: "therapist",
    });
    expect(r.status).toBe(201);
    const u = (await r.json()) as { id: string; invitation: { token: string; url: string } };
    expect(u.invitation.url).toContain(`/invite/${u.invitation.token}`);
    const before = await h.anonymous.request("POST", "/api/auth/login", {
      email,
      password: "my own password",
    });
    expect(before.status).toBe(401);
    const bogus = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: "x".repeat(43),
      password: "my own password",
    });
    expect(bogus.status).toBe(404);
    const ok = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: u.invitation.token,
      password: "my own password",
    });
    expect(ok.status).toBe(200);
    const used = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: u.invitation.token,
      password: "another password",
    });
    expect(used.status).toBe(409);
    const login = await h.anonymous.request("POST", "/api/auth/login", {
      email,
      password: "my own password",
    });
    expect(login.status).toBe(200);
    const again = await coord.request("POST", `/api/users/${u.id}/invitation`);
    expect(again.status).toBe(201);
    const foreign = await (
      await h.signIn(h.b.emails.coordinator)
    ).request("POST", `/api/users/${u.id}/invitation`);
    expect(foreign.status).toBe(404);
  });

  it("randomises therapists by site in blocks, records it, and reproduces it from the recorded seed", async () => {
    const sites: string[] = [];
    for (const name of ["North", "South"]) {
      const r = await coord.request("POST", "/api/sites", { name });
      sites.push(((await r.json()) as { id: string }).id);
    }
    const therapists: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await coord.request("POST", "/api/users", {
        email: `rt${i}.${dialect.name}@test.dev`,
        displayName: `Therapist ${i}`,
        code: `RT${i}`,
        role: "therapist",
        password: "0123456789ab",
        siteId: sites[i % 2],
      });
      expect(r.status).toBe(201);
      therapists.push(((await r.json()) as { id: string }).id);
    }
    // A therapist created without a site is given one afterwards (the stratum).
    const late = await coord.request("POST", "/api/users", {
      email: `late.${dialect.name}@test.dev`,
      displayName: "Late",
      code: "RT10",
      role: "therapist",
      password: "0123456789ab",
    });
    const lateId = ((await late.json()) as { id: string }).id;
    expect((await coord.request("PUT", `/api/users/${lateId}/site`, { siteId: "nope" })).status).toBe(404);
    const put = await coord.request("PUT", `/api/users/${lateId}/site`, { siteId: sites[1] });
    expect(put.status).toBe(200);
    therapists.push(lateId);
    const s = await coord.request("POST", "/api/studies", {
      name: "randomised",
      arms: [
        { code: "a", name: "feedback" },
        { code: "b", name: "usual care" },
      ],
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }],
    });
    const studyId = ((await s.json()) as { id: string }).id;
    const bad = await coord.request("POST", `/api/studies/${studyId}/randomisation`, { blockSize: 3 });
    expect(bad.status).toBe(400);
    const r = await coord.request("POST", `/api/studies/${studyId}/randomisation`, {
      blockSize: 4,
      therapistIds: therapists,
    });
    expect(r.status).toBe(201);
    const made = (await r.json()) as {
      id: string;
      seed: number;
      madeBy: string;
      allocations: { therapistId: string; site: string; arm: string; block: number }[];
    };
    expect(made.madeBy).toBe("C1");
    expect(made.allocations).toHaveLength(11);
    for (const site of sites) {
      const here = made.allocations.filter((a) => a.site === site);
      expect(here).toHaveLength(site === sites[1] ? 6 : 5);
      const first = here.filter((a) => a.block === 1);
      expect(first.filter((a) => a.arm === "a")).toHaveLength(2);
    }
    const again = await coord.request("POST", `/api/studies/${studyId}/randomisation`, {
      blockSize: 2,
      therapistIds: [therapists[0]],
    });
    expect(again.status).toBe(409);
    // Two randomisations racing for the same unallocated therapists: one wins, the other is a 409.
    const racers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const u = await coord.request("POST", "/api/users", {
        email: `race${i}.${dialect.name}@test.dev`,
        displayName: `Racer ${i}`,
        code: `RR${i}`,
        role: "therapist",
        password: "0123456789ab",
        siteId: sites[0],
      });
      racers.push(((await u.json()) as { id: string }).id);
    }
    const race = await Promise.all(
      [0, 1].map(() =>
        coord.request("POST", `/api/studies/${studyId}/randomisation`, {
          blockSize: 2,
          therapistIds: racers,
        }),
      ),
    );
    expect(race.map((x) => x.status).sort()).toEqual([201, 409]);
    const list = await asResearcher("GET", `/api/studies/${studyId}/randomisations`);
    expect(list.status).toBe(200);
    const body = JSON.parse(list.text) as {
      randomisations: { seed: number; reproduced: boolean; allocations: unknown[] }[];
      allocations: { allocatedBy: string; allocatedAt: string; randomisationId: string }[];
    };
    expect(body.randomisations).toHaveLength(2);
    expect(body.randomisations[0]!.seed).toBe(made.seed);
    expect(body.randomisations.every((x) => x.reproduced)).toBe(true);
    expect(body.allocations).toHaveLength(13);
    expect(body.allocations.every((a) => a.allocatedBy === "C1" && a.allocatedAt)).toBe(true);
    expect(body.allocations.filter((a) => a.randomisationId === made.id)).toHaveLength(11);
    // Episodes in the study take the therapist's randomised arm.
    const arms = (
      (await (await coord.request("GET", "/api/studies")).json()) as {
        studies: { id: string; arms: { id: string; code: string }[] }[];
      }
    ).studies.find((x) => x.id === studyId)!.arms;
    const pt = await coord.request("POST", "/api/patients", { code: `RP-${dialect.name}` });
    const ep = await coord.request("POST", "/api/episodes", {
      patientId: ((await pt.json()) as { id: string }).id,
      therapistId: made.allocations[0]!.therapistId,
      studyId,
    });
    const armId = ((await ep.json()) as { armId: string }).armId;
    expect(arms.find((a) => a.id === armId)?.code).toBe(made.allocations[0]!.arm);
    const log = await coord.request("GET", "/api/audit");
    expect(await log.text()).toContain('"randomise"');
  });

  it("monitors completion, lets the patient decline a form, and lists reminders with links", async () => {
    const sub = await h
      .patient(h.a.tokens.link)
      .request("POST", `/api/r/${h.a.tokens.link}/submit`, validSubmission());
    expect(sub.status).toBe(200);
    const p2 = h.patient(h.a.tokens.link2);
    const foreign = await p2.request("POST", `/api/r/${h.a.tokens.link2}/decline`, { forms: ["nope"] });
    expect(foreign.status).toBe(400);
    const dec = await p2.request("POST", `/api/r/${h.a.tokens.link2}/decline`, { forms: [WELLBEING] });
    expect(dec.status).toBe(200);
    const twice = await p2.request("POST", `/api/r/${h.a.tokens.link2}/decline`, { forms: [WELLBEING] });
    expect(twice.status).toBe(200);
    const shown = await p2.request("GET", `/api/r/${h.a.tokens.link2}`);
    expect(((await shown.json()) as { declined: string[] }).declined).toEqual([WELLBEING]);
    const answered = await h
      .patient(h.a.tokens.link)
      .request("POST", `/api/r/${h.a.tokens.link}/decline`, { forms: [WELLBEING] });
    expect(answered.status).toBe(409);

    const now = "2025-03-03T12:00:00Z";
    const res = await coord.request("GET", `/api/studies/${h.a.studyId}/completion?now=${now}`);
    expect(res.status).toBe(200);
    const c = (await res.json()) as {
      totals: { due: number; done: number; declined: number; open: number; late: number };
      therapists: { therapist: string }[];
      patients: {
        patient: string;
        episodeId: string;
        lastSession: number | null;
        forms: { questionnaire: string; status: string }[];
      }[];
    };
    // Each patient's episode in this study and its highest session, for adding sessions from the page.
    for (const p of c.patients) {
      const ep = await coord.request("GET", `/api/episodes/${p.episodeId}`);
      expect(ep.status, p.patient).toBe(200);
      const sessions = await coord.request("GET", `/api/episodes/${p.episodeId}/sessions`);
      const numbers = ((await sessions.json()) as { sessions: { number: number }[] }).sessions.map(
        (x) => x.number,
      );
      expect(p.lastSession, p.patient).toBe(Math.max(...numbers));
    }
    const st = (code: string) =>
      Object.fromEntries(
        c.patients.find((p) => p.patient === code)!.forms.map((f) => [f.questionnaire, f.status]),
      );
    expect(st("P1")).toEqual({
      [ALLIANCE_PATIENT]: "done",
      [WELLBEING]: "done",
      [ALLIANCE_THERAPIST]: "late",
    });
    expect(st("P2")).toEqual({
      [ALLIANCE_PATIENT]: "open",
      [WELLBEING]: "declined",
      [ALLIANCE_THERAPIST]: "open",
    });
    expect(c.totals).toMatchObject({ due: 6, done: 2, declined: 1, open: 2, late: 1 });
    expect(c.therapists.map((t) => t.therapist).sort()).toEqual(["T1", "T2"]);

    const rem = await coord.request("POST", `/api/studies/${h.a.studyId}/reminders`, { now });
    expect(rem.status).toBe(201);
    const reminders = (
      (await rem.json()) as { reminders: { patient: string; forms: string[]; url: string }[] }
    ).reminders;
    expect(reminders.map((r) => [r.patient, r.forms])).toEqual([["P2", [ALLIANCE_PATIENT]]]);
    const token = reminders[0]!.url.split("/r/")[1]!;
    const form = await h.patient(token).request("GET", `/api/r/${token}`);
    expect(((await form.json()) as { questionnaires: unknown[] }).questionnaires).toHaveLength(1);
  });

  let runId = "";
  let prnStudy = "";
  let reported: Record<string, { fixef: { term: string; estimate: number }[]; deviance: number }> = {};
  let recorded: { dataSha256: string; results: unknown } = { dataSha256: "", results: null };

  it("counts imported answers as done for the rater's scheduled forms", async () => {
    const made = await coord.request("POST", "/api/studies", {
      name: "imported-completion",
      arms: [
        { code: "a", name: "a" },
        { code: "b", name: "b" },
      ],
      schedule: [
        { questionnaire: ALLIANCE_PATIENT, rater: "patient", sessions: "all" },
        { questionnaire: WELLBEING, rater: "patient", sessions: "all" },
        { questionnaire: ALLIANCE_THERAPIST, rater: "therapist", sessions: "all" },
      ],
    });
    const id = ((await made.json()) as { id: string }).id;
    const csv = [
      "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing",
      "TI1,PI1,1,a,4,4,3",
      "TI1,PI1,2,a,4,NA,3",
    ].join("\n");
    const imp = await coord.request("POST", "/api/import/long-csv?study=imported-completion", csv, {
      "content-type": "text/csv",
    });
    expect(imp.status, await imp.clone().text()).toBe(200);
    const res = await coord.request("GET", `/api/studies/${id}/completion`);
    const c = (await res.json()) as {
      patients: { patient: string; forms: { session: number; questionnaire: string; status: string }[] }[];
    };
    const forms = c.patients.find((p) => p.patient === "PI1")!.forms;
    const status = (n: number, q: string) =>
      forms.find((f) => f.session === n && f.questionnaire === q)?.status;
    expect(status(1, ALLIANCE_PATIENT)).toBe("done");
    expect(status(1, WELLBEING)).toBe("done");
    expect(status(1, ALLIANCE_THERAPIST)).toBe("done");
    expect(status(2, ALLIANCE_PATIENT)).toBe("done");
    // No therapist rating imported for session 2: not done (undated imported sessions are "upcoming").
    expect(status(2, ALLIANCE_THERAPIST)).not.toBe("done");
  });

  it("runs recipes on chosen data, records the run, and serves report, CSV, FHIR and R script", async () => {
    const imp = await coord.request("POST", "/api/import/long-csv?study=prn", readFileSync(PRN, "utf8"), {
      "content-type": "text/csv",
    });
    expect(imp.status).toBe(200);
    const studies = JSON.parse((await asResearcher("GET", "/api/studies")).text) as {
      studies: { id: string; name: string }[];
    };
    prnStudy = studies.studies.find((s) => s.name === "prn")!.id;

    const empty = await asResearcher("POST", "/api/runs", {
      study: prnStudy,
      recipe: "all",
      from: "2099-01-01",
    });
    expect(empty.status).toBe(400);
    const noStudyArms = await asResearcher("POST", "/api/runs", { recipe: "rsa", arms: ["1"] });
    expect(noStudyArms.status).toBe(400);
    // A recipe's own options go with that recipe only, in range, and a custom model needs a formula;
    // a link of another family is refused by the recipe, naming it.
    for (const [body, says] of [
      [
        { recipe: "rsa", reliability: 0.9 },
        /reliability is an option of the deterioration analysis, not of rsa/,
      ],
      [{ recipe: "deterioration", reliability: 1.5 }, /reliability/],
      [{ recipe: "deterioration", reliability: 0.9, rci: 5 }, /not both/],
      [{ recipe: "custom", family: "poisson" }, /custom model needs a formula/],
      [
        {
          recipe: "custom",
          formula: "forms_missed ~ 1 + (1 | therapist)",
          family: "poisson",
          link: "probit",
        },
        /poisson family takes the link log, not \\?"probit/,
      ],
      [{ recipe: "growth", nAGQ: 3 }, /nAGQ is an option of the custom analysis/],
    ] as const) {
      const r = await asResearcher("POST", "/api/runs", { study: prnStudy, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.text, JSON.stringify(body)).toMatch(says);
    }
    // The deterioration options reach the recipe and the run records them.
    const det = await asResearcher("POST", "/api/runs", {
      study: prnStudy,
      recipe: "deterioration",
      rci: 0.5,
      plannedSessions: 6,
    });
    expect(det.status, det.text).toBe(201);
    const detRun = JSON.parse(det.text) as {
      selection: { options: Record<string, unknown> };
      results: { rci: { threshold: number; reliability: number | null }; plannedSessions: number };
    };
    expect(detRun.selection.options).toMatchObject({ rci: 0.5, plannedSessions: 6 });
    expect(detRun.results.rci).toMatchObject({ threshold: 0.5, reliability: null });
    expect(detRun.results.plannedSessions).toBe(6);
    const other = await (
      await h.signIn(h.b.emails.researcher)
    ).request("POST", "/api/runs", {
      study: prnStudy,
      recipe: "rsa",
    });
    expect(other.status).toBe(404);

    const today = new Date().toISOString().slice(0, 10);
    const run = await asResearcher("POST", "/api/runs", {
      study: prnStudy,
      recipe: "all",
      from: today,
      to: today,
    });
    expect(run.status).toBe(201);
    const r = JSON.parse(run.text) as {
      id: string;
      runBy: string;
      attuneVersion: string;
      rows: number;
      dataSha256: string;
      results: {
        models: typeof reported;
        derived: Record<
          string,
          { ci: { term: string }[]; quantities: { label: string }[]; units: unknown[] }
        >;
      };
    };
    expect(r.runBy).toBe("R1");
    expect(r.attuneVersion).toBe(ATTUNE_VERSION);
    expect(r.rows).toBe(657);
    runId = r.id;
    recorded = { dataSha256: r.dataSha256, results: r.results };
    reported = r.results.models;
    expect(Object.keys(reported)).toContain("rsa");
    // Beside the contract, what the researcher's page shows: every fixed effect's interval, headline quantities.
    const derived = r.results.derived;
    expect(Object.keys(derived)).toEqual(Object.keys(reported));
    for (const [name, m] of Object.entries(reported))
      expect(derived[name]!.ci.map((c) => c.term)).toEqual(m.fixef.map((f) => f.term));
    expect(derived["congruence"]!.quantities.map((q) => q.label)).toContain("truth force, arm 1");
    expect(derived["congruence"]!.units).toHaveLength(2);
    expect(derived["lagged"]!.quantities).toHaveLength(3);

    const armOnly = await asResearcher("POST", "/api/runs", {
      study: prnStudy,
      recipe: "growth",
      arms: ["1"],
    });
    expect(armOnly.status).toBe(201);
    expect((JSON.parse(armOnly.text) as { rows: number }).rows).toBeLessThan(657);

    const runs = JSON.parse((await asResearcher("GET", "/api/runs")).text) as { runs: { id: string }[] };
    expect(runs.runs.map((x) => x.id)).toContain(runId);
    const one = JSON.parse((await asResearcher("GET", `/api/runs/${runId}`)).text) as { results: unknown };
    expect(one.results).toEqual(r.results);

    const report = await asResearcher("GET", `/api/runs/${runId}/report.html`);
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toMatch(/text\/html/);
    expect(report.text).toContain(runId);
    const dl = await asResearcher("GET", `/api/runs/${runId}/report.html?download=1`);
    expect(dl.headers.get("content-disposition")).toContain("attachment");
    const data = await asResearcher("GET", `/api/runs/${runId}/data.csv`);
    expect(createHash("sha256").update(data.text).digest("hex")).toBe(r.dataSha256);
    expect(data.text.split("\n")[0]).toBe(LONG_COLUMNS.join(","));
    const fhir = JSON.parse((await asResearcher("GET", `/api/runs/${runId}/fhir`)).text) as {
      resourceType: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(fhir.resourceType).toBe("Bundle");
    expect(fhir.entry.filter((e) => e.resource.resourceType === "Patient").length).toBeGreaterThan(10);
    const script = await asResearcher("GET", `/api/runs/${runId}/script.R`);
    expect(script.text).toContain("lmer(");
    expect(script.text).toContain(runId);
    const models = await asResearcher("GET", `/api/runs/${runId}/models.csv`);
    expect(models.text.startsWith("attune_model,")).toBe(true);

    const network = await asResearcher("POST", "/api/runs", { recipe: "congruence" });
    expect(network.status).toBe(201);
  }, 120_000);

  it.skipIf(!hasLme4)(
    "the run's R script refits every model with lme4 to the numbers the run reported",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "attune-run-"));
      const script = await asResearcher("GET", `/api/runs/${runId}/script.R`);
      const csv = await asResearcher("GET", `/api/runs/${runId}/models.csv`);
      writeFileSync(join(dir, "run.R"), script.text);
      writeFileSync(join(dir, "models.csv"), csv.text);
      const out = spawnSync("Rscript", [join(dir, "run.R"), join(dir, "models.csv")], { encoding: "utf8" });
      expect(out.status, out.stderr).toBe(0);
      // One block per model, from its "REML criterion" line (its closing "largest |lme4 - attune|" line,
      // also headed "== name:", stays inside the block).
      const blocks = out.stdout.split(/\n== (?=\S+: REML criterion)/).slice(1);
      expect(blocks.map((b) => b.split(":")[0])).toEqual(Object.keys(reported));
      for (const b of blocks) {
        const name = b.split(":")[0]!;
        const m = /REML criterion lme4 ([-\d.e+]+), attune ([-\d.e+]+)/.exec(b)!;
        // R prints 6 significant digits: attune's criterion as the run reported it, and lme4's own.
        expect(Math.abs(Number(m[2]) - reported[name]!.deviance)).toBeLessThan(2e-3);
        expect(Math.abs(Number(m[1]) - reported[name]!.deviance)).toBeLessThan(2e-3);
        // Rows of the compare table: index, term, lme4, attune, diff_in_se, ...
        for (const f of reported[name]!.fixef) {
          const row = b
            .split("\n")
            .map((l) => l.trim().split(/\s+/))
            .find((cells) => cells[1] === f.term);
          expect(row, `${name} ${f.term}`).toBeDefined();
          const lme4 = Number(row![2]);
          expect(Math.abs(lme4 - f.estimate)).toBeLessThan(1e-4 * Math.max(1, Math.abs(f.estimate)));
        }
      }
    },
    120_000,
  );

  it("never shows a researcher a contact-detail field or value", async () => {
    for (const path of [
      "/api/export/long.csv",
      "/api/export/fhir",
      "/api/patients",
      `/api/patients/${h.a.ids.patient}`,
      `/api/episodes/${h.a.ids.episode}`,
      "/api/sites",
      "/api/studies",
      "/api/runs",
    ])
      expect((await asResearcher("GET", path)).status).toBe(200);
    expect((await asResearcher("GET", `/api/patients/${h.a.ids.patient}/contact`)).status).toBe(403);
    const all = seen.join("\n");
    expect(seen.length).toBeGreaterThan(10);
    for (const v of ["Ann Example", "Bob Example", "+41 00", "@test.dev"]) expect(all).not.toContain(v);
    for (const k of ['"email"', '"phone"', '"contact"', '"displayName"', "telecom"])
      expect(all).not.toContain(k);
  });

  it("erases a patient who declined a form (declines go with the patient)", async () => {
    const r = await coord.request("POST", `/api/patients/${h.a.ids.patient2}/erasure`, {
      reason: "patient asked",
    });
    expect(r.status).toBe(200);
    const c = (await (
      await coord.request("GET", `/api/studies/${h.a.studyId}/completion?now=2025-03-03T12:00:00Z`)
    ).json()) as { patients: { patient: string }[] };
    expect(c.patients.map((p) => p.patient)).not.toContain("P2");
  });

  it("erasure removes the patient's rows from every run of the network and records the redaction", async () => {
    type RunRec = {
      id: string;
      dataSha256: string;
      results: unknown;
      redactions: { at: string; rowsRemoved: number; before: string; after: string }[];
    };
    const code = "P00001";
    const sha = (t: string) => createHash("sha256").update(t).digest("hex");
    const rowsOf = (csv: string) => csv.split("\n").filter((l) => l.split(",")[1] === code);
    // Network B holds the same data (so a patient coded P00001 too) and a run of its own.
    const coordB = await h.signIn(h.b.emails.coordinator);
    const researcherB = await h.signIn(h.b.emails.researcher);
    const imp = await coordB.request("POST", "/api/import/long-csv?study=prn", readFileSync(PRN, "utf8"), {
      "content-type": "text/csv",
    });
    expect(imp.status).toBe(200);
    const runB = (await (
      await researcherB.request("POST", "/api/runs", { recipe: "growth" })
    ).json()) as RunRec;
    const csvB = await (await researcherB.request("GET", `/api/runs/${runB.id}/data.csv`)).text();
    expect(rowsOf(csvB).length).toBeGreaterThan(0);

    const { runs } = JSON.parse((await asResearcher("GET", "/api/runs")).text) as { runs: RunRec[] };
    const before = new Map<string, string>();
    for (const x of runs) before.set(x.id, (await asResearcher("GET", `/api/runs/${x.id}/data.csv`)).text);
    const holding = runs.filter((x) => rowsOf(before.get(x.id)!).length > 0).map((x) => x.id);
    expect(holding).toContain(runId);
    expect(holding.length).toBeGreaterThanOrEqual(2);
    const removed = rowsOf(before.get(runId)!);

    const patient = await getPatientByCode(h.store.db, h.a.networkId, code);
    const er = await coord.request("POST", `/api/patients/${patient!.id}/erasure`, {
      reason: "patient asked",
    });
    expect(er.status).toBe(200);
    const report = (await er.json()) as {
      runsRedacted: number;
      runs: { runId: string; rowsRemoved: number }[];
    };
    expect(report.runsRedacted).toBe(holding.length);
    expect(report.runs.map((x) => x.runId).sort()).toEqual([...holding].sort());

    const data = await asResearcher("GET", `/api/runs/${runId}/data.csv`);
    expect(rowsOf(data.text)).toEqual([]);
    const lines = new Set(data.text.split("\n"));
    for (const l of removed) expect(lines.has(l), l).toBe(false);
    expect(data.text.split("\n").length).toBe(before.get(runId)!.split("\n").length - removed.length);
    const one = JSON.parse((await asResearcher("GET", `/api/runs/${runId}`)).text) as RunRec;
    expect(one.redactions).toEqual([
      {
        at: expect.any(String),
        rowsRemoved: removed.length,
        before: recorded.dataSha256,
        after: sha(data.text),
      },
    ]);
    // What was published stays as recorded.
    expect(one.dataSha256).toBe(recorded.dataSha256);
    expect(one.results).toEqual(recorded.results);
    const listed = JSON.parse((await asResearcher("GET", "/api/runs")).text) as { runs: RunRec[] };
    // The earlier erasure (fixture patient P2) redacted the whole-network run already.
    const earlier = new Map(runs.map((x) => [x.id, x.redactions.length]));
    for (const x of listed.runs)
      expect(x.redactions.length, x.id).toBe(earlier.get(x.id)! + (holding.includes(x.id) ? 1 : 0));
    const html = await asResearcher("GET", `/api/runs/${runId}/report.html`);
    expect(html.text).toContain("data redacted after erasure");
    expect(html.text).toContain("may differ slightly from the recorded ones");
    const script = await asResearcher("GET", `/api/runs/${runId}/script.R`);
    expect(script.text).toMatch(/^cat\("NOTE: data redacted after erasure/m);
    expect((await asResearcher("GET", `/api/runs/${runId}/models.csv`)).status).toBe(200);

    // The database still refuses an ordinary change of a run.
    await expect(
      h.store.db
        .updateTable("analysis_runs")
        .set({ data_csv: before.get(runId)! })
        .where("id", "=", runId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    const log = await listAudit(h.store.db, {
      networkId: h.a.networkId,
      entity: "analysis_run",
      limit: 1000,
    });
    // One audit entry per redacted run, written in the erasure's transaction.
    const redacts = log.filter((e) => e.action === "redact").map((e) => [e.entity_id, JSON.parse(e.detail!)]);
    for (const x of report.runs) expect(redacts).toContainEqual([x.runId, expect.objectContaining(x)]);
    const erased = await listAudit(h.store.db, {
      networkId: h.a.networkId,
      entity: "patient",
      entityId: patient!.id,
    });
    expect(JSON.parse(erased.find((e) => e.action === "erase")!.detail!)).toMatchObject({
      runsRedacted: holding.length,
    });

    // Network B's run is untouched: same CSV, no redaction.
    const oneB = (await (await researcherB.request("GET", `/api/runs/${runB.id}`)).json()) as RunRec;
    expect(oneB.redactions).toEqual([]);
    expect(await (await researcherB.request("GET", `/api/runs/${runB.id}/data.csv`)).text()).toBe(csvB);
    expect(sha(csvB)).toBe(oneB.dataSha256);

    // A run whose data were one patient's only: after erasure its CSV is the header, its recorded numbers
    // stay, and what must be recomputed answers 409 naming the run.
    const csvA = before.get(runId)!;
    const header = csvA.slice(0, csvA.indexOf("\n") + 1);
    const only =
      header +
      csvA
        .split("\n")
        .filter((l) => l.split(",")[1] === "P00002")
        .join("\n") +
      "\n";
    const lone = await recordRun(h.store.db, {
      network_id: h.a.networkId,
      run_by: h.a.ids.researcher,
      attune_version: ATTUNE_VERSION,
      selection: JSON.stringify({
        study: null,
        studyName: null,
        from: null,
        to: null,
        arms: null,
        options: { byCondition: false, rater: "patient", detrend: false },
      }),
      recipe: "congruence",
      rows: only.split("\n").length - 2,
      data_sha256: sha(only),
      data_csv: only,
      results: '{"models":{}}',
    });
    const p2 = await getPatientByCode(h.store.db, h.a.networkId, "P00002");
    expect(
      (await coord.request("POST", `/api/patients/${p2!.id}/erasure`, { reason: "patient asked" })).status,
    ).toBe(200);
    expect((await asResearcher("GET", `/api/runs/${lone.id}/data.csv`)).text).toBe(header);
    for (const d of ["report.html", "script.R", "models.csv"]) {
      const r = await asResearcher("GET", `/api/runs/${lone.id}/${d}`);
      expect(r.status, d).toBe(409);
      expect(r.text).toContain(`run ${lone.id}: its data were redacted after erasure`);
    }
    const loneRun = JSON.parse((await asResearcher("GET", `/api/runs/${lone.id}`)).text) as RunRec;
    expect(loneRun.results).toEqual({ models: {} });
    expect(loneRun.redactions.map((x) => [x.rowsRemoved, x.after])).toEqual([[lone.rows, sha(header)]]);
  }, 120_000);
});
