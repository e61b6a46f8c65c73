// Added by `jianbao serve` to every HTML page it serves (never by `jianbao build`):
// reloads the page when a rebuild changed it, keeping the scroll position,
// and shows build errors over the page until they are fixed. On an article
// or an edition that has a WeChat copy, a button copies that copy as rich
// text, ready to paste into the official-account editor. Its words come from
// the server (`jianbaoWords`), so that they are in the language of the run.
(() => {
  const here = decodeURI(location.pathname);
  const key = "jianbao-scroll:" + here;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    addEventListener("load", () => scrollTo(0, Number(saved)));
  }
  let overlay = null;
  const showError = ({ title: heading, message }) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "jianbao-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0d0d;color:#ffe7e7;border-top:4px solid #e5484d;padding:1em 1.2em;font:14px/1.5 ui-monospace,monospace;";
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = heading;
    const text = document.createElement("pre");
    text.style.cssText = "white-space:pre-wrap;margin:.6em 0 0";
    text.textContent = message;
    overlay.append(title, text);
  };
  const addCopyButton = (copyUrl) => {
    const button = document.createElement("button");
    button.type = "button";
    button.id = "jianbao-copy-wechat";
    button.textContent = jianbaoWords.copy;
    button.style.cssText = "position:fixed;right:1em;bottom:1em;z-index:2147483646;padding:.6em 1em;border:0;" +
      "border-radius:4px;background:#07c160;color:#fff;font:15px/1.2 sans-serif;cursor:pointer;box-shadow:0 2px 6px rgba(0,0,0,.3)";
    button.addEventListener("click", async () => {
      try {
        const doc = new DOMParser().parseFromString(await (await fetch(copyUrl)).text(), "text/html");
        doc.querySelectorAll("script").forEach((s) => s.remove());
        const html = doc.body.innerHTML.trim();
        const text = doc.body.textContent.replace(/\n{3,}/g, "\n\n").trim();
        await navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        })]);
        button.textContent = jianbaoWords.copied;
      } catch {
        button.textContent = jianbaoWords.copyFailed;
      }
      setTimeout(() => { button.textContent = jianbaoWords.copy; }, 4000);
    });
    document.body.append(button);
  };
  if (["page-article", "page-issue"].some((c) => document.body.classList.contains(c))) {
    const copyUrl = here + "wechat.html";
    fetch(copyUrl, { method: "HEAD" }).then((r) => { if (r.ok) addCopyButton(copyUrl); }, () => {});
  }
  const source = new EventSource("/__jianbao/events?page=" + encodeURIComponent(here));
  source.addEventListener("failed", (e) => showError(JSON.parse(e.data)));
  source.addEventListener("built", (e) => {
    const build = JSON.parse(e.data);
    if (overlay) { overlay.remove(); overlay = null; }
    if (build.all || build.pages.includes(here)) {
      sessionStorage.setItem(key, String(scrollY));
      location.reload();
    }
  });
})();
