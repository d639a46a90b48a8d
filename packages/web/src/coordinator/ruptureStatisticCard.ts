// The calibration page's rupture-statistic card (issue 15): the coordinator chooses the mean score or the
// item answers (PUT /api/network/alert-settings, audited by the server) and sees the state of the item
// model's background fit — waiting, running since …, ready, failed: … — and which statistic the alerts use.
import { html, nothing, render } from "lit-html";
import type { AlertSettingsOut } from "@attune/api";
import { api } from "../api.ts";
import type { Lang } from "../lang.ts";
import { ruptureStatisticText } from "./ruptureStatisticText.ts";

/** A stored time for people, in the page's language (minutes). */
const when = (iso: string | null, lang: Lang): string =>
  iso === null
    ? "?"
    : new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
      });

/**
 * Fills `el` with the card and keeps it up to date; `announce` speaks a saved change (the shell's live region).
 *
 * @example
 * void ruptureStatisticCard(root.querySelector("#rupture-statistic")!, ctx.lang, ctx.announce);
 */
export async function ruptureStatisticCard(
  el: HTMLElement,
  lang: Lang,
  announce: (message: string) => void,
): Promise<void> {
  const t = ruptureStatisticText(lang);
  let s = await api<AlertSettingsOut>("GET", "/api/network/alert-settings");
  let error = "";
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const wanted = (e.target as HTMLFormElement).querySelector<HTMLSelectElement>(
      "#rupture-statistic",
    )!.value;
    try {
      s = await api<AlertSettingsOut>("PUT", "/api/network/alert-settings", { ruptureStatistic: wanted });
      error = "";
      announce(t.saved(s.ruptureStatistic === "items"));
    } catch (err) {
      error = String(err);
    }
    draw();
  };
  const state = () => {
    const c = s.itemCalibration;
    switch (c.state) {
      case "off":
        return t.off(c.chosen);
      case "waiting":
        return t.waiting;
      case "running":
        return t.running(when(c.startedAt, lang), c.inUse);
      case "ready":
        return t.ready(when(c.fittedAt, lang), c.fitResponses ?? 0, c.refitAt);
      case "failed":
        return html`${t.failed(c.inUse)} <span lang="en">${c.error}</span>`;
    }
  };
  const draw = () =>
    render(
      html`<h3 id="rupture-statistic-h">${t.title}</h3>
        <p class="muted small">${t.lead}</p>
        <p data-testid="rupture-statistic-state" data-state=${s.itemCalibration.state}>${state()}</p>
        ${error ? html`<p class="error-box" role="alert">${error}</p>` : nothing}
        <form @submit=${save} aria-labelledby="rupture-statistic-h">
          <p>
            <label for="rupture-statistic">${t.label}</label><br />
            <select id="rupture-statistic">
              <option value="mean" ?selected=${s.ruptureStatistic === "mean"}>${t.mean}</option>
              <option value="items" ?selected=${s.ruptureStatistic === "items"}>${t.items}</option>
            </select>
          </p>
          <button class="primary" type="submit">${t.save}</button>
        </form>`,
      el,
    );
  draw();
}
