// Shared by the browser tests: launches Debian's Chromium headless, as root
// and with no network beyond localhost, the way CI runs it.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export function fail(message) {
  console.error("FAIL: " + message);
  process.exit(1);
}
