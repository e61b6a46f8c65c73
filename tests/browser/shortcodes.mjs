// An article page with shortcodes, served as a static host would serve it, read
// in Chromium without JavaScript: the photo set is a grid of pictures that load,
// each opening its full-size file; the video has its poster; no link is broken.
// Usage: node shortcodes.mjs OUTPUT_DIR PAGE_PATH
// Prints PASS when all holds.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { launch, fail } from "./browser.mjs";

const [root, pagePath] = process.argv.slice(2);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".mp4": "video/mp4",
  ".pdf": "application/pdf",
};

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = normalize(join(root, path));
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
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, javaScriptEnabled: false });
  const missing = [];
  page.on("response", (r) => { if (r.status() >= 400) missing.push(r.url()); });
  await page.goto(origin + pagePath, { waitUntil: "load" });

  // Six cells in rows of three, every picture loaded and drawn at its cell's width.
  const cells = await page.$$eval(".sc-photoset li", (lis) => lis.map((li) => {
    const img = li.querySelector("img");
    const box = img.getBoundingClientRect();
    return { top: Math.round(box.top), width: box.width, loaded: img.complete && img.naturalWidth > 0,
             href: li.querySelector("a").href, caption: li.querySelector("figcaption")?.textContent || "" };
  }));
  if (cells.length !== 6) fail(`the photo set shows ${cells.length} pictures, not 6`);
  const rows = new Set(cells.map((c) => c.top));
  if (rows.size !== 2) fail(`the photo set is not a grid of two rows of three: tops ${[...rows]}`);
  for (const c of cells) {
    if (!c.loaded) fail(`a picture of the set did not load: ${c.href}`);
    if (c.width < 100) fail(`a picture of the set is drawn ${c.width}px wide`);
  }
  if (!cells[0].caption.includes("消防员进行演练") || !cells[0].caption.includes("摄影：李强")) fail(`the first caption reads "${cells[0].caption}"`);

  // A click opens the full-size picture, without JavaScript.
  await Promise.all([page.waitForNavigation(), page.click(".sc-photoset li:first-child a")]);
  if (!page.url().endsWith(".jpg")) fail(`a picture of the set opened ${page.url()}`);
  const size = await page.evaluate(() => [document.images[0].naturalWidth, document.images[0].naturalHeight]);
  if (size[0] !== 640 || size[1] !== 480) fail(`the full-size picture is ${size}`);
  await page.goBack();

  // The video has its poster, and the poster loads.
  const poster = await page.$eval(".sc-video video", (v) => v.poster);
  const answer = await page.request.get(poster);
  if (!poster || answer.status() !== 200) fail(`the video's poster ${poster} does not load`);
  const note = await page.textContent(".sc-note .sc-note-title");
  if (note.trim() !== "编者按") fail(`the note's title reads "${note}"`);

  // Every link and source of the page's body leads somewhere.
  const urls = await page.$$eval(".story-body a[href], .story-body [src]", (els) => els.map((e) => e.href || e.src));
  for (const url of urls.filter((u) => u.startsWith(origin))) {
    const r = await page.request.get(url);
    if (r.status() !== 200) fail(`${url} answers ${r.status()}`);
  }
  if (missing.length) fail("not found: " + missing.join(", "));
  console.log("PASS: the shortcodes' page works");
} finally {
  await browser.close();
  server.close();
}
