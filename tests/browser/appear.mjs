// The page of an article not yet written, open in a tab (the site's 404 page),
// shows the article by itself once its file is saved.
// Usage: node appear.mjs PAGE_URL ARTICLE_FILE TEXT TITLE
import { writeFileSync } from "node:fs";
import { launch, fail } from "./browser.mjs";

const [url, file, text, title] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 600 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const first = await page.goto(url, { waitUntil: "load" });
  if (first.status() !== 404) fail(`expected the 404 page first, got ${first.status()}`);
  // Give the page's reload channel a moment to open before saving.
  await page.waitForTimeout(500);
  writeFileSync(file, text);
  await page.waitForFunction((t) => document.body.innerText.includes(t), title, { timeout: 10000 })
    .catch(() => fail("the new article did not appear by itself"));
  if (errors.length) fail("page errors: " + errors.join("; "));
  console.log("PASS: the new article appeared in the open tab");
} finally {
  await browser.close();
}
