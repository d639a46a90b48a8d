// A run's figures are the report's: the list gives each figure's title, caption and the numbers it draws
// (the run's recorded per-therapist estimates), each SVG is served as an image that can run no script,
// and the same SVG is in the run's HTML report.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { normaliseSvg } from "@attune/report";
import type { RunFiguresOut, RunWithResults } from "@attune/api";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");

describeEachDialect("a run's figures", (dialect) => {
  let h: Harness;
  let researcher: Client;
  let study = "";

  const runOf = async (recipe: string) => {
    const res = await researcher.request("POST", "/api/runs", { recipe, study });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as RunWithResults;
  };
  const figuresOf = async (id: string) => {
    const res = await researcher.request("GET", `/api/runs/${id}/figures`);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as RunFiguresOut).figures;
  };

  beforeAll(async () => {
    h = await openHarness(dialect);
    const coord = await h.signIn(h.a.emails.coordinator);
    researcher = await h.signIn(h.a.emails.researcher);
    const imp = await coord.request("POST", "/api/import/long-csv?study=figs", readFileSync(PRN, "utf8"), {
      "content-type": "text/csv",
    });
    expect(imp.status, await imp.clone().text()).toBe(200);
    const { studies } = (await (await researcher.request("GET", "/api/studies")).json()) as {
      studies: { id: string; name: string }[];
    };
    study = studies.find((s) => s.name === "figs")!.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("congruence: the report's caterpillars, with the run's own per-therapist numbers", async () => {
    const run = await runOf("congruence");
    const figures = await figuresOf(run.id);
    const units = run.results.derived?.["congruence"]?.units ?? [];
    expect(units.map((u) => u.label)).toEqual(["directional bias", "truth force"]);
    const cats = figures.filter((f) => f.kind === "caterpillar" && f.model === "congruence");
    expect(cats.map((f) => f.title)).toEqual([
      "Each therapist's directional bias",
      "Each therapist's truth force",
    ]);
    const report = normaliseSvg(
      await (await researcher.request("GET", `/api/runs/${run.id}/report.html`)).text(),
    );
    for (const [i, f] of cats.entries()) {
      // The numbers beside the figure are the run's recorded estimates, lowest first.
      const recorded = [...units[i]!.units].sort((a, b) => a.estimate - b.estimate);
      expect(f.data.head).toEqual(["therapist", "arm", "estimate", "lower", "upper"]);
      expect(f.data.rows.map((r) => r[0])).toEqual(recorded.map((u) => u.unit));
      for (const [j, r] of f.data.rows.entries()) {
        expect(r[2] as number).toBeCloseTo(recorded[j]!.estimate, 10);
        expect(r[3] as number).toBeCloseTo(recorded[j]!.lower, 10);
      }
      const res = await researcher.request("GET", `/api/runs/${run.id}/figures/${f.index}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/script-src/);
      const svg = await res.text();
      expect(svg.startsWith('<svg role="img"')).toBe(true);
      expect(svg).toContain(`<title>${f.title}</title><desc>${f.caption}</desc>`);
      // One dot per therapist, and the very SVG the HTML report draws.
      expect(svg.match(/<circle/g)?.length).toBe(f.data.rows.length);
      expect(report).toContain(normaliseSvg(svg));
    }
  });

  it("the response surface: wireframe and contours with the predicted grid; no figure 99; not for a therapist", async () => {
    const run = await runOf("rsa");
    const figures = await figuresOf(run.id);
    expect(figures.map((f) => f.kind)).toEqual(["surface", "contour"]);
    expect(figures[0]!.title).toBe("Response surface of rsa");
    expect(figures[0]!.data.rows).toHaveLength(25);
    const missing = await researcher.request("GET", `/api/runs/${run.id}/figures/99`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/has 2 figures; there is no figure 99/);
    const therapist = await h.signIn(h.a.emails.therapist);
    expect((await therapist.request("GET", `/api/runs/${run.id}/figures/0`)).status).toBe(403);
  });

  it("draws the axes in the page's language (?lang=fr), each language cached apart; refuses another", async () => {
    const run = await runOf("congruence");
    const svg = async (lang: string) => {
      const res = await researcher.request("GET", `/api/runs/${run.id}/figures/0${lang}`);
      expect(res.status, lang).toBe(200);
      return res.text();
    };
    const axis = /<text[^>]*>[^<]*(biais directionnel|directional bias)/;
    expect(axis.exec(await svg("?lang=fr"))?.[1]).toBe("biais directionnel");
    // English after French (and by default): not the French drawing from the cache.
    expect(axis.exec(await svg("?lang=en"))?.[1]).toBe("directional bias");
    expect(axis.exec(await svg(""))?.[1]).toBe("directional bias");
    const list = await researcher.request("GET", `/api/runs/${run.id}/figures?lang=fr`);
    expect(((await list.json()) as RunFiguresOut).figures.map((f) => f.data)).toEqual(
      (await figuresOf(run.id)).map((f) => f.data),
    );
    const bad = await researcher.request("GET", `/api/runs/${run.id}/figures/0?lang=de`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/lang/);
  });
});
