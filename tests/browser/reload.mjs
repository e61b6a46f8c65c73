// A page served by `jianbao serve` reloads by itself when its article is saved,
// and comes back at the same scroll position.
// Usage: node reload.mjs PAGE_URL ARTICLE_FILE NEW_TEXT
import { readFileSync, writeFileSync } from "node:fs";
import { launch, fail } from "./browser.mjs";

const [url, file, newText] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 400 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  // Give the page's reload channel a moment to open before editing.
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__beforeReload = true; window.scrollTo(0, 200); });
  const scrolled = await page.evaluate(() => window.scrollY);

  const source = readFileSync(file, "utf8");
  writeFileSync(file, source.replace(/\n---\n/, "\n---\n" + newText + "\n\n"));

  await page.waitForFunction((text) => document.body.innerText.includes(text), newText, { timeout: 10000 })
    .catch(() => fail("the page did not show the edit by itself"));
  const reloaded = await page.evaluate(() => window.__beforeReload === undefined);
  if (!reloaded) fail("the text changed without a reload");
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => window.scrollY);
  if (Math.abs(after - scrolled) > 5) fail(`scroll position not kept: ${scrolled} before, ${after} after`);
  if (errors.length) fail("page errors: " + errors.join("; "));
  console.log("PASS: reloaded by itself, scroll kept at " + after);
} finally {
  await browser.close();
}
