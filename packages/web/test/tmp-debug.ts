import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBootstrap, startServer } from "@attune/server";
import { launchBrowser, WEB_DIST, PHONE } from "./browser.ts";
const dir = mkdtempSync(join(tmpdir(), "dbg-"));
const server = await startServer({ dataDir: dir, port: 0, webDir: WEB_DIST });
await ensureBootstrap(server.store, { network: "N", email: "c@x.test", password: "coordinator-password" });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: PHONE });
await page.goto(`${server.url}/`);
await page.getByLabel("Email").fill("c@x.test");
await page.getByLabel("Password").fill("coordinator-password");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
for (const p of ["/instruments"]) {
  await page.goto(`${server.url}${p}`);
  await page.locator("h1").first().waitFor();
  console.log(p, await page.evaluate(`(() => { let e = document.querySelector('.table-wrap'); const out = []; while (e) { const cs = getComputedStyle(e); out.push(e.tagName + '.' + e.className + ' w=' + Math.round(e.getBoundingClientRect().width) + ' d=' + cs.display + ' ov=' + cs.overflowX); e = e.parentElement; } return out.join(' | '); })()`), await page.evaluate(`document.documentElement.scrollWidth + ' ' + JSON.stringify([...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 400 && !e.closest('.table-wrap')).slice(0,8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)))`));
}
await browser.close();
await server.close();
