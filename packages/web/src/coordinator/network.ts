// Network set-up: the sites (strata of randomisation) and the staff, with invitation links and sites.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { Invitation, Site, User } from "./types.ts";
import { copyField, errorBox, focusError, when } from "./ui.ts";
import { securityCard } from "../account/networkSecurity.ts";
import { progressSettingCard } from "../patient/progressSetting.ts";
import { byText, newFind, type FindSpec } from "../find/findRows.ts";
import { found } from "../find/findBar.ts";
import { networkText, type NetworkText } from "./networkText.ts";

/** The roles in the invitation menu's order. */
const ROLES = ["therapist", "researcher", "coder", "coordinator"];

/** The staff table's search (code, name, e-mail), filters (role, site, access) and orders. */
function staffSpec(sites: Site[], w: NetworkText): FindSpec<User> {
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? w.noSite;
  const f = w.find;
  return {
    id: "staff",
    label: f.label,
    search: f.search,
    hint: f.hint,
    text: (u) => [u.code, u.displayName, u.email ?? ""],
    filters: [
      { key: "role", label: f.role, any: f.everyRole, value: (u) => u.role, name: (r) => w.roles[r] ?? r },
      { key: "site", label: f.site, any: f.everySite, value: (u) => u.siteId ?? "", name: siteName },
      {
        key: "access",
        label: f.access,
        any: f.anyAccess,
        value: (u) => (u.disabled ? "disabled" : "enabled"),
        name: (v) => (v === "disabled" ? f.disabledOnly : f.enabledOnly),
      },
    ],
    sorts: [
      { key: "code", label: f.code, compare: byText((u) => u.code) },
      { key: "name", label: f.name, compare: byText((u) => u.displayName) },
      {
        key: "role",
        label: f.roleThenCode,
        compare: (a, b) => a.role.localeCompare(b.role) || byText<User>((u) => u.code)(a, b),
      },
    ],
  };
}

interface State {
  sites: Site[];
  users: User[];
  siteError: unknown;
  inviteError: unknown;
  rowError: unknown;
  /** The latest invitation made on this page, to copy and send. */
  invitation: { user: User; inv: Invitation; again: boolean } | null;
  notice: string;
}

/** The network set-up page (/network). */
export async function networkPage(ctx: StaffContext): Promise<void> {
  const w = networkText(ctx.lang);
  const roleName = (r: string) => w.roles[r] ?? r;
  const load = async () => {
    const [s, u] = await Promise.all([
      call<{ sites: Site[] }>(ctx, "GET", "/api/sites"),
      call<{ users: User[] }>(ctx, "GET", "/api/users"),
    ]);
    st.sites = s.sites;
    st.users = u.users;
  };
  const st: State = {
    sites: [],
    users: [],
    siteError: null,
    inviteError: null,
    rowError: null,
    invitation: null,
    notice: "",
  };
  await load();
  ctx.setRefresh(null);
  const find = newFind(staffSpec([], w));

  const addSite = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = String(new FormData(form).get("site-name") ?? "").trim();
    st.siteError = null;
    try {
      if (!name) throw new Error(w.typeSite);
      if (st.sites.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new Error(w.siteExists(name));
      await call(ctx, "POST", "/api/sites", { name });
      await load();
      form.reset();
      st.notice = w.siteAdded(name);
      ctx.announce(st.notice);
    } catch (err) {
      st.siteError = err;
    }
    draw();
    if (st.siteError) focusError(ctx);
  };

  const invite = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    st.inviteError = null;
    try {
      const missing = ["name", "email", "code"].filter((k) => !get(k));
      if (missing.length) throw new Error(w.fillIn(missing.map((k) => w.missing[k]).join(", ")));
      const siteId = get("site");
      const u = await call<User & { invitation?: Invitation }>(ctx, "POST", "/api/users", {
        displayName: get("name"),
        email: get("email"),
        code: get("code"),
        role: get("role"),
        ...(siteId ? { siteId } : {}),
      });
      await load();
      form.reset();
      if (u.invitation) st.invitation = { user: u, inv: u.invitation, again: false };
      st.notice = w.created(u.code);
      ctx.announce(`${st.notice} ${w.ready}`);
    } catch (err) {
      st.inviteError = err;
    }
    draw();
    if (st.inviteError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#invitation-h")?.focus();
  };

  const reinvite = async (u: User) => {
    st.rowError = null;
    try {
      const inv = await call<Invitation>(ctx, "POST", `/api/users/${encodeURIComponent(u.id)}/invitation`);
      st.invitation = { user: u, inv, again: true };
      ctx.announce(w.readyFor(u.code));
    } catch (err) {
      st.rowError = err;
    }
    draw();
    if (st.rowError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#invitation-h")?.focus();
  };

  const setSite = async (u: User) => {
    const sel = ctx.root.querySelector<HTMLSelectElement>(`#site-of-${u.id}`);
    const siteId = sel?.value || null;
    st.rowError = null;
    try {
      await call(ctx, "PUT", `/api/users/${encodeURIComponent(u.id)}/site`, { siteId });
      await load();
      const name = st.sites.find((s) => s.id === siteId)?.name ?? w.noSiteLower;
      st.notice = w.movedTo(u.code, name);
      ctx.announce(st.notice);
    } catch (err) {
      st.rowError = err;
    }
    draw();
    if (st.rowError) focusError(ctx);
  };

  // Disabling ends the member's sessions at once (PUT /api/users/{id}/disabled).
  const setDisabled = async (u: User, disabled: boolean) => {
    st.rowError = null;
    try {
      await call(ctx, "PUT", `/api/users/${encodeURIComponent(u.id)}/disabled`, { disabled });
      await load();
      st.notice = disabled ? w.nowDisabled(u.code) : w.nowEnabled(u.code);
      ctx.announce(st.notice);
    } catch (err) {
      st.rowError = err;
    }
    draw();
    if (st.rowError) focusError(ctx);
  };

  const siteOptions = (selected: string | null) =>
    html`<option value="" ?selected=${!selected}>${w.noSite}</option>
      ${st.sites.map((s) => html`<option value=${s.id} ?selected=${s.id === selected}>${s.name}</option>`)}`;

  function invitationBox(): TemplateResult | typeof nothing {
    const i = st.invitation;
    if (!i) return nothing;
    return html`<section class="card invitation" aria-labelledby="invitation-h">
      <h2 id="invitation-h" tabindex="-1">${w.linkH(i.again, i.user.displayName, i.user.code)}</h2>
      ${
        i.inv.delivery
          ? html`<p class="ok-box" role="status">${w.emailed(html`<strong>${i.user.email}</strong>`)}</p>`
          : nothing
      }
      ${copyField(ctx, "invitation-url", w.linkLabel, i.inv.url)}
      <p>
        ${w.sendIt(
          Boolean(i.inv.delivery),
          html`<strong>${i.user.email}</strong>`,
          html`<strong>${when(i.inv.expiresAt, ctx.lang)}</strong>`,
        )}
      </p>
    </section>`;
  }

  function draw(): void {
    const staff = found(st.users, staffSpec(st.sites, w), find, draw, ctx.lang);
    const therapistsAt = (id: string) =>
      st.users.filter((u) => u.role === "therapist" && u.siteId === id).length;
    ctx.shell(
      w.title,
      html`<div class="coord">
        <h1 tabindex="-1">${w.title}</h1>
        <p class="lead">${w.lead}</p>
        ${st.notice ? html`<p class="ok-box">${st.notice}</p>` : nothing}
        <section class="card" aria-labelledby="sites-h">
          <h2 id="sites-h">${w.sitesH}</h2>
          ${
            st.sites.length
              ? html`<table>
                  <caption class="sr-only">
                    ${w.sitesCaption}
                  </caption>
                  <thead>
                    <tr>
                      ${w.siteCols.map((c) => html`<th scope="col">${c}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${st.sites.map(
                      (s) =>
                        html`<tr>
                          <th scope="row">${s.name}</th>
                          <td>${therapistsAt(s.id)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p class="muted">${w.noSites}</p>`
          }
          ${errorBox(st.siteError, w.siteNotAdded)}
          <form class="inline-form" @submit=${addSite} novalidate>
            <div class="field">
              <label for="site-name">${w.newSite}</label>
              <input id="site-name" name="site-name" type="text" autocomplete="off" maxlength="200" />
            </div>
            <button class="primary" type="submit">${w.addSite}</button>
          </form>
        </section>

        <section class="card" aria-labelledby="staff-h">
          <h2 id="staff-h">${w.staffH}</h2>
          <p class="muted">${w.staffLead}</p>
          ${errorBox(st.rowError, w.rowFailed)} ${staff.bar} ${staff.count}
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="staff-h">
            <table>
              <thead>
                <tr>
                  ${w.staffCols.map((c) => html`<th scope="col">${c}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${staff.rows.map(
                  (u) =>
                    html`<tr>
                      <th scope="row">${u.code}</th>
                      <td>${u.displayName}</td>
                      <td>${roleName(u.role)}</td>
                      <td>
                        <div class="row-actions">
                          <select id=${`site-of-${u.id}`} aria-label=${w.siteOf(u.code)}>
                            ${siteOptions(u.siteId)}
                          </select>
                          <button type="button" class="secondary small-btn" @click=${() => void setSite(u)}>
                            ${w.saveSite}<span class="sr-only">${w.ofCode(u.code)}</span>
                          </button>
                        </div>
                      </td>
                      <td>
                        ${
                          u.email && u.id !== ctx.me.id
                            ? html`<button
                                type="button"
                                class="secondary small-btn"
                                @click=${() => void reinvite(u)}
                              >
                                ${w.newLink}<span class="sr-only">${w.forCode(u.code)}</span>
                              </button>`
                            : html`<span class="muted">—</span>`
                        }
                      </td>
                      <td>
                        ${
                          u.id === ctx.me.id
                            ? html`<span class="muted">${w.you}</span>`
                            : html`<button
                                  type="button"
                                  class="secondary small-btn"
                                  @click=${() => void setDisabled(u, !u.disabled)}
                                >
                                  ${u.disabled ? w.enable : w.disable}<span class="sr-only"> ${u.code}</span>
                                </button>
                                ${u.disabled ? html`<span class="muted">${w.disabled}</span>` : nothing}`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${staff.pager}
        </section>

        ${invitationBox()}

        <section class="card" aria-labelledby="invite-h">
          <h2 id="invite-h">${w.inviteH}</h2>
          <p class="muted">${w.inviteLead}</p>
          ${errorBox(st.inviteError, w.noAccount)}
          <form class="stack-form" @submit=${invite} novalidate>
            <div class="field">
              <label for="inv-name">${w.name}</label>
              <input id="inv-name" name="name" type="text" autocomplete="off" maxlength="200" />
            </div>
            <div class="field">
              <label for="inv-email">${w.email}</label>
              <input id="inv-email" name="email" type="email" autocomplete="off" maxlength="200" />
            </div>
            <div class="field">
              <label for="inv-code">${w.code}</label>
              <input id="inv-code" name="code" type="text" autocomplete="off" maxlength="64" />
            </div>
            <div class="field">
              <label for="inv-role">${w.role}</label>
              <select id="inv-role" name="role">
                ${ROLES.map((k) => html`<option value=${k}>${roleName(k)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="inv-site">${w.site}</label>
              <select id="inv-site" name="site">
                ${siteOptions(null)}
              </select>
            </div>
            <button class="primary" type="submit">${w.create}</button>
          </form>
        </section>
        <div id="security-card"></div>
        <div id="progress-card"></div>
      </div>`,
      true,
    );
  }
  draw();
  // Two-factor requirement (account/networkSecurity.ts draws its own card into the place left for it).
  const card = document.getElementById("security-card");
  if (card) await securityCard(card, ctx.lang);
  // Patients' own progress (patient/progressSetting.ts), likewise.
  const progress = document.getElementById("progress-card");
  if (progress) await progressSettingCard(progress, ctx.lang);
}
