import { chromium } from "playwright-core";
const base = "http://127.0.0.1:8091";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking"] });
const errors: string[] = [];
for (const [who, pages] of [
  ["c1@demo.attune.dev", ["/studies", "/network", "/import", "/patients", "/research"]],
  ["r1@demo.attune.dev", ["/research", "/runs"]],
  ["k1@demo.attune.dev", ["/"]],
] as const) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  p.on("console", (m) => m.type() === "error" && errors.push(`${who} ${p.url()}: ${m.text()}`));
  p.on("pageerror", (e) => errors.push(`${who} ${p.url()}: ${e.message}`));
  await p.goto(base + "/");
  await p.getByLabel("Email").fill(who);
  await p.getByLabel("Password").fill("attune-demo-password");
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.waitForTimeout(1500);
  for (const path of pages) {
    await p.goto(base + path);
    await p.waitForTimeout(1500);
    await p.screenshot({ path: `/tmp/shots/${who.slice(0, 2)}${path.replace(/\//g, "_")}.png`, fullPage: true });
  }
  if (who.startsWith("c1")) {
    await p.goto(base + "/studies");
    await p.waitForTimeout(800);
    const first = p.locator("main a[href^='/studies/']").first();
    console.log("study link:", await first.getAttribute("href"));
    await first.click();
    await p.waitForTimeout(2000);
    await p.screenshot({ path: `/tmp/shots/c1_study.png`, fullPage: true });
  }
  if (who.startsWith("r1")) {
    await p.goto(base + "/research");
    await p.waitForTimeout(800);
    const t0 = Date.now();
    await p.getByLabel(/All five/).check().catch(() => console.log("no All five label"));
    await p.getByRole("button", { name: /Run/ }).first().click();
    await p.waitForURL(/\/runs\//, { timeout: 60000 }).catch(() => console.log("no run url"));
    await p.waitForTimeout(1500);
    console.log("run all on demo network:", Date.now() - t0, "ms", p.url());
    await p.screenshot({ path: `/tmp/shots/r1_runall.png`, fullPage: true });
  }
  await ctx.close();
}
console.log(errors.join("\n") || "no console errors");
await b.close();
