// Added by `jianbao serve` to every HTML page it serves (never by `jianbao build`):
// reloads the page when a rebuild changed it, keeping the scroll position,
// and shows build errors over the page until they are fixed. Its words come
// from the server, so that they are in the language of the run.
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
