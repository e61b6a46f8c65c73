// On an article of an edition, `jianbao serve` shows a button that copies the
// article's WeChat copy to the clipboard as rich text; an article in no edition
// has no button.
// Usage: node copy.mjs ARTICLE_URL OTHER_ARTICLE_URL TITLE
import { launch, fail } from "./browser.mjs";

const [url, other, title] = process.argv.slice(2);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  const button = page.locator("#jianbao-copy-wechat");
  await button.waitFor({ timeout: 10000 }).catch(() => fail("no copy button on an article of an edition"));
  const before = await button.innerText();
  await button.click();
  await page.waitForFunction((b) => document.querySelector("#jianbao-copy-wechat").innerText !== b, before,
    { timeout: 10000 }).catch(() => fail("the button did not say it copied"));
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return await (await item.getType("text/html")).text();
  });
  if (!html.includes(title)) fail(`the copied HTML lacks the title: ${html.slice(0, 300)}`);
  if (!html.includes("style=")) fail("the copied HTML has no inline styles");
  if (/class=|<script|<style/.test(html)) fail("the copied HTML has a class, script or stylesheet");
  await page.goto(other, { waitUntil: "load" });
  await page.waitForTimeout(1000);
  if (await page.locator("#jianbao-copy-wechat").count()) fail("an article in no edition has a copy button");
  if (errors.length) fail("page errors: " + errors.join("; "));
  console.log("PASS: the WeChat copy was copied as rich text");
} finally {
  await browser.close();
}
