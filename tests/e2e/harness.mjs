// What the end-to-end tests and the browser benchmark (bench/browser_bench.mjs) share: a static
// server for the built site on a free 127.0.0.1 port, Debian's headless Chromium launched the one
// way that works on this GPU-less machine, and the tests' folders, checks and exit status.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
// The built site (NNP_SITE, default build/web/site), and the path of a screenshot or figure in
// the tests' folder (NNP_ARTIFACTS, default the site's sibling e2e/, created on first use).
export const site = path.resolve(process.env.NNP_SITE || path.join(here, '../../build/web/site'));
const artifacts = path.resolve(process.env.NNP_ARTIFACTS || path.join(site, '../e2e'));
export function artifact(name) {
  fs.mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, name);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// check(ok, what, detail) prints one "ok"/"FAIL" line and remembers a failure; finish(passed)
// prints the count of failed checks, or `passed`, and exits 1 or 0.
const failures = [];
export function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ' (' + detail + ')' : ''}`);
  if (!ok) failures.push(what);
}
export function finish(passed) {
  console.log(failures.length ? `${failures.length} check(s) failed` : passed);
  process.exit(failures.length ? 1 : 0);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

// Serves `site` (index.html at /) until server.close(); `onSend(file, bytes)` sees every file
// sent. Returns { server, base } with base = 'http://127.0.0.1:PORT/'.
export async function serveSite(site, onSend = () => {}) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(site, url === '/' ? 'index.html' : url);
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    onSend(file, body.length);
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                         'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

// SwiftShader renders the page's WebGL2 (there is no GPU). By default the page itself is
// composited in software, as Chromium does when it has no GPU to composite with;
// `gpuCompositing` composites on SwiftShader too, which costs a read-back of every frame
// (the browser benchmark measures both).
export function launchChromium({ gpuCompositing = false } = {}) {
  return chromium.launch({
    executablePath: process.env.NNP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
           '--no-first-run', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', ...(gpuCompositing ? [] : ['--disable-gpu-compositing'])],
  });
}

// One page of the app at a screen size ({ name, width, height, touch }), and what every test
// does with it: the accessor's state, waiting for frames, scrolling a control into view on a
// stacked page, clicking it (tapping on a touch screen). `hash` opens a link; `context` reuses
// one; `contextOptions` adds to a new one (downloads, ...).
export async function openApp(browser, base, screen, { hash = '', context = null, contextOptions = {} } = {}) {
  const tag = `[${screen.name}]`;
  const ctx = context || await browser.newContext({ viewport: { width: screen.width, height: screen.height },
                                                    hasTouch: !!screen.touch, isMobile: !!screen.touch,
                                                    ...contextOptions });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + hash);
  await page.waitForFunction(() => window.nnpReady === true && Module.calledRun, null, { timeout: 30000 });
  const state = async () => JSON.parse(await page.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], [])));
  const frames = async (n) => { const f0 = (await state()).frame.count; while ((await state()).frame.count < f0 + n) await sleep(20); };
  const centre = (r) => ({ x: r[0] + r[2] / 2, y: r[1] + r[3] / 2 });
  // On screen: in the fixed bar (transport), else inside the scrolling page where there is one.
  const inBar = ['play', 'step', 'reset', 'speed', 'lessons', 'language', 'surfaces'];
  const areaOf = (ui, name) => ui.page && !inBar.includes(name) ? ui.page : ui.page ? ui.bar : [0, 0, screen.width, screen.height];
  const visible = (r, ui, name) => {
    if (!Array.isArray(r)) return false;
    const area = areaOf(ui, name);
    return r[1] >= area[1] && r[1] + r[3] <= area[1] + area[3];
  };
  // The part of r inside its area when 8 px of it or all of it are there (a control half under the
  // fixed bar can be tapped where it shows), else null.
  const mostlyVisible = (r, ui, name) => {
    if (!Array.isArray(r)) return null;
    const area = areaOf(ui, name);
    const top = Math.max(r[1], area[1]), bottom = Math.min(r[1] + r[3], area[1] + area[3]);
    return bottom - top >= Math.min(8, r[3]) ? [r[0], top, r[2], bottom - top] : null;
  };
  // Scrolls a stacked page with the wheel until `name` is on screen.
  const reveal = async (name) => {
    await page.mouse.move(screen.width / 2, screen.height / 2);
    for (let k = 0; k < 40; ++k) {
      const ui = (await state()).ui;
      if (visible(ui[name], ui, name)) return ui[name];
      // A control the wheel leaves half under the bar: after a few tries, its visible part will do.
      if (k >= 8) {
        const part = mostlyVisible(ui[name], ui, name);
        if (part) return part;
      }
      const down = !Array.isArray(ui[name]) || ui[name][1] > (ui.page ? ui.page[1] : 0);
      await page.mouse.wheel(0, down ? 200 : -200);
      await frames(2);
    }
    const last = (await state()).ui;
    check(false, `${tag} "${name}" can be scrolled to`,
          `at ${JSON.stringify(last[name])}, page ${JSON.stringify(last.page)}, bar ${JSON.stringify(last.bar)}`);
    return (await state()).ui[name];
  };
  // A click (a tap on a touch screen; a right click is always the mouse's), then a few frames.
  const tap = async (x, y, button = 'left') => {
    if (screen.touch && button === 'left') await page.touchscreen.tap(x, y);
    else await page.mouse.click(x, y, { button });
    await frames(3);
  };
  const press = async (name) => { const r = await reveal(name); if (Array.isArray(r)) { const c = centre(r); await tap(c.x, c.y); } };
  // A control drawn over the page (a modal window): pressed where it is, without scrolling.
  const pressHere = async (name) => {
    const r = (await state()).ui[name];
    check(Array.isArray(r), `${tag} "${name}" is on screen`);
    if (Array.isArray(r)) { const c = centre(r); await tap(c.x, c.y); }
  };
  return { tag, context: ctx, page, errors, state, frames, centre, reveal, tap, press, pressHere };
}
