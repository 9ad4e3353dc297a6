// Every lesson step in the page, in Korean and in English: opened from its own link
// (lesson=ID&step=N&lang=ko, with the step's solution where the learner is asked to change
// something), trained with Play, and its goal must be ticked within the time limit. The card is
// drawn in the link's language (the accessor reports it) and the page has no errors. (app_tests
// walks the same steps natively; this checks the page's own loop, budget and goal checking do it
// too.)
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifact, check, finish, launchChromium, serveSite, site, sleep } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const lessonDir = path.join(here, '../../lessons');


// The steps, read from the lesson files as the app reads them (id; per step link and solution).
const lessons = fs.readdirSync(lessonDir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
  const lesson = { id: '', steps: [] };
  for (const raw of fs.readFileSync(path.join(lessonDir, f), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === 'step') lesson.steps.push({ link: '', solution: '' });
    const m = line.match(/^(id|link|solution):\s*(.*)$/);
    if (!m) continue;
    if (m[1] === 'id') lesson.id = m[2];
    else lesson.steps[lesson.steps.length - 1][m[1]] = m[2];
  }
  return lesson;
});

const { server, base } = await serveSite(site);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const state = async () => JSON.parse(await page.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], [])));
const command = (c) => page.evaluate((c) => Module.ccall('nnp_app_command', 'string', ['string'], [c]), JSON.stringify(c));

let steps = 0;
for (const lang of ['ko', 'en'])
for (const lesson of lessons) {
  for (let k = 0; k < lesson.steps.length; ++k) {
    const step = lesson.steps[k];
    const experiment = step.solution || step.link;
    await page.goto('about:blank');
    await page.goto(`${base}#${experiment}&lesson=${lesson.id}&step=${k + 1}&lang=${lang}`);
    await page.waitForFunction(() => window.nnpReady === true && Module.calledRun, null, { timeout: 30000 });
    let s = await state();
    const tag = `[${lang} ${lesson.id} ${k + 1}]`;
    check(s.lesson.id === lesson.id && s.lesson.step === k + 1 && s.lang === lang && s.link_issues.length === 0,
          `${tag} opens in its language at its step`, JSON.stringify(s.lesson));
    await command({ cmd: 'set_speed', value: 50 });
    await command({ cmd: 'play' });
    if (s.surface && s.surface.open) {  // a surface step: its own Play, in its window
      const r = s.ui.surface_play;
      if (r) await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
    }
    const t0 = Date.now();
    while (!(s = await state()).lesson.met && Date.now() - t0 < 40000) await sleep(250);
    check(s.lesson.met === true, `${tag} training meets the goal "${s.lesson.goal}"`, `epoch ${s.epoch}`);
    // Every character of the page was drawn from the font (none as the missing-glyph box).
    check(s.frame.missing_glyphs === 0, `${tag} no character is drawn as a box`, `${s.frame.missing_glyphs}`);
    if (k === 0 && lesson.id === 'xor') await page.screenshot({ path: artifact(`lesson-xor-${lang}.png`) });
    ++steps;
  }
}
check(steps >= 2 * 27, 'every step of every lesson was walked in both languages', `${steps} steps`);
check(errors.length === 0, 'no page errors', errors.join('; '));
await browser.close();
server.close();
finish('all lesson checks passed');
