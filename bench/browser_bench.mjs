// The in-browser half of the benchmark: the playground page in Debian's headless Chromium
// (software WebGL2 through SwiftShader), driven by playwright-core. Prints one table:
//   - the page's transferred bytes (every response of a load), raw and as gzip -9 would send them;
//   - time to first frame: navigation start to the app's first WebGL draw, median of 5 loads;
//   - frames/s while training TF Playground's default experiment and its big one (spiral, all
//     seven features, six hidden layers of 8, every neuron's picture on screen), and a race of
//     the six optimizers on the big one (six decision maps on screen), and bagging of seven
//     members of the default one (seven member maps and the vote's map), median and range
//     of timed runs after a warm-up, with the app's own per-frame times from its accessor;
//   - each measured with Chromium's default GPU compositing and with --disable-gpu-compositing
//     (the page composited in software; on a machine without a GPU that skips a read-back of
//     every frame from SwiftShader).
// Usage: node bench/browser_bench.mjs SITE_DIR [--quick] [--tsv]
//   --quick: one short run of each row (seconds), for CI: checks only that figures are finite.
// Exit 0 if every figure is finite, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveSite } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const args = process.argv.slice(2);
const site = path.resolve(args.find((a) => !a.startsWith('--')) || path.join(here, '../build/web/site'));
const quick = args.includes('--quick');
const tsv = args.includes('--tsv');
const runs = quick ? 1 : 5;           // timed runs per row
const runSeconds = quick ? 1 : 4;     // length of one timed run
const warmupSeconds = quick ? 1 : 4;  // training before the first run (WebAssembly tier-up, JIT)
const loads = quick ? 1 : 5;          // page loads for the time to first frame

// TF Playground's own links: the app reads them as they are.
const experiments = [
  { name: 'default', hidden: 2, hash: '' },  // circle, x1 x2, 4-2 tanh, batch 10, lr 0.03
  { name: 'big', hidden: 6, hash: '#activation=tanh&batchSize=10&dataset=spiral&regDataset=reg-plane' +
      '&learningRate=0.03&regularizationRate=0&noise=0&networkShape=8,8,8,8,8,8&seed=0.1' +
      '&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=true' +
      '&xSquared=true&ySquared=true&cosX=false&sinX=true&cosY=false&sinY=true' +
      '&collectStats=false&problem=classification&initZero=false&hideText=false' },
  // The optimizer race of the runs-side-by-side view: the big experiment's data and network, all
  // six optimizers from one start, six decision maps on screen.
  { name: 'race of 6 optimizers on the big', hidden: 6, runs: 6,
    hash: '#v=1&data=spiral&f=x,y,xSquared,ySquared,xTimesY,sinX,sinY' +
      '&net=8:tanh,8:tanh,8:tanh,8:tanh,8:tanh,8:tanh&race=opt:sgd,mom,nag,adag,rms,adam' },
  // An ensemble of the default experiment: seven bagged members' maps and the vote's map.
  { name: 'bagging of 7 on the default', hidden: 2, runs: 7, hash: '#v=1&ens=bagging&members=7' },
];

// ---- static server on 127.0.0.1 that counts what it sends ----
let sent = [];  // { file, bytes } of the current load
const { server, base } = await serveSite(site, (file, bytes) => sent.push({ file, bytes }));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const finite = [];
const rows = [];
function row(what, unit, values, extra = '') {
  values.forEach((v) => finite.push(Number.isFinite(v)));
  rows.push({ what, unit, med: median(values), lo: Math.min(...values), hi: Math.max(...values), n: values.length, extra });
}

// The time of the first WebGL draw call, taken in the page (performance.now() counts from
// navigation start).
const firstDrawProbe = () => {
  const P = WebGL2RenderingContext.prototype;
  for (const name of ['drawElements', 'drawArrays']) {
    const original = P[name];
    P[name] = function (...a) {
      if (window.__nnpFirstDraw === undefined) window.__nnpFirstDraw = performance.now();
      return original.apply(this, a);
    };
  }
};

const state = (page) => page.evaluate(() => JSON.parse(Module.ccall('nnp_app_state_json', 'string', [], [])));
const command = (page, c) => page.evaluate((c) => Module.ccall('nnp_app_command', 'string', ['string'], [c]), JSON.stringify(c));
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));

let browserVersion = '';
for (const compositing of ['gpu', 'software']) {
  const browser = await launchChromium({ gpuCompositing: compositing === 'gpu' });
  browserVersion = browser.version();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(firstDrawProbe);

  // Page weight (once: it does not depend on compositing) and time to first frame.
  const firstFrame = [];
  for (let i = 0; i < loads; ++i) {
    const page = await context.newPage();
    sent = [];
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__nnpFirstDraw !== undefined, null, { timeout: 30000 });
    firstFrame.push(await page.evaluate(() => window.__nnpFirstDraw / 1000));
    if (compositing === 'gpu' && i === 0) {
      const raw = sent.reduce((a, s) => a + s.bytes, 0);
      const gz = sent.reduce((a, s) => a + zlib.gzipSync(fs.readFileSync(s.file), { level: 9 }).length, 0);
      const files = sent.map((s) => path.basename(s.file)).join(' ');
      row('page bytes, raw', 'bytes', [raw], files);
      row('page bytes, gzip -9', 'bytes', [gz], files);
    }
    await page.close();
  }
  row(`time to first frame (${compositing} compositing)`, 's', firstFrame, `${loads} loads`);

  for (const ex of experiments) {
    const page = await context.newPage();
    await page.goto(base + ex.hash);
    await page.waitForFunction(() => typeof Module !== 'undefined' && Module.calledRun, null, { timeout: 30000 });
    await command(page, { cmd: 'dismiss_link_issues' });
    const first = await state(page);
    const opened = first.dropped_units.length;  // one entry per hidden layer
    if (opened !== ex.hidden || first.runs.length !== (ex.runs || 1)) {
      console.error(`browser_bench: the ${ex.name} experiment opened with ${opened} hidden layers and ` +
                    `${first.runs.length} runs, not ${ex.hidden} and ${ex.runs || 1}`);
      finite.push(false);
    }
    await command(page, { cmd: 'play' });
    await sleep(warmupSeconds);
    const fps = [], epochs = [], perFrame = [], train = [], pictures = [], draw = [];
    for (let r = 0; r < runs; ++r) {
      const s0 = await state(page);
      const t0 = Date.now();
      // Sample the app's own per-frame times across the run.
      for (let k = 0; k < runSeconds * 4; ++k) {
        await sleep(0.25);
        const s = await state(page);
        train.push(s.frame.train_ms);
        pictures.push(s.frame.pictures_ms);
        draw.push(s.frame.draw_ms);
      }
      const s1 = await state(page);
      const seconds = (Date.now() - t0) / 1000;
      fps.push((s1.frame.count - s0.frame.count) / seconds);
      // Epochs of the slowest run (every run of a race advances alike).
      const slowest = (st) => Math.min(...st.runs.map((r) => r.epoch));
      epochs.push((slowest(s1) - slowest(s0)) / seconds);
      perFrame.push((slowest(s1) - slowest(s0)) / Math.max(1, s1.frame.count - s0.frame.count));
    }
    row(`${ex.name} experiment, frames/s (${compositing} compositing)`, 'frames/s', fps,
        `epochs/s ${median(epochs).toFixed(1)}${ex.runs ? ` per run, ${median(perFrame).toFixed(2)} per run per frame` : ''}; ` +
        `app ms per frame: train ${median(train).toFixed(2)}, ` +
        `pictures ${median(pictures).toFixed(2)}, draw ${median(draw).toFixed(2)}`);
    await page.close();
  }
  await browser.close();
}
server.close();

// ---- the table ----
const fmt = (v, unit) => unit === 'bytes' ? Math.round(v).toLocaleString('en-US')
                                          : v.toFixed(unit === 's' ? 3 : 1);
console.log(`# browser: Chromium ${browserVersion} headless, WebGL2 on SwiftShader, viewport 1280x720, ` +
            `${runs} timed runs of ${runSeconds} s after ${warmupSeconds} s of training${quick ? ' (quick)' : ''}`);
if (tsv) {
  for (const r of rows) console.log([r.what, r.unit, r.med, r.lo, r.hi, r.extra].join('\t'));
} else {
  console.log('| what | unit | median (min..max) | notes |');
  console.log('|---|---|---:|---|');
  for (const r of rows) {
    const range = r.n > 1 ? ` (${fmt(r.lo, r.unit)}..${fmt(r.hi, r.unit)})` : '';
    console.log(`| ${r.what} | ${r.unit} | ${fmt(r.med, r.unit)}${range} | ${r.extra} |`);
  }
}
const ok = finite.length > 0 && finite.every(Boolean);
if (!ok) console.error('browser_bench: some figures are not finite');
process.exit(ok ? 0 : 1);
