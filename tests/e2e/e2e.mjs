// End-to-end test of the playground page in Debian's headless Chromium (software WebGL2 via
// SwiftShader), driven by playwright-core. Serves the built site itself on a free 127.0.0.1
// port, then checks: no console errors; the output heatmap shows the model (the colour under
// known points of the plane is the class the network predicts there, for a trained network and
// for a hand-set, asymmetric one, so a flipped or stale picture fails); play advances
// the epoch and lowers the loss; keyboard shortcuts; switching optimizer and dropout take
// effect; the frame rate of the default experiment; share links in fresh browser contexts (a
// link opens its experiment, the same link trains identically in two pages, a hostile link loads
// with its issues listed, edits reach the URL without new history entries, weights travel); a
// truncated .wasm gets a clear message.
// Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e),
//      NNP_MIN_FPS (default 0: the frame rate is reported, never asserted; speed is measured by
//      benchmarks, not tests, and this machine's load varies).
import fs from 'node:fs';
import path from 'node:path';
import { artifact, check, finish, launchChromium, serveSite, site, sleep } from './harness.mjs';
import { decodePng } from './png.mjs';

const minFps = Number(process.env.NNP_MIN_FPS || 0);


// ---- static server on 127.0.0.1, browser (tests/e2e/harness.mjs) ----
const { server, base } = await serveSite(site);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));

const state = async () => JSON.parse(await page.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], [])));
const command = async (obj) => JSON.parse(await page.evaluate((json) => Module.ccall('nnp_app_command', 'string', ['string'], [json]), JSON.stringify(obj)));
async function waitFor(pred, timeoutMs, what) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const s = await state();
    if (pred(s)) return s;
    await sleep(100);
  }
  check(false, what, 'timed out');
  return state();
}

// Colour analysis of a screenshot region: share of pixels near a colour.
function share(img, rect, rgb, tol = 40) {
  let hit = 0, n = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const i = (y * img.width + x) * 4;
      const d = Math.abs(img.data[i] - rgb[0]) + Math.abs(img.data[i + 1] - rgb[1]) + Math.abs(img.data[i + 2] - rgb[2]);
      if (d <= tol) hit++;
      n++;
    }
  return hit / n;
}
function distinctColours(img, rect) {
  const seen = new Set();
  for (let y = rect.y; y < rect.y + rect.h; y += 2)
    for (let x = rect.x; x < rect.x + rect.w; x += 2) {
      const i = (y * img.width + x) * 4;
      seen.add((img.data[i] >> 3) << 10 | (img.data[i + 1] >> 3) << 5 | (img.data[i + 2] >> 3));
    }
  return seen.size;
}
const ORANGE = [245, 147, 34], BLUE = [9, 111, 187];  // app/colormap.cpp class 0 and class 1
// The pictures' strongest colours: partway from the middle grey (app/colormap.cpp's
// picture_color, kPictureStrength), so the points in the full colours stand out on them.
const MIDDLE = [0.910 * 255, 0.918 * 255, 0.922 * 255], STRENGTH = 0.62;
const towards = (c) => c.map((v, i) => Math.round(MIDDLE[i] * (1 - STRENGTH) + v * STRENGTH));
const ORANGE_MAP = towards(ORANGE), BLUE_MAP = towards(BLUE);

// Screenshot pixel (x, y) of plane point (x1, x2) in the output view. state.output_view is in
// the canvas's pixels; the screenshot has the page's CSS pixels (device scale 1).
async function planeToScreen(pg, st) {
  const r = await pg.evaluate(() => {
    const c = document.getElementById('canvas');
    const b = c.getBoundingClientRect();
    return { left: b.left, top: b.top, sx: b.width / c.width, sy: b.height / c.height };
  });
  const v = st.output_view;
  return (x1, x2) => ({
    x: Math.floor(r.left + (v.x + (x1 - v.x_min) / (v.x_max - v.x_min) * v.w) * r.sx),
    y: Math.floor(r.top + (v.y + (v.y_max - x2) / (v.y_max - v.y_min) * v.h) * r.sy),
  });
}
// Which side of the orange - white - blue scale a pixel is on: +1 blue (class 1, output above
// 0.5), -1 orange (class 0), 0 undecided. Blue minus red is 3 for the middle white (232, 234,
// 235), 3 + 175 t towards blue and 3 - 214 t towards orange at blend t; |b - r| > 40 means t is
// at least about 0.2.
function side(img, p) {
  const i = (p.y * img.width + p.x) * 4;
  const d = img.data[i + 2] - img.data[i];
  return d > 40 ? 1 : d < -40 ? -1 : 0;
}
// Compares the output heatmap with what the model says on a 9 x 9 lattice of plane points:
// `expected(x1, x2)` gives the predicted sigmoid output there. Points where the prediction is
// within 0.2 of undecided are left out (the picture is a 64 x 64 texture, filtered). A few
// points may sit under a drawn data point, hence the 85 %.
async function heatmapMatchesModel(pg, st, img, expected, what) {
  const v = st.output_view;
  if (!(v.w > 100 && v.h > 100)) { check(false, what, `output view ${JSON.stringify(v)}`); return; }
  const toScreen = await planeToScreen(pg, st);
  let agree = 0, confident = 0, pos = 0, neg = 0;
  const wrong = [];
  for (let i = 0; i < 9; i++)
    for (let j = 0; j < 9; j++) {
      const x1 = v.x_min + (v.x_max - v.x_min) * (0.06 + 0.88 * i / 8);
      const x2 = v.y_min + (v.y_max - v.y_min) * (0.06 + 0.88 * j / 8);
      const p = await expected(x1, x2);
      if (Math.abs(p - 0.5) < 0.2) continue;
      const want = p > 0.5 ? 1 : -1;
      confident++;
      want > 0 ? pos++ : neg++;
      const got = side(img, toScreen(x1, x2));
      if (got === want) agree++;
      else if (wrong.length < 4) wrong.push(`(${x1.toFixed(2)}, ${x2.toFixed(2)}) p=${p.toFixed(2)} pixel ${got}`);
    }
  check(pos >= 5 && neg >= 5 && agree >= 0.85 * confident, what,
        `${agree} of ${confident} confident points agree (${pos} class 1, ${neg} class 0)${wrong.length ? '; e.g. ' + wrong.join(', ') : ''}`);
}

try {
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => window.nnpReady === true, null, { timeout: 60000 });
  await sleep(1500);  // a few frames
  let s = await state();
  check(s.epoch === 0 && s.playing === false, 'starts paused at epoch 0', `epoch ${s.epoch}`);
  check(s.config.dataset === 'circle' && s.config.optimizer.kind === 'sgd', 'default experiment loaded');
  const loss0 = s.test_loss;

  // ---- play: the epoch advances and the loss falls ----
  check((await command({ cmd: 'play' })).ok, 'play command accepted');
  s = await waitFor((x) => x.epoch >= 100, 60000, 'play reaches epoch 100');
  check(s.epoch >= 100, 'play advances the epoch counter', `epoch ${s.epoch}`);
  check(s.test_loss < loss0 * 0.5, 'the test loss falls', `${loss0.toFixed(4)} -> ${s.test_loss.toFixed(4)}`);

  // ---- frame rate of the default experiment while training ----
  await command({ cmd: 'reset' });
  await command({ cmd: 'play' });
  await sleep(3000);  // past WebAssembly's tier-up to optimised code
  const f0 = (await state()).frame.count, t0 = Date.now();
  await sleep(5000);
  s = await state();
  const fps = (s.frame.count - f0) / ((Date.now() - t0) / 1000);
  console.log(`frame rate: ${fps.toFixed(1)} frames/s; train ${s.frame.train_ms.toFixed(2)} ms, pictures ${s.frame.pictures_ms.toFixed(2)} ms, draw ${s.frame.draw_ms.toFixed(2)} ms per frame`);
  fs.writeFileSync(artifact('fps.txt'), `${fps.toFixed(1)}\n`);
  if (minFps > 0) check(fps >= minFps, `trains at >= ${minFps} frames/s`, `${fps.toFixed(1)} frames/s`);

  // ---- the canvas shows the expected colours, and the output heatmap shows this network ----
  await command({ cmd: 'pause' });
  await sleep(500);  // frames that draw the paused network's pictures
  const trained = await state();
  const shot = await page.screenshot({ path: artifact('trained.png') });
  const img = decodePng(shot);
  await heatmapMatchesModel(page, trained, img,
    async (x1, x2) => (await command({ cmd: 'predict', x: x1, y: x2 })).output[0],
    'the output heatmap\'s colour under known points is the trained network\'s class there');
  const output = { x: 1280 - 340, y: 100, w: 330, h: 330 };  // the output panel's heatmap area
  const network = { x: 250, y: 100, w: 680, h: 400 };
  const orange = share(img, output, ORANGE_MAP), blue = share(img, output, BLUE_MAP);
  check(orange > 0.03 && blue > 0.03, 'the output heatmap shows both class colours',
        `orange ${(orange * 100).toFixed(1)}%, blue ${(blue * 100).toFixed(1)}%`);
  check(distinctColours(img, network) > 40, 'the network panel is drawn (not blank)',
        `${distinctColours(img, network)} colours`);
  check(distinctColours(img, { x: 0, y: 0, w: 1280, h: 720 }) > 100, 'the page is not blank');

  // ---- optimizer switch keeps the epoch and the weights, and training goes on ----
  // Paused, so nothing trains in between; the weights are read from the share link's w=.
  check((await command({ cmd: 'set_include_weights', value: true })).ok, 'set_include_weights accepted');
  const before = await state();
  check((await command({ cmd: 'set_optimizer', value: 'adam' })).ok, 'set_optimizer accepted');
  s = await state();
  check(s.config.optimizer.kind === 'adam', 'the optimizer is now Adam');
  const weightsOf = (link) => new URLSearchParams(link).get('w');
  check(weightsOf(before.share_link) && weightsOf(s.share_link) === weightsOf(before.share_link) &&
        s.epoch === before.epoch && before.epoch > 0,
        'switching the optimizer keeps the epoch and weights',
        `epoch ${before.epoch} -> ${s.epoch}, w= ${String(weightsOf(before.share_link)).slice(0, 16)}... -> ${String(weightsOf(s.share_link)).slice(0, 16)}...`);
  await command({ cmd: 'set_include_weights', value: false });
  await command({ cmd: 'play' });
  s = await waitFor((x) => x.epoch > before.epoch + 20, 30000, 'training continues with Adam');
  check(Number.isFinite(s.test_loss) && s.stop_reason === 'none', 'Adam trains without diverging', `test loss ${s.test_loss}`);

  // ---- dropout takes effect: units are dropped in training steps ----
  check((await command({ cmd: 'set_dropout', layer: 0, value: 0.5 })).ok, 'set_dropout accepted');
  s = await state();
  check(s.config.hidden[0].dropout === 0.5, 'layer 1 dropout is 0.5');
  let droppedSeen = 0;
  for (let i = 0; i < 30; i++) {
    s = await state();
    droppedSeen += s.dropped_units[0];
    await sleep(50);
  }
  check(droppedSeen > 0, 'dropped units are reported while training with dropout', `${droppedSeen} over 30 samples`);
  await page.screenshot({ path: artifact('dropout.png') });

  // ---- keyboard: space pauses, s steps one epoch, r resets ----
  await page.mouse.move(640, 700);
  await page.keyboard.press('Space');
  await sleep(300);
  s = await state();
  check(s.playing === false, 'space pauses');
  const e = s.epoch;
  await page.keyboard.press('s');
  await sleep(300);
  s = await state();
  check(s.epoch === e + 1, 's steps one epoch', `${e} -> ${s.epoch}`);
  await page.keyboard.press('r');
  await sleep(300);
  s = await state();
  check(s.epoch === 0, 'r resets to epoch 0');

  // ---- other data: k classes and the oyster strip render ----
  await command({ cmd: 'set_dataset', value: 'blobs' });
  await command({ cmd: 'play' });
  await sleep(2000);
  await page.screenshot({ path: artifact('blobs.png') });
  await command({ cmd: 'set_dataset', value: 'oyster' });
  await command({ cmd: 'play' });
  await sleep(2000);
  s = await state();
  check(s.config.dataset === 'oyster' && s.epoch > 0, 'the oyster set trains', `epoch ${s.epoch}`);
  check(s.config.normalization === 'standardize' && Math.abs(s.learned_threshold - 7.2) <= 0.3,
        'the oyster set is standardised and finds its 7.2 cm boundary at once',
        `epoch ${s.epoch}, threshold ${s.learned_threshold}`);
  check(s.link_issues_shown === false, 'choosing the oyster set raises no banner');
  await page.screenshot({ path: artifact('oyster.png') });

  check(consoleErrors.length === 0, 'no console errors', consoleErrors.slice(0, 3).join(' | '));
} catch (err) {
  check(false, 'the test ran to the end', String(err && err.stack || err));
  await page.screenshot({ path: artifact('failure.png') }).catch(() => {});
}

// ---- share links, each page in a fresh browser context (no shared storage or history) ----
async function openFresh(fragment) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  const errors = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(base + fragment, { waitUntil: 'load' });
  await p.waitForFunction(() => window.nnpReady === true, null, { timeout: 60000 });
  await sleep(500);  // a few frames
  return {
    page: p, errors,
    state: async () => JSON.parse(await p.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], []))),
    command: async (obj) => JSON.parse(await p.evaluate((json) => Module.ccall('nnp_app_command', 'string', ['string'], [json]), JSON.stringify(obj))),
    close: () => context.close(),
  };
}
async function trainEpochs(tab, n) {
  const losses = [];
  for (let i = 0; i < n; i++) {
    await tab.command({ cmd: 'step' });
    const s = await tab.state();
    losses.push([s.epoch, s.train_loss, s.test_loss]);
  }
  return losses;
}
const near = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

try {
  const link = 'v=1&data=xor&net=6:relu&opt=adam&lr=0.01&seed=3';
  // (1) the link's experiment is what the page opens
  const a = await openFresh('#' + link);
  let s = await a.state();
  check(s.config.dataset === 'xor' && s.config.hidden.length === 1 && s.config.hidden[0].width === 6 &&
        s.config.hidden[0].activation === 'relu' && s.config.optimizer.kind === 'adam' &&
        near(s.config.optimizer.learning_rate, 0.01) && s.config.seed === 3,
        'a shared link opens its experiment', JSON.stringify(s.config).slice(0, 160));
  check(s.epoch === 0 && s.playing === false && s.link_issues.length === 0, 'the link opens paused, without issues');
  check(s.link === link, 'the accessor reports the same link', s.link);

  // (2) two fresh pages with the same link train identically
  const b = await openFresh('#' + link);
  const la = await trainEpochs(a, 15), lb = await trainEpochs(b, 15);
  check(la.length === 15 && la[14][0] === 15 && la.every((r) => r.every(Number.isFinite)), 'the link page trains 15 epochs', JSON.stringify(la[14]));
  check(JSON.stringify(la) === JSON.stringify(lb), 'two pages with the same link report identical losses',
        `${JSON.stringify(la[14])} vs ${JSON.stringify(lb[14])}`);
  check(la[14][1] < la[0][1], 'and the loss falls', `${la[0][1]} -> ${la[14][1]}`);

  // weights travel: the copied link with weights opens the trained network in a third page
  check((await a.command({ cmd: 'set_include_weights', value: true })).ok, 'set_include_weights accepted');
  s = await a.state();
  check(s.link_weights_allowed && s.share_link.includes('&w='), 'the copied link carries the weights', `${s.share_link.length} characters`);
  const c = await openFresh('#' + s.share_link);
  const sc = await c.state();
  check(sc.epoch === 0 && sc.train_loss === s.train_loss && sc.test_loss === s.test_loss,
        'a link with weights opens the trained network', `${sc.train_loss} vs ${s.train_loss}`);
  check(a.errors.length + b.errors.length + c.errors.length === 0, 'no console errors on the link pages',
        [...a.errors, ...b.errors, ...c.errors].slice(0, 3).join(' | '));
  await c.close();
  await b.close();

  // a hand-set network, sigmoid(x1 + 2 x2 + 0.5) (no hidden layer; w= holds W = [1, 2], then
  // b = 0.5): the accessor's prediction is that formula, and the heatmap shows it the right way
  // round (its boundary is symmetric under no flip or transpose of the plane)
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  const hand = (x1, x2) => sigmoid(x1 + 2 * x2 + 0.5);
  const w = Buffer.from(new Float32Array([1, 2, 0.5]).buffer).toString('base64url');
  const d = await openFresh('#v=1&data=gauss&net=none&w=' + w);
  s = await d.state();
  check(s.config.hidden.length === 0 && s.link_issues.length === 0, 'the hand-set network opens',
        JSON.stringify(s.link_issues).slice(0, 160));
  let predictOk = true;
  for (const [x1, x2] of [[0, 0], [1, -1], [-3, 2], [4.5, 0.25]]) {
    const r = await d.command({ cmd: 'predict', x: x1, y: x2 });
    if (!r.ok || Math.abs(r.output[0] - hand(x1, x2)) > 1e-5) predictOk = false;
  }
  check(predictOk, 'predict gives the hand-set network\'s output');
  const handShot = decodePng(await d.page.screenshot({ path: artifact('hand_set.png') }));
  await heatmapMatchesModel(d.page, s, handShot, async (x1, x2) => hand(x1, x2),
    'the output heatmap of a hand-set network is the right way round');
  check(d.errors.length === 0, 'no console errors on the hand-set page', d.errors.slice(0, 3).join(' | '));
  await d.close();

  // (4) an edit through the accessor reaches the URL by replaceState: no new history entry
  const h0 = await a.page.evaluate(() => history.length);
  check((await a.command({ cmd: 'set_optimizer', value: 'rmsprop' })).ok, 'set_optimizer on the link page accepted');
  let hash = '#' + link;
  for (let t0 = Date.now(); Date.now() - t0 < 5000 && hash === '#' + link; await sleep(100))
    hash = await a.page.evaluate(() => location.hash);
  check(hash !== '#' + link && !hash.includes('opt=adam') && hash.includes('data=xor'), 'the edit reaches location.hash', hash);
  check(hash === '#' + (await a.state()).link, 'the URL holds the accessor\'s link');
  check(await a.page.evaluate(() => history.length) === h0, 'no history entry was added', `history.length ${h0}`);

  // a link pasted into the address bar (hashchange) applies without a reload
  await a.command({ cmd: 'play' });
  await a.page.evaluate(() => { window.nnpNotReloaded = true; location.hash = '#v=1&data=gauss&seed=5'; });
  s = await a.state();
  for (let t0 = Date.now(); Date.now() - t0 < 5000 && s.config.dataset !== 'gauss'; await sleep(100)) s = await a.state();
  check(s.config.dataset === 'gauss' && s.config.seed === 5 && s.playing === false && s.epoch === 0,
        'a new fragment rebuilds the experiment, paused', `${s.config.dataset}, seed ${s.config.seed}, epoch ${s.epoch}`);
  check(await a.page.evaluate(() => window.nnpNotReloaded === true), 'without reloading the page');
  await a.close();

  // (3) hostile links load without console errors and expose their issues
  const hostile = await openFresh('#v=1&data=xor&bogus=%3Cb%3Ehi%3C/b%3E&lr=nan&batch=999999&net=3:relu');
  s = await hostile.state();
  const fields = s.link_issues.map((i) => i.field);
  check(s.config.dataset === 'xor' && s.config.hidden.length === 1 && Number.isFinite(s.config.optimizer.learning_rate),
        'a hostile link keeps its good fields', JSON.stringify(fields));
  check(s.link_issues.some((i) => i.code === 'unknown_key' && i.field === 'bogus'), 'the unknown key is reported');
  check(s.link_issues.some((i) => /learning_rate|lr/.test(i.field)), 'lr=nan is reported', JSON.stringify(fields));
  check(s.link_issues.some((i) => /batch/.test(i.field) && i.code === 'out_of_range'), 'the batch size is clamped and named');
  check(s.link_issues_shown, 'the issues banner is shown');
  check(!(await hostile.page.evaluate(() => document.body.innerHTML.includes('hi</b>') || !!document.querySelector('b'))),
        'nothing from the link reaches the page as HTML');
  await hostile.page.screenshot({ path: artifact('link_issues.png') });
  check(hostile.errors.length === 0, 'no console errors for the hostile link', hostile.errors.slice(0, 3).join(' | '));
  await hostile.close();

  const huge = await openFresh('#v=1&data=xor&w=' + 'A'.repeat(200000));
  s = await huge.state();
  check(s.link_issues.length === 1 && s.link_issues[0].field === 'link' && s.config.dataset === 'circle',
        'a huge fragment is refused whole with one issue', JSON.stringify(s.link_issues).slice(0, 160));
  check(huge.errors.length === 0, 'no console errors for the huge link', huge.errors.slice(0, 3).join(' | '));
  await huge.close();

  // (5) early stopping on the validation split: the page stops, restores the best weights and
  // says so; Play then trains on until the next stop
  const es = await openFresh('#v=1&data=spiral&points=80&noise=50&f=x,y,xSquared,ySquared,xTimesY,sinX,sinY' +
                             '&net=16:relu,16:relu&opt=adam&lr=0.03&es=1&pat=20');
  s = await es.state();
  check(s.n_val === 8 && s.n_test === 40 && s.watched_loss === 'validation' && !s.link_issues_shown,
        'early stopping holds out a validation share', `val ${s.n_val}, test ${s.n_test}`);
  await es.command({ cmd: 'set_speed', value: 20 });
  await es.command({ cmd: 'play' });
  for (let t0 = Date.now(); Date.now() - t0 < 30000 && s.stop_reason !== 'early_stopped'; await sleep(200)) s = await es.state();
  check(s.stop_reason === 'early_stopped' && s.playing === false && s.stop_epoch - s.best_epoch === 20 &&
        /validation loss/.test(s.stop_text) && s.stop_text.includes(`epoch ${s.best_epoch}`),
        'the run stops early and says which weights it restored', s.stop_text);
  await sleep(300);
  await es.page.screenshot({ path: artifact('early_stop.png') });
  const stopped = s.stop_epoch;
  await es.command({ cmd: 'play' });
  for (let t0 = Date.now(); Date.now() - t0 < 30000 && (s.stop_reason !== 'early_stopped' || s.stop_epoch === stopped);
       await sleep(200)) s = await es.state();
  check(s.stop_reason === 'early_stopped' && s.stop_epoch >= stopped + 20,
        'Play after an early stop trains on until the next stop', `${stopped} -> ${s.stop_epoch}`);
  check(es.errors.length === 0, 'no console errors while stopping early', es.errors.slice(0, 3).join(' | '));
  await es.close();

  // (6) a race: six optimizers from one start, side by side, advancing alike
  const race = await openFresh('#v=1&data=spiral&f=x,y,sinX,sinY&net=8:tanh,8:tanh&race=opt:sgd,mom,nag,adag,rms,adam');
  s = await race.state();
  check(s.runs.length === 6 && s.runs[5].name === 'Adam' && !s.link_issues_shown &&
        s.runs.every((r) => r.weights_checksum === s.runs[0].weights_checksum && r.train_loss === s.runs[0].train_loss),
        'a race link opens six runs from one start', JSON.stringify(s.runs.map((r) => r.name)));
  await race.command({ cmd: 'set_speed', value: 5 });
  await race.command({ cmd: 'play' });
  await sleep(3000);
  s = await race.state();
  const raceEpochs = s.runs.map((r) => r.epoch);
  check(Math.min(...raceEpochs) >= 5 && Math.max(...raceEpochs) - Math.min(...raceEpochs) <= 1 &&
        new Set(s.runs.map((r) => r.weights_checksum)).size === 6 && s.leader >= 0,
        'the runs advance alike and part ways', `epochs ${raceEpochs}, leader ${s.leader}`);
  await race.command({ cmd: 'select_run', value: 5 });
  await sleep(300);
  await race.page.screenshot({ path: artifact('race.png') });
  s = await race.state();
  check(s.selected === 5 && s.config.optimizer.kind === 'adam', 'selecting a run shows its config', s.config.optimizer.kind);
  check(race.errors.length === 0, 'no console errors in a race', race.errors.slice(0, 3).join(' | '));
  await race.close();

  // ---- a WebAssembly file cut short in transit: the page says so instead of hanging ----
  const cut = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const cp = await cut.newPage();
  const wasmBytes = fs.readFileSync(path.join(site, 'playground.wasm'));
  await cp.route('**/playground.wasm', (route) => route.fulfill({
    status: 200, contentType: 'application/wasm', body: wasmBytes.subarray(0, 1000) }));
  await cp.goto(base);
  await cp.waitForFunction(() => document.getElementById('error').style.display === 'flex', null, { timeout: 15000 })
    .catch(() => {});
  const shown = await cp.evaluate(() => ({
    visible: document.getElementById('error').style.display === 'flex',
    title: document.getElementById('error-title').textContent,
    loading: document.getElementById('loading').style.display }));
  check(shown.visible && /could not load/.test(shown.title) && shown.loading === 'none',
        'a truncated .wasm shows a clear message', JSON.stringify(shown));
  await cut.close();
} catch (err) {
  check(false, 'the share-link tests ran to the end', String(err && err.stack || err));
} finally {
  await browser.close();
  server.close();
}

finish('all checks passed');
