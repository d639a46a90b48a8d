// The one search/filter/sort mechanism of the long staff tables (find/findRows.ts), without a browser.
import { describe, expect, it } from "vitest";
import { byText, filterChoices, findRows, newFind, type FindSpec } from "../src/find/findRows.ts";
import { pageOf } from "../src/find/pager.ts";

interface Row {
  code: string;
  name: string;
  role: string;
}
const spec: FindSpec<Row> = {
  id: "t",
  label: "Rows",
  search: "Find",
  hint: "",
  text: (r) => [r.code, r.name],
  filters: [{ key: "role", label: "Role", any: "Any", value: (r) => r.role, name: (v) => v.toUpperCase() }],
  sorts: [
    { key: "code", label: "Code", compare: byText((r) => r.code) },
    { key: "name", label: "Name", compare: byText((r) => r.name) },
  ],
};
const rows: Row[] = [
  { code: "T10", name: "Ada", role: "therapist" },
  { code: "T2", name: "Bea", role: "therapist" },
  { code: "K1", name: "Cyd", role: "coder" },
  { code: "T1", name: "dan", role: "therapist" },
];

describe("finding rows in a staff table", () => {
  it("starts with no search, no filter and the first order", () => {
    const s = newFind(spec);
    expect(s).toEqual({ text: "", filters: {}, sort: "code", page: 0 });
    expect(findRows(rows, spec, s).map((r) => r.code)).toEqual(["K1", "T1", "T2", "T10"]);
  });

  it("matches any searched text case-insensitively, combined with the filters", () => {
    const s = { ...newFind(spec), text: " DA" };
    expect(findRows(rows, spec, s).map((r) => r.code)).toEqual(["T1", "T10"]);
    s.filters = { role: "coder" };
    expect(findRows(rows, spec, s)).toEqual([]);
    s.text = "";
    expect(findRows(rows, spec, s).map((r) => r.code)).toEqual(["K1"]);
  });

  it("orders by the chosen key without changing the rows given, numbers by value", () => {
    const s = { ...newFind(spec), sort: "name" };
    expect(findRows(rows, spec, s).map((r) => r.name)).toEqual(["Ada", "Bea", "Cyd", "dan"]);
    expect(rows[0]!.code).toBe("T10");
    s.sort = "unknown";
    expect(findRows(rows, spec, s)[3]!.code).toBe("T10");
  });

  it("offers each distinct filter value once, sorted, with its menu name", () => {
    expect(filterChoices(rows, spec.filters[0]!)).toEqual([
      ["coder", "CODER"],
      ["therapist", "THERAPIST"],
    ]);
  });

  it("pages what is found, clamping a page that no longer exists", () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ code: `P${i + 1}`, name: "", role: "x" }));
    const found = findRows(many, spec, { ...newFind(spec), text: "p1" });
    // P1, P10–P19, P100–P120
    expect(found.length).toBe(1 + 10 + 21);
    expect(pageOf(found, 5, 10)).toMatchObject({ page: 3, pages: 4 });
    expect(pageOf(found, 5, 10).rows.map((r) => r.code)).toEqual(["P119", "P120"]);
  });

  it("keeps the given order under an order that ranks no row above another (the caseload's most urgent first)", () => {
    const urgent: FindSpec<Row> = {
      ...spec,
      filters: [
        {
          key: "t",
          label: "Only therapists",
          any: "",
          check: "yes",
          value: (r) => (r.role === "therapist" ? "yes" : "no"),
        },
      ],
      sorts: [{ key: "given", label: "As sent", compare: () => 0 }, ...spec.sorts],
    };
    const s = newFind(urgent);
    expect(findRows(rows, urgent, s).map((r) => r.code)).toEqual(["T10", "T2", "K1", "T1"]);
    s.filters = { t: "yes" };
    expect(findRows(rows, urgent, s).map((r) => r.code)).toEqual(["T10", "T2", "T1"]);
  });
});
