// Therapist attributes in FHIR on each dialect: the Bundle export carries a Practitioner per therapist
// (code and attribute values only), a re-import into another network stores the same values, and a bad
// or conflicting value is refused through the long CSV's checks, naming the entry, with nothing stored.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import {
  attributeValues,
  countResponses,
  createNetwork,
  createUser,
  defineAttribute,
  type Store,
} from "@attune/db";
import { attributeValue } from "@attune/core";
import type { Practitioner } from "fhir/r4";
import { builtinCatalog } from "../instruments/builtin.ts";
import { importLongCsv } from "./longCsv.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import { THERAPIST_ATTRIBUTE_EXTENSION } from "./fhirPractitioner.ts";

describeEachDialect("therapist attributes in FHIR Practitioners", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const instruments = builtinCatalog();
  beforeAll(async () => ({ store, dispose } = await openTestStore(dialect)));
  afterAll(() => dispose?.());

  const networkWithAttributes = async (name: string) => {
    const net = await createNetwork(store.db, name);
    const by = await createUser(store.db, {
      networkId: net.id,
      code: `C-${name}`,
      email: `c.${name}@test.dev`,
      displayName: "Coordinator",
      role: "coordinator",
      passwordHash: "x",
    });
    const years = await defineAttribute(store.db, {
      networkId: net.id,
      code: "years_practice",
      label: "Years of practice",
      kind: "numeric",
      by: by.id,
    });
    await defineAttribute(store.db, {
      networkId: net.id,
      code: "orientation",
      label: "Orientation",
      kind: "categorical",
      levels: ["cbt", "psychodynamic"],
      by: by.id,
    });
    return { net, years };
  };
  const valuesOf = async (networkId: string) =>
    (await attributeValues(store.db, networkId)).map((v) => [v.therapist_code, v.code, v.value]).sort();

  it("exports each therapist as a Practitioner with their attributes and re-imports the same values", async () => {
    const { net } = await networkWithAttributes("fhir-attr");
    const csv = [
      "therapist,patient,session,alliance_patient,years_practice,orientation",
      "T1,P1,1,4,12,cbt",
      "T1,P1,2,4,12,cbt",
      "T2,P2,1,3,3,psychodynamic",
    ].join("\n");
    const rep = await importLongCsv({ store, instruments }, csv, { networkId: net.id, actorId: null });
    expect(rep.rejected).toEqual([]);
    const bundle = await exportBundle(store, { networkId: net.id, baseUrl: "http://x" });
    const practitioners = bundle.entry!.flatMap((e) =>
      e.resource?.resourceType === "Practitioner" ? [e.resource as Practitioner] : [],
    );
    expect(practitioners.map((p) => p.identifier?.[0]?.value).sort()).toEqual(["T1", "T2"]);
    const t1 = practitioners.find((p) => p.identifier?.[0]?.value === "T1")!;
    // attune's fields only: no name, contact or site of the therapist.
    expect(Object.keys(t1).sort()).toEqual(["extension", "id", "identifier", "resourceType"]);
    const attrs = t1.extension!.map((x) => [
      x.url,
      x.extension?.find((y) => y.url === "code")?.valueCode,
      x.extension?.find((y) => y.url === "value")?.valueString,
    ]);
    expect(attrs.sort()).toEqual([
      [THERAPIST_ATTRIBUTE_EXTENSION, "orientation", "cbt"],
      [THERAPIST_ATTRIBUTE_EXTENSION, "years_practice", "12"],
    ]);

    const { net: copy } = await networkWithAttributes("fhir-attr-copy");
    const back = await importBundle({ store, instruments }, bundle, { networkId: copy.id, actorId: null });
    expect(back.rejected).toEqual([]);
    expect(back.created).toMatchObject({ attributes: 4 });
    expect(await valuesOf(copy.id)).toEqual(await valuesOf(net.id));

    // A value that differs from the stored one is refused (imports never overwrite), nothing else stored.
    const changed = structuredClone(bundle);
    const ext = (
      changed.entry!.find(
        (e) =>
          e.resource?.resourceType === "Practitioner" &&
          (e.resource as Practitioner).identifier?.[0]?.value === "T1",
      )!.resource as Practitioner
    ).extension!.find((x) => x.extension?.some((y) => y.valueCode === "years_practice"))!;
    ext.extension!.find((y) => y.url === "value")!.valueString = "13";
    const again = await importBundle({ store, instruments }, changed, { networkId: copy.id, actorId: null });
    expect(again.ok).toBe(false);
    expect(again.rejected.map((r) => r.message)).toContain(
      "therapist T1 already has years_practice 12; an import does not overwrite it with 13",
    );
    expect(await valuesOf(copy.id)).toEqual(await valuesOf(net.id));
  });

  it("refuses an unknown attribute or a bad value with the long table's words, storing nothing", async () => {
    const { net, years } = await networkWithAttributes("fhir-attr-bad");
    const practitioner = (value: string, code = "years_practice"): Practitioner => ({
      resourceType: "Practitioner",
      id: "x",
      identifier: [{ system: "https://attune.dev/fhir/therapist-code", value: "T9" }],
      extension: [
        {
          url: THERAPIST_ATTRIBUTE_EXTENSION,
          extension: [
            { url: "code", valueCode: code },
            { url: "value", valueString: value },
          ],
        },
      ],
    });
    const bundleOf = (p: Practitioner) => ({
      resourceType: "Bundle",
      type: "collection",
      entry: [{ resource: p }],
    });
    const bad = await importBundle({ store, instruments }, bundleOf(practitioner("many")), {
      networkId: net.id,
      actorId: null,
    });
    const said = attributeValue(years, "many");
    expect("problem" in said).toBe(true);
    expect(bad.rejected).toEqual([
      { row: 0, column: "years_practice", message: `therapist T9: ${(said as { problem: string }).problem}` },
    ]);
    const unknown = await importBundle({ store, instruments }, bundleOf(practitioner("x", "shoe_size")), {
      networkId: net.id,
      actorId: null,
    });
    expect(unknown.rejected[0]?.message).toMatch(/"shoe_size" is not a therapist attribute of this network/);
    expect(await valuesOf(net.id)).toEqual([]);
    expect(await countResponses(store.db, net.id)).toBe(0);
    const ok = await importBundle({ store, instruments }, bundleOf(practitioner("7")), {
      networkId: net.id,
      actorId: null,
    });
    expect(ok.rejected).toEqual([]);
    expect(await valuesOf(net.id)).toEqual([["T9", "years_practice", "7"]]);
  });
});
