// Opens a docscan HTML report from file:// in headless Chromium and prints what a reader would
// meet, as one JSON object on stdout, for tests/test_html_browser.py to assert on.
//
//   node check.js REPORT.html [--screenshot OUT.png] [--index]
//
// Chromium comes from @sparticuz/chromium (the binary ships inside the npm package and is
// unpacked by executablePath()), driven by puppeteer-core; nothing is downloaded.
"use strict";

const path = require("path");
const { pathToFileURL } = require("url");
const chromium = require("@sparticuz/chromium");
const puppeteer = require("puppeteer-core");

async function main() {
  const args = process.argv.slice(2);
  const report = args[0];
  const shotAt = args.indexOf("--screenshot");
  const screenshot = shotAt >= 0 ? args[shotAt + 1] : null;
  const isIndex = args.includes("--index");
  const url = pathToFileURL(path.resolve(report)).href;

  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
  });
  const out = { url, consoleErrors: [], requests: [], pageErrors: [] };
  try {
    const page = await browser.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") out.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => out.pageErrors.push(String(err)));
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const u = req.url();
      // The page itself and in-page anchors are expected; anything else is a load the CSP and
      // the renderer should have prevented, so it is recorded and refused.
      if (u.split("#")[0] === url) {
        req.continue();
      } else {
        out.requests.push(u);
        req.abort();
      }
    });
    await page.goto(url, { waitUntil: "load" });

    out.title = await page.title();
    out.scripts = await page.evaluate(() => document.scripts.length);
    out.planted = await page.evaluate(() => ({
      pwned: window.__docscanPwned === undefined ? null : String(window.__docscanPwned),
      handlerAttributes: Array.from(document.querySelectorAll("*")).filter((el) =>
        Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith("on"))).length,
      javascriptLinks: Array.from(document.querySelectorAll("a[href]")).filter((a) =>
        a.getAttribute("href").trim().toLowerCase().startsWith("javascript:")).length,
      iframes: document.querySelectorAll("iframe, object, embed").length,
    }));

    if (isIndex) {
      out.index = await checkIndex(page);
    } else {
      out.marks = await page.evaluate(() =>
        Array.from(document.querySelectorAll("mark.ent")).map((m) => ({
          e: m.getAttribute("data-e"),
          start: Number(m.getAttribute("data-start")),
          text: m.textContent,
        })));
      out.entities = await checkEntities(page);
      out.outline = await checkOutline(page);
      out.text = await page.evaluate(() => document.getElementById("document").textContent);
    }
    if (screenshot) {
      await page.evaluate(() => window.scrollTo(0, 0));
      const first = await page.$("tr[data-e] button");
      if (first) {
        await first.click(); // show a selected entity in the screenshot
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      await page.screenshot({ path: screenshot, fullPage: false });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

async function checkEntities(page) {
  // Click each entity's name in its table, read which marks light up, click again to clear.
  const ids = await page.evaluate(() =>
    Array.from(document.querySelectorAll("tr[data-e]")).map((r) => r.getAttribute("data-e")));
  const result = {};
  for (const id of ids) {
    await page.click(`tr[data-e="${id}"] button`);
    const lit = await page.evaluate(() =>
      Array.from(document.querySelectorAll("mark.ent.active")).map((m) => ({
        e: m.getAttribute("data-e"), start: Number(m.getAttribute("data-start")) })));
    const name = await page.evaluate((i) => document.querySelector(`tr[data-e="${i}"]`).getAttribute("data-name"), id);
    await page.click(`tr[data-e="${id}"] button`);
    const cleared = await page.evaluate(() => document.querySelectorAll("mark.ent.active").length);
    result[id] = { name, lit, cleared };
  }
  return result;
}

async function checkOutline(page) {
  // Click each outline link; the section's anchor must be the URL's target and on screen.
  const count = await page.evaluate(() => document.querySelectorAll("nav.outline a").length);
  const result = [];
  for (let i = 0; i < count; i += 1) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const links = await page.$$("nav.outline a");
    await links[i].click();
    result.push(await page.evaluate((n) => {
      const link = document.querySelectorAll("nav.outline a")[n];
      const id = link.getAttribute("href").slice(1);
      const target = document.getElementById(id);
      const rect = target ? target.getBoundingClientRect() : null;
      return {
        title: link.textContent.trim(),
        hash: location.hash,
        id,
        exists: Boolean(target),
        top: rect ? rect.top : null,
        viewport: window.innerHeight,
        following: target ? nextText(target) : "",
      };
      function nextText(node) {
        // The text right after the anchor: the section's first characters.
        let s = "";
        const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
        let started = false;
        while (walker.nextNode()) {
          const t = walker.currentNode;
          if (!started && (node.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) started = true;
          if (started) { s += t.textContent; if (s.length > 200) break; }
        }
        return s.trimStart().slice(0, 200);
      }
    }, i));
  }
  return result;
}

async function checkIndex(page) {
  const read = () => page.evaluate(() => ({
    paths: Array.from(document.querySelectorAll("#documents tbody tr")).map((r) => r.cells[0].getAttribute("data-v")),
    links: Array.from(document.querySelectorAll("#documents tbody a")).map((a) => a.getAttribute("href")),
  }));
  const initial = await read();
  const sorted = {};
  for (const [col, name] of [[0, "name"], [1, "words"], [2, "grade"], [3, "set_aside"]]) {
    await page.click(`th button[data-col="${col}"]`);
    const up = await page.evaluate((c) =>
      Array.from(document.querySelectorAll("#documents tbody tr")).map((r) => r.cells[c].getAttribute("data-v")), col);
    await page.click(`th button[data-col="${col}"]`);
    const down = await page.evaluate((c) =>
      Array.from(document.querySelectorAll("#documents tbody tr")).map((r) => r.cells[c].getAttribute("data-v")), col);
    sorted[name] = { up, down };
  }
  const charts = await page.evaluate(() => document.querySelectorAll(".charts svg").length);
  return { initial, sorted, charts };
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
