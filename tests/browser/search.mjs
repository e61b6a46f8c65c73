// The search page of a built site, served as a static host would serve it
// (under a path, here /bulletin/), finds articles as the reader types.
// Usage: node search.mjs OUTPUT_DIR QUERIES_JSON
//   QUERIES_JSON: [{"query": "消防", "titles": ["…", "…"]}, {"query": "恐龙", "titles": []},
//                  {"query": "銀行", "titles": ["…"], "marks": ["银行", "銀行"]}]
// Prints PASS when every query shows exactly the titles given (in any order),
// says it found exactly that many, with the query marked (each of `marks` if
// given, else each word of the query) and no request left the site.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { launch, fail } from "./browser.mjs";

const [root, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const PREFIX = "/bulletin/";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".bin": "application/octet-stream",
  ".xml": "application/xml",
};

// A static host: files under PREFIX, index.html for folders, 404 otherwise.
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!path.startsWith(PREFIX)) return notFound(res);
  let file = normalize(join(root, path.slice(PREFIX.length)));
  if (!file.startsWith(normalize(root))) return notFound(res);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    notFound(res);
  }
});
function notFound(res) {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
}
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  const errors = [];
  const outside = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(origin)) outside.push(r.url()); });
  await page.goto(origin + PREFIX + "search/", { waitUntil: "load" });

  for (const { query, titles, marks } of queries) {
    await page.fill("#search-input", query);
    // The status names the query, so an answer to the one before is never taken for this one's.
    const want = titles.length ? `“${query}”：找到 ${titles.length} 篇` : `没有找到包含“${query}”`;
    await page.waitForFunction((w) => document.getElementById("search-status").textContent.includes(w), want, { timeout: 10000 })
      .catch(async () => fail(`${query}: expected "${want}", the page says "${await page.textContent("#search-status")}"`));
    const shown = await page.$$eval(".search-result-title a", (as) => as.map((a) => a.textContent));
    const sorted = (xs) => [...xs].sort().join(" | ");
    if (sorted(shown) !== sorted(titles)) fail(`${query}: shows ${sorted(shown)}, expected ${sorted(titles)}`);
    // The count is the number of articles shown: never an upper bound that showing them corrects.
    const said = await page.textContent("#search-status");
    if (titles.length && titles.length <= 10 && (said.includes("显示前") || await page.isVisible("#search-more"))) {
      fail(`${query}: all ${titles.length} results are shown, but the page says "${said}" or offers more`);
    }
    if (titles.length) {
      const marked = await page.$$eval(".search-result mark", (ms) => ms.map((m) => m.textContent));
      const words = marks || query.toLowerCase().split(/\s+/);
      if (!words.every((w) => marked.some((m) => m.toLowerCase() === w.toLowerCase()))) fail(`${query}: not every word is marked in the results (${marked}), expected ${words}`);
      const meta = await page.textContent(".search-result .meta");
      if (!/\d{4}年\d{1,2}月\d{1,2}日/.test(meta)) fail(`${query}: a result shows no date: ${meta}`);
    }
    console.log(`ok: ${query} → ${shown.length} result(s)`);
  }

  // A result leads to its article, under the site's path.
  const last = queries.findLast((q) => q.titles.length);
  await page.fill("#search-input", last.query);
  await page.waitForSelector(".search-result-title a");
  await Promise.all([page.waitForNavigation(), page.click(".search-result-title a")]);
  if (!page.url().startsWith(origin + PREFIX)) fail(`a result led to ${page.url()}`);
  const heading = await page.textContent("h1");
  if (!last.titles.includes(heading.trim())) fail(`the result led to "${heading}"`);

  // The query is in the address, so a search can be shared and comes back.
  await page.goto(origin + PREFIX + "search/?q=" + encodeURIComponent(last.query), { waitUntil: "load" });
  await page.waitForSelector(".search-result-title a", { timeout: 10000 })
    .catch(() => fail("a search given in the address shows no results"));

  // Without JavaScript the page says that search needs it.
  const plain = await browser.newPage({ javaScriptEnabled: false });
  await plain.goto(origin + PREFIX + "search/", { waitUntil: "load" });
  const text = await plain.evaluate(() => document.body.innerText);
  if (!text.includes("JavaScript")) fail("without JavaScript the page does not say that search needs it");

  if (outside.length) fail("requests left the site: " + outside.join(", "));
  if (errors.length) fail("page errors: " + errors.join("; "));
  console.log("PASS: search finds what it should");
} finally {
  await browser.close();
  server.close();
}
