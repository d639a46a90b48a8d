// One study (/studies/<id>): its arms and schedule, randomisation, allocations, patients and their links.
import { html, nothing } from "lit-html";
import type { StaffContext } from "../context.ts";
import { HttpError } from "../api.ts";
import { call } from "./http.ts";
import { loadForms, titleMarked } from "./forms.ts";
import { randomiseSection, type RandomiseState } from "./randomise.ts";
import { enrolSections, patientsSpec, type EnrolState } from "./enrol.ts";
import { newFind } from "../find/findRows.ts";
import { codingSection, newCodingState, type StudyCoding } from "./coding.ts";
import { sessionsText } from "./studies.ts";
import { studyText } from "./studyText.ts";
import type { Completion, Randomisations, Site, Study, User } from "./types.ts";
import { when } from "./ui.ts";
import { commitmentsOf, setupCard, type SetupState } from "./studyEdit.ts";

/** Finds a study of the network by id (404 as an HttpError when it is not there). */
export async function studyById(ctx: StaffContext, id: string): Promise<Study> {
  const { studies } = await call<{ studies: Study[] }>(ctx, "GET", "/api/studies");
  const s = studies.find((x) => x.id === id);
  if (!s) throw new HttpError(404, studyText(ctx.lang).noStudy(id));
  return s;
}

/** The study page. */
export async function studyPage(ctx: StaffContext, id: string): Promise<void> {
  const forms = await loadForms(ctx);
  const study = await studyById(ctx, id);
  let sites: Site[] = [];
  let therapists: User[] = [];
  let coders: User[] = [];
  let coding: StudyCoding = { sessions: [], assignments: [] };
  let rand: Randomisations = { randomisations: [], allocations: [] };
  let completion: Completion | null = null;
  let episodes = new Map<string, { episodeId: string; lastSession: number | null }>();
  const rst: RandomiseState = { error: null, fieldError: null, confirming: null };
  const est: EnrolState = {
    error: null,
    sessionError: null,
    made: null,
    find: newFind(patientsSpec(new Map())),
  };
  const cst = newCodingState();
  const sst: SetupState = { confirming: false, error: null };

  const load = async () => {
    const [s, u, r, c, k] = await Promise.all([
      call<{ sites: Site[] }>(ctx, "GET", "/api/sites"),
      call<{ users: User[] }>(ctx, "GET", "/api/users"),
      call<Randomisations>(ctx, "GET", `/api/studies/${id}/randomisations`),
      call<Completion>(ctx, "GET", `/api/studies/${id}/completion`),
      call<StudyCoding>(ctx, "GET", `/api/studies/${id}/coding`),
    ]);
    sites = s.sites;
    therapists = u.users.filter((x) => x.role === "therapist");
    coders = u.users.filter((x) => x.role === "coder");
    coding = k;
    rand = r;
    completion = c;
    // The completion monitor lists each patient's episode in this study (to add sessions and links).
    episodes = new Map(
      c.patients.map((p) => [p.patientId, { episodeId: p.episodeId, lastSession: p.lastSession }]),
    );
  };
  const reload = async () => {
    await load();
    draw();
  };
  await load();
  ctx.setRefresh(() => void reload());

  function draw(): void {
    const siteName = (sid: string) => sites.find((s) => s.id === sid)?.name ?? sid;
    const perArm = (code: string) => rand.allocations.filter((a) => a.arm === code).length;
    const w = studyText(ctx.lang);
    ctx.shell(
      study.name,
      html`<div class="coord">
        <p>${ctx.link("/studies", w.back)}</p>
        <h1 tabindex="-1">${w.heading(study.name)}</h1>
        <p class="lead">${w.lead(ctx.link(`/studies/${id}/completion`, w.monitor))}</p>
        <div class="grid2">
          <section class="card" aria-labelledby="arms-h">
            <h2 id="arms-h">${w.armsH}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="arms-h">
              <table>
                <thead>
                  <tr>
                    ${w.armCols.map((c) => html`<th scope="col">${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${study.arms.map(
                    (a) =>
                      html`<tr>
                        <th scope="row">${a.code}</th>
                        <td>${a.name}</td>
                        <td>${perArm(a.code)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" aria-labelledby="sched-h">
            <h2 id="sched-h">${w.scheduleH}</h2>
            ${study.schedule.length ? nothing : html`<p class="muted">${w.noSchedule}</p>`}
            <div
              class="table-wrap"
              tabindex="0"
              role="region"
              aria-labelledby="sched-h"
              ?hidden=${!study.schedule.length}
            >
              <table>
                <thead>
                  <tr>
                    ${w.scheduleCols.map((c) => html`<th scope="col">${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${study.schedule.map(
                    (i) =>
                      html`<tr>
                        <th scope="row" class="wrap">${titleMarked(forms, i.questionnaire, ctx.lang)}</th>
                        <td>${w.rater[i.rater] ?? i.rater}</td>
                        <td>${sessionsText(i.sessions, ctx.lang)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </div>
        ${setupCard(ctx, study, commitmentsOf(rand, completion), sst, draw, reload)}
        ${randomiseSection(ctx, { study, sites, therapists, randomisations: rand }, rst, draw, reload)}
        <section class="card" aria-labelledby="alloc-h">
          <h2 id="alloc-h">${w.allocH}</h2>
          ${
            rand.allocations.length
              ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="alloc-h">
                  <table>
                    <thead>
                      <tr>
                        ${w.allocCols.map((c) => html`<th scope="col">${c}</th>`)}
                      </tr>
                    </thead>
                    <tbody>
                      ${rand.allocations.map(
                        (a) =>
                          html`<tr>
                            <th scope="row">${a.therapistCode}</th>
                            <td>${a.site === "(no site)" ? w.noSite : siteName(a.site)}</td>
                            <td>${a.arm}</td>
                            <td>
                              ${
                                a.randomisationId
                                  ? w.randomisedBy(
                                      a.allocatedBy ?? "?",
                                      a.allocatedAt ? when(a.allocatedAt, ctx.lang) : "",
                                    )
                                  : w.byHand
                              }
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : html`<p class="muted">${w.noAlloc}</p>`
          }
        </section>
        ${
          completion
            ? enrolSections(
                ctx,
                { study, therapists, randomisations: rand, completion, episodes },
                est,
                draw,
                reload,
              )
            : ""
        }
        ${codingSection(ctx, { studyId: id, coding, coders }, cst, draw, reload)}
      </div>`,
      true,
    );
  }
  draw();
}
