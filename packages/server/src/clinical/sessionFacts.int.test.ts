// Session modality and episode end through the API, on each dialect: the episode's therapist and the
// coordinator set them (audited, with what it was before); another therapist gets 404, a researcher 403;
// bad values are 400s naming the field and store nothing; a researcher reads them only pseudonymised
// (codes in the long CSV, no dates there).
import { afterAll, beforeAll, expect, it } from "vitest";
import { listAudit } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { LONG_COLUMNS } from "@attune/core";

describeEachDialect("session modality and episode end (API)", (dialect) => {
  let h: Harness;
  let therapist: Client;
  let other: Client;
  let researcher: Client;
  let coordinator: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    therapist = await h.signIn(h.a.emails.therapist);
    other = await h.signIn(h.a.emails.therapist2);
    researcher = await h.signIn(h.a.emails.researcher);
    coordinator = await h.signIn(h.a.emails.coordinator);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sets a session's modality (own patients only), audited with the value it replaced", async () => {
    const path = `/api/sessions/${h.a.ids.session}/modality`;
    const res = await therapist.request("PUT", path, { modality: "video" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: h.a.ids.session, modality: "video" });
    expect((await therapist.request("PUT", path, { modality: "phone" })).status).toBe(200);
    expect((await other.request("PUT", path, { modality: "in person" })).status).toBe(404);
    expect((await researcher.request("PUT", path, { modality: "in person" })).status).toBe(403);
    const bad = await therapist.request("PUT", path, { modality: "zoom" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("modality");
    const list = (await (
      await researcher.request("GET", `/api/episodes/${h.a.ids.episode}/sessions`)
    ).json()) as { sessions: { id: string; modality: string | null }[] };
    expect(list.sessions.find((s) => s.id === h.a.ids.session)?.modality).toBe("phone");
    const entries = (
      await listAudit(h.store.db, { networkId: h.a.networkId, entity: "session", entityId: h.a.ids.session })
    ).filter((e) => e.action === "update");
    expect(entries.map((e) => JSON.parse(e.detail ?? "{}") as unknown)).toEqual(
      expect.arrayContaining([
        { modality: "video", was: null },
        { modality: "phone", was: "video" },
      ]),
    );
    // A new session can carry its modality from the start.
    const made = await coordinator.request("POST", `/api/episodes/${h.a.ids.episode}/sessions`, {
      number: 7,
      date: "2025-03-20",
      modality: "in person",
    });
    expect(await made.json()).toMatchObject({ number: 7, modality: "in person" });
  });

  it("ends and reopens an episode (therapist or coordinator), refusing an end before the last session", async () => {
    const path = `/api/episodes/${h.a.ids.episode}/end`;
    const early = await therapist.request("PUT", path, { endedAt: "2025-03-10", reason: "dropout" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain(
      "end date 2025-03-10 is before the episode's last session (2025-03-20)",
    );
    expect((await therapist.request("PUT", path, { endedAt: "2025-04-01", reason: "moved" })).status).toBe(
      400,
    );
    expect((await other.request("PUT", path, { endedAt: "2025-04-01", reason: "dropout" })).status).toBe(404);
    expect((await researcher.request("PUT", path, { endedAt: "2025-04-01", reason: "dropout" })).status).toBe(
      403,
    );
    expect((await researcher.request("DELETE", path)).status).toBe(403);
    const ended = await therapist.request("PUT", path, { endedAt: "2025-04-01", reason: "dropout" });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ endedAt: "2025-04-01", endReason: "dropout" });
    const seen = (await (await researcher.request("GET", `/api/episodes/${h.a.ids.episode}`)).json()) as {
      endReason: string;
    };
    expect(seen.endReason).toBe("dropout");
    const csv = await (await researcher.request("GET", "/api/export/long.csv")).text();
    const [header, ...rows] = csv.trim().split("\n");
    // The long table's columns (core's LONG_COLUMNS), the episode's end reason last of them.
    expect(header!.split(",").slice(0, LONG_COLUMNS.length)).toEqual([...LONG_COLUMNS]);
    // Codes and reasons only: no end date, no ids, no names.
    expect(rows.some((r) => r.endsWith(",phone,dropout"))).toBe(true);
    expect(csv).not.toContain("2025-04-01");
    expect(csv).not.toContain(h.a.ids.episode);
    const reopened = await coordinator.request("DELETE", path);
    expect(await reopened.json()).toMatchObject({ endedAt: null, endReason: null });
    const audit = (
      await listAudit(h.store.db, { networkId: h.a.networkId, entity: "episode", entityId: h.a.ids.episode })
    )
      .filter((e) => e.action === "update")
      .map((e) => JSON.parse(e.detail ?? "{}") as unknown);
    expect(audit).toEqual(
      expect.arrayContaining([
        { endedAt: "2025-04-01", endReason: "dropout", was: { endedAt: null, endReason: null } },
        { endedAt: null, endReason: null, was: { endedAt: "2025-04-01", endReason: "dropout" } },
      ]),
    );
  });
});
