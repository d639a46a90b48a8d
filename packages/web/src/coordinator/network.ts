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

const ROLES: [string, string][] = [
  ["therapist", "Therapist"],
  ["researcher", "Researcher"],
  ["coder", "Coder (observer ratings)"],
  ["coordinator", "Coordinator"],
];
const roleName = (r: string) => ROLES.find(([k]) => k === r)?.[1] ?? r;

/** The staff table's search (code, name, e-mail), filters (role, site, access) and orders. */
function staffSpec(sites: Site[]): FindSpec<User> {
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? "No site";
  return {
    id: "staff",
    label: "Staff",
    search: "Find staff",
    hint: "code, name or e-mail",
    text: (u) => [u.code, u.displayName, u.email ?? ""],
    filters: [
      { key: "role", label: "Role", any: "Every role", value: (u) => u.role, name: roleName },
      { key: "site", label: "Site", any: "Every site", value: (u) => u.siteId ?? "", name: siteName },
      {
        key: "access",
        label: "Access",
        any: "Enabled or disabled",
        value: (u) => (u.disabled ? "disabled" : "enabled"),
        name: (v) => (v === "disabled" ? "Disabled only" : "Enabled only"),
      },
    ],
    sorts: [
      { key: "code", label: "Code", compare: byText((u) => u.code) },
      { key: "name", label: "Name", compare: byText((u) => u.displayName) },
      {
        key: "role",
        label: "Role, then code",
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
  const find = newFind(staffSpec([]));

  const addSite = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = String(new FormData(form).get("site-name") ?? "").trim();
    st.siteError = null;
    try {
      if (!name) throw new Error("Type the site's name (for example the clinic's name).");
      if (st.sites.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`There is already a site called "${name}".`);
      await call(ctx, "POST", "/api/sites", { name });
      await load();
      form.reset();
      st.notice = `Site "${name}" added.`;
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
      const missing = [
        ["name", "the name"],
        ["email", "the email address"],
        ["code", "the code"],
      ].filter(([k]) => !get(k!));
      if (missing.length) throw new Error(`Please fill in ${missing.map(([, w]) => w).join(", ")}.`);
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
      st.notice = `Account ${u.code} created.`;
      ctx.announce(`${st.notice} The invitation link is ready to copy.`);
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
      ctx.announce(`New invitation link for ${u.code} is ready to copy.`);
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
      const name = st.sites.find((s) => s.id === siteId)?.name ?? "no site";
      st.notice = `${u.code} now works at ${name}.`;
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
      st.notice = disabled ? `${u.code} is disabled and signed out.` : `${u.code} can sign in again.`;
      ctx.announce(st.notice);
    } catch (err) {
      st.rowError = err;
    }
    draw();
    if (st.rowError) focusError(ctx);
  };

  const siteOptions = (selected: string | null) =>
    html`<option value="" ?selected=${!selected}>No site</option>
      ${st.sites.map((s) => html`<option value=${s.id} ?selected=${s.id === selected}>${s.name}</option>`)}`;

  function invitationBox(): TemplateResult | typeof nothing {
    const i = st.invitation;
    if (!i) return nothing;
    return html`<section class="card invitation" aria-labelledby="invitation-h">
      <h2 id="invitation-h" tabindex="-1">
        ${i.again ? "New invitation link" : "Invitation link"} for ${i.user.displayName} (${i.user.code})
      </h2>
      ${
        i.inv.delivery
          ? html`<p class="ok-box" role="status">
              E-mailed to <strong>${i.user.email}</strong> (queued; the Messages page shows its delivery). The
              link is below too, in case the e-mail does not arrive.
            </p>`
          : nothing
      }
      ${copyField(ctx, "invitation-url", "Invitation link", i.inv.url)}
      <p>
        ${i.inv.delivery ? "Or send this link" : "Send this link"} to
        <strong>${i.user.email}</strong> yourself (e-mail or message). With it they choose their own password;
        you never see it. The link works <strong>once</strong> and expires on
        <strong>${when(i.inv.expiresAt)}</strong>. It is shown only now: if it gets lost or expires, use "New
        invitation link" in the staff table.
      </p>
    </section>`;
  }

  function draw(): void {
    const staff = found(st.users, staffSpec(st.sites), find, draw);
    const therapistsAt = (id: string) =>
      st.users.filter((u) => u.role === "therapist" && u.siteId === id).length;
    ctx.shell(
      "Network set-up",
      html`<div class="coord">
        <h1 tabindex="-1">Network set-up</h1>
        <p class="lead">
          Here you set up the network: the <strong>sites</strong> (clinics) where therapists work, and the
          <strong>staff accounts</strong>. Each therapist's site is their stratum when therapists are
          randomised to a study's arms, so set it before you randomise.
        </p>
        ${st.notice ? html`<p class="ok-box">${st.notice}</p>` : nothing}
        <section class="card" aria-labelledby="sites-h">
          <h2 id="sites-h">Sites</h2>
          ${
            st.sites.length
              ? html`<table>
                  <caption class="sr-only">
                    Sites of the network
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Site</th>
                      <th scope="col">Therapists</th>
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
              : html`<p class="muted">No sites yet. Add the first one below.</p>`
          }
          ${errorBox(st.siteError, "The site was not added.")}
          <form class="inline-form" @submit=${addSite} novalidate>
            <div class="field">
              <label for="site-name">New site's name</label>
              <input id="site-name" name="site-name" type="text" autocomplete="off" maxlength="200" />
            </div>
            <button class="primary" type="submit">Add site</button>
          </form>
        </section>

        <section class="card" aria-labelledby="staff-h">
          <h2 id="staff-h">Staff</h2>
          <p class="muted">
            Everyone appears by their pseudonymous code in study lists and data. Change a therapist's site
            with the menu and "Save site".
          </p>
          ${errorBox(st.rowError, "That did not work.")} ${staff.bar} ${staff.count}
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="staff-h">
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Site</th>
                  <th scope="col">Invitation</th>
                  <th scope="col">Access</th>
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
                          <select id=${`site-of-${u.id}`} aria-label=${`Site of ${u.code}`}>
                            ${siteOptions(u.siteId)}
                          </select>
                          <button type="button" class="secondary small-btn" @click=${() => void setSite(u)}>
                            Save site<span class="sr-only"> of ${u.code}</span>
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
                                New invitation link<span class="sr-only"> for ${u.code}</span>
                              </button>`
                            : html`<span class="muted">—</span>`
                        }
                      </td>
                      <td>
                        ${
                          u.id === ctx.me.id
                            ? html`<span class="muted">you</span>`
                            : html`<button
                                  type="button"
                                  class="secondary small-btn"
                                  @click=${() => void setDisabled(u, !u.disabled)}
                                >
                                  ${u.disabled ? "Enable" : "Disable"}<span class="sr-only"> ${u.code}</span>
                                </button>
                                ${u.disabled ? html`<span class="muted">disabled</span>` : nothing}`
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
          <h2 id="invite-h">Invite a staff member</h2>
          <p class="muted">
            Creates the account and an invitation link. You send the link; the person sets their own password
            with it.
          </p>
          ${errorBox(st.inviteError, "No account was created.")}
          <form class="stack-form" @submit=${invite} novalidate>
            <div class="field">
              <label for="inv-name">Name</label>
              <input id="inv-name" name="name" type="text" autocomplete="off" maxlength="200" />
            </div>
            <div class="field">
              <label for="inv-email">Email (they sign in with it)</label>
              <input id="inv-email" name="email" type="email" autocomplete="off" maxlength="200" />
            </div>
            <div class="field">
              <label for="inv-code">Code (pseudonymous, shown in study data, e.g. T07)</label>
              <input id="inv-code" name="code" type="text" autocomplete="off" maxlength="64" />
            </div>
            <div class="field">
              <label for="inv-role">Role</label>
              <select id="inv-role" name="role">
                ${ROLES.map(([k, v]) => html`<option value=${k}>${v}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="inv-site">Site</label>
              <select id="inv-site" name="site">
                ${siteOptions(null)}
              </select>
            </div>
            <button class="primary" type="submit">Create account and invitation link</button>
          </form>
        </section>
        <div id="security-card"></div>
        <div id="progress-card"></div>
      </div>`,
    );
  }
  draw();
  // Two-factor requirement (account/networkSecurity.ts draws its own card into the place left for it).
  const card = document.getElementById("security-card");
  if (card) await securityCard(card);
  // Patients' own progress (patient/progressSetting.ts), likewise.
  const progress = document.getElementById("progress-card");
  if (progress) await progressSettingCard(progress);
}
