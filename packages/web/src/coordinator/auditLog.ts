// The audit log (/audit), for coordinators: who read or changed which record, when. Filtered by the server
// (the log grows without bound, so it is never all sent): by staff member, action, kind of record and a date
// range, newest first, 100 entries a page with "Older entries" after the last one shown.
import { html, nothing } from "lit-html";
import type { AuditChoicesOut, AuditOut } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { User } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";
import { auditText } from "./auditText.ts";

const PAGE = 100;
type Entry = AuditOut["entries"][number];

/** The filter as the form holds it (dates are local YYYY-MM-DD, both ends included). */
interface AuditFilter {
  actorId: string;
  action: string;
  entity: string;
  from: string;
  to: string;
}

/**
 * The query string for a filter and a page (`before`: the id of the last entry already shown).
 *
 * @example
 * auditQuery({ actorId: "", action: "read", entity: "", from: "2026-05-01", to: "2026-05-01" }, null)
 * // "limit=100&action=read&from=2026-04-30T22:00:00.000Z&to=2026-05-01T22:00:00.000Z" (in Paris, summer)
 */
export function auditQuery(f: AuditFilter, before: string | null): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.actorId) q.set("actorId", f.actorId);
  if (f.action) q.set("action", f.action);
  if (f.entity) q.set("entity", f.entity);
  // A date is the coordinator's own day, from its local midnight to the next.
  const midnight = (d: string, plusDays = 0) => {
    const [y, m, day] = d.split("-").map(Number);
    return new Date(y!, m! - 1, day! + plusDays).toISOString();
  };
  if (f.from) q.set("from", midnight(f.from));
  if (f.to) q.set("to", midnight(f.to, 1));
  if (before) q.set("before", before);
  return q.toString();
}

/** The audit log page (/audit). */
export async function auditLogPage(ctx: StaffContext): Promise<void> {
  const [choices, { users }] = await Promise.all([
    call<AuditChoicesOut>(ctx, "GET", "/api/audit/choices"),
    call<{ users: User[] }>(ctx, "GET", "/api/users"),
  ]);
  ctx.setRefresh(null);
  const w = auditText(ctx.lang);
  /** A server code (action, kind of record) on a French page says it is English. */
  const code = ctx.lang === "en" ? nothing : "en";
  const filter: AuditFilter = { actorId: "", action: "", entity: "", from: "", to: "" };
  let entries: Entry[] = [];
  let more = false;
  let error: unknown = null;
  const who = (e: Entry) => {
    const u = users.find((x) => x.id === e.actorId);
    if (u) return `${u.code} (${u.displayName})`;
    return e.actorKind === "patient-link" ? w.patientLink : e.actorKind;
  };

  const load = async (older: boolean) => {
    error = null;
    try {
      const last = older ? (entries[entries.length - 1]?.id ?? null) : null;
      const r = await call<AuditOut>(ctx, "GET", `/api/audit?${auditQuery(filter, last)}`);
      entries = older ? [...entries, ...r.entries] : r.entries;
      more = r.entries.length === PAGE;
      ctx.announce(w.shown(entries.length, more));
    } catch (err) {
      error = err;
    }
    draw();
    if (error) focusError(ctx);
  };

  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    for (const k of ["actorId", "action", "entity", "from", "to"] as const)
      filter[k] = String(f.get(k) ?? "");
    void load(false);
  };

  const select = (
    name: keyof AuditFilter,
    label: string,
    any: string,
    options: [string, string][],
    lang: string | typeof nothing = nothing,
  ) =>
    html`<div class="field">
      <label for=${`audit-${name}`}>${label}</label>
      <select id=${`audit-${name}`} name=${name}>
        <option value="" ?selected=${filter[name] === ""}>${any}</option>
        ${options.map(
          ([v, t]) => html`<option value=${v} lang=${lang} ?selected=${filter[name] === v}>${t}</option>`,
        )}
      </select>
    </div>`;

  function draw(): void {
    ctx.shell(
      w.title,
      html`<div class="coord">
        <h1 tabindex="-1">${w.title}</h1>
        <p class="lead">${w.lead}</p>
        <form class="find" role="search" aria-label=${w.title} @submit=${apply}>
          ${select(
            "actorId",
            w.who,
            w.anyone,
            users.map((u) => [u.id, `${u.code} (${u.displayName})`]),
          )}
          ${select(
            "action",
            w.action,
            w.anyAction,
            choices.actions.map((a) => [a, a]),
            code,
          )}
          ${select(
            "entity",
            w.record,
            w.anyRecord,
            choices.entities.map((a) => [a, a.replace(/_/g, " ")]),
            code,
          )}
          <div class="field">
            <label for="audit-from">${w.from}</label>
            <input id="audit-from" name="from" type="date" .value=${filter.from} />
          </div>
          <div class="field">
            <label for="audit-to">${w.to}</label>
            <input id="audit-to" name="to" type="date" .value=${filter.to} />
          </div>
          <button class="primary" type="submit">${w.show}</button>
        </form>
        ${errorBox(error, w.unread)}
        <p class="muted small" data-testid="audit-count">${w.count(entries.length, more)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=${w.entries}>
          <table class="audit" data-testid="audit">
            <thead>
              <tr>
                ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (e) =>
                  html`<tr>
                    <th scope="row">${when(e.at, ctx.lang)}</th>
                    <td>${who(e)}</td>
                    <td lang=${code}>${e.action}</td>
                    <td lang=${code}>${e.entity.replace(/_/g, " ")}</td>
                    <td class="id"><code>${e.entityId ?? "—"}</code></td>
                    <td class="wrap small" lang=${code}>${e.detail ?? ""}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${
          more
            ? html`<button type="button" class="secondary" @click=${() => void load(true)}>
                ${w.older}
              </button>`
            : nothing
        }
      </div>`,
      true,
    );
  }
  await load(false);
}
