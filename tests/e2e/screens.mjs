// The first five minutes at four screen sizes, driven as a person would: real mouse clicks,
// touch taps and keys at the places the accessor's "ui" rectangles give (CSS pixels), checked
// in the app's state. Per size: Play and Pause toggle once per click or tap; Space, s and r
// work, also right after Copy link; the clipboard then holds a whole URL that reopens the same
// experiment in a fresh page; the panels stack on narrow screens; a data set button picks its
// set. On the phone: a long press shows a tooltip without clicking, a drag on the background
// scrolls the page and a drag on a slider moves the slider.
// At 1280x800: the language button switches to Korean, which sticks after a reload; lang= wins.
// Screenshots of each size go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import fs from 'node:fs';
import path from 'node:path';
import { artifact, check, finish, launchChromium, serveSite, site, sleep } from './harness.mjs';


const command = (page, c) => page.evaluate((c) => Module.ccall('nnp_app_command', 'string', ['string'], [c]), JSON.stringify(c));

const { server, base } = await serveSite(site);
const browser = await launchChromium();

const screens = [
  { name: '800x600', width: 800, height: 600, stacked: true },
  { name: '1280x800', width: 1280, height: 800, stacked: false },
  { name: '1920x1080', width: 1920, height: 1080, stacked: false },
  { name: '390x844-touch', width: 390, height: 844, stacked: true, touch: true, dpr: 3 },
];

for (const screen of screens) {
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.dpr || 1,
    hasTouch: !!screen.touch, isMobile: !!screen.touch });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '#v=1&data=xor');
  await page.waitForFunction(() => window.nnpReady === true && typeof Module !== 'undefined' && Module.calledRun,
                             null, { timeout: 30000 });
  const state = async () => JSON.parse(await page.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], [])));
  const frames = async (n) => { const f0 = (await state()).frame.count; while ((await state()).frame.count < f0 + n) await sleep(20); };
  await frames(3);
  const tag = `[${screen.name}]`;
  let s = await state();
  check(s.stacked === screen.stacked, `${tag} the panels ${screen.stacked ? 'stack' : 'lie side by side'}`, `stacked=${s.stacked}`);
  for (const name of ['play', 'step', 'reset', 'data_spiral'])
    check(Array.isArray(s.ui[name]) && s.ui[name][2] > 0, `${tag} the accessor gives where "${name}" is`);
  const centre = (r) => ({ x: r[0] + r[2] / 2, y: r[1] + r[3] / 2 });
  // On screen: inside the scrolling page where there is one (not under the fixed bar).
  const barControls = ['play', 'step', 'reset', 'speed', 'lessons', 'language'];
  const onScreen = (name, r, ui) => {
    if (!Array.isArray(r)) return false;
    const inside = (a) => r[1] >= a[1] && r[1] + r[3] <= a[1] + a[3];
    if (!ui.page) return inside([0, 0, screen.width, screen.height]);
    return barControls.includes(name) ? inside(ui.bar) : inside(ui.page);
  };
  // Scrolls the page with the wheel until control `name` is on screen, as a person would (a
  // control far below is not drawn at all until it comes near).
  const reveal = async (name) => {
    let down = true;
    await page.mouse.move(screen.width / 2, screen.height / 2);
    for (let k = 0; k < 30; ++k) {
      const ui = (await state()).ui;
      const r = ui[name];
      if (onScreen(name, r, ui)) return r;
      if (Array.isArray(r)) down = r[1] > (ui.page ? ui.page[1] : 0);
      const y0 = JSON.stringify((await state()).ui);
      await page.mouse.wheel(0, down ? 250 : -250);
      await frames(2);
      if (!Array.isArray(r) && JSON.stringify((await state()).ui) === y0) down = !down;  // the end
    }
    check(false, `${tag} "${name}" can be scrolled to`);
    return (await state()).ui[name];
  };
  // A click or a tap where the control is, as the screen's user would.
  const press = async (name) => {
    const c = centre(await reveal(name));
    if (screen.touch) await page.touchscreen.tap(c.x, c.y);
    else await page.mouse.click(c.x, c.y);
  };

  // Play then pause: each press toggles once.
  const seen = [];
  await press('play');
  for (let i = 0; i < 10; ++i) { seen.push((await state()).playing ? 1 : 0); await sleep(20); }
  s = await state();
  check(s.playing === true && !seen.includes(0, seen.indexOf(1)), `${tag} one ${screen.touch ? 'tap' : 'click'} on Play starts training, once`, seen.join(''));
  // A loaded machine (DPR 3 in software) may take a while for the first epoch: poll.
  const tPlay = Date.now();
  while ((await state()).epoch === 0 && Date.now() - tPlay < 10000) await sleep(100);
  const epochPlaying = (await state()).epoch;
  check(epochPlaying > 0, `${tag} training advances`, `epoch ${epochPlaying}`);
  await press('play');
  await sleep(150);
  seen.length = 0;
  for (let i = 0; i < 10; ++i) { seen.push((await state()).playing ? 1 : 0); await sleep(20); }
  check(seen.every((v) => v === 0), `${tag} a second ${screen.touch ? 'tap' : 'click'} pauses it`, seen.join(''));

  // Keys go to the app, also right after Copy link.
  await press('copy_link');
  await page.waitForFunction(() => true);
  await sleep(300);
  const copiedLink = (await state()).link;
  let clip = '';
  try { clip = await page.evaluate(() => navigator.clipboard.readText()); } catch (e) { clip = 'error: ' + e.message; }
  check(clip.startsWith(base) && clip.includes('#v=1') && clip.includes('data=xor'), `${tag} Copy link puts the whole URL on the clipboard`, clip);
  const before = (await state()).epoch;
  await page.keyboard.press('s');
  await sleep(200);
  check((await state()).epoch === before + 1, `${tag} s steps one epoch right after Copy link`);
  await page.keyboard.press('Space');
  await sleep(200);
  check((await state()).playing === true, `${tag} Space plays right after Copy link`);
  await page.keyboard.press('Space');
  await sleep(100);
  await page.keyboard.press('r');
  await sleep(200);
  s = await state();
  check(s.playing === false && s.epoch === 0, `${tag} Space pauses and r resets`, `playing=${s.playing} epoch=${s.epoch}`);
  await page.screenshot({ path: artifact(`screen-${screen.name}.png`) });

  // The copied URL reopens the same experiment in a fresh page.
  if (clip.startsWith(base)) {
    const other = await context.newPage();
    await other.goto(clip);
    await other.waitForFunction(() => typeof Module !== 'undefined' && Module.calledRun, null, { timeout: 30000 });
    const o = JSON.parse(await other.evaluate(() => Module.ccall('nnp_app_state_json', 'string', [], [])));
    check(o.link === copiedLink, `${tag} the copied URL opens the same experiment`, `${o.link} vs ${copiedLink}`);
    await other.close();
    await page.bringToFront();  // a page in the background gets no animation frames
  }

  // A data set button picks its set (scrolling to it first where the page scrolls).
  await press('data_spiral');
  await sleep(200);
  check((await state()).config.dataset === 'spiral', `${tag} the Spiral button picks the spiral`, (await state()).config.dataset);

  if (screen.touch) {
    // A long press shows the control's tooltip and does not click it.
    const c = centre((await state()).ui.step);
    const cdp = await context.newCDPSession(page);
    const e0 = (await state()).epoch;
    const point = [{ x: c.x, y: c.y }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
    await sleep(900);
    const shot = await page.screenshot({ path: artifact(`screen-${screen.name}-long-press.png`) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(250);
    check((await state()).epoch === e0, `${tag} a long press on Step does not step`);
    check(shot.length > 0, `${tag} long-press screenshot taken`);
    // A drag on the page's background scrolls it.
    const y0 = (await state()).ui.play[1];
    const dataRect = await reveal('regenerate');
    // In the panels' left margin: no control there, and not the scroll bar on the right.
    const from = { x: 3, y: 600 }, to = { x: 3, y: 300 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let k = 1; k <= 6; ++k) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x, y: from.y + (to.y - from.y) * k / 6 }] });
      await sleep(40);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(200);
    const moved = (await state()).ui.regenerate[1];
    check(moved < dataRect[1] - 50 && (await state()).ui.play[1] === y0, `${tag} a finger drag scrolls the page under the fixed bar`,
          `regenerate y ${dataRect[1]} -> ${moved}`);
    // A finger drags a slider (and the page does not scroll instead): noise from 0 to about half.
    const noise = await reveal('slider_noise');
    const n0 = (await state()).config.noise;
    const sy = noise[1] + noise[3] / 2, sx0 = noise[0] + 4, sx1 = noise[0] + noise[2] * 0.5;
    const pageY = (await state()).ui.slider_noise[1];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: sx0, y: sy }] });
    for (let k = 1; k <= 8; ++k) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: sx0 + (sx1 - sx0) * k / 8, y: sy }] });
      await sleep(40);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(300);
    s = await state();
    check(s.config.noise > n0 + 10 && s.ui.slider_noise[1] === pageY, `${tag} a finger drags the noise slider`,
          `noise ${n0} -> ${s.config.noise}`);
  }
  if (screen.name === '1280x800' || screen.touch) {
    // A lesson: picked from the Lessons button, its goal checked live while training, Next.
    await press('lessons');
    await frames(2);
    await press('lesson_xor');
    await frames(2);
    s = await state();
    check(s.lesson.id === 'xor' && s.lesson.step === 1 && s.config.hidden.length === 0 && s.config.dataset === 'gauss',
          `${tag} the perceptron lesson opens its first step (weights by hand)`, JSON.stringify(s.lesson));
    await press('lesson_next');
    await frames(2);
    s = await state();
    check(s.lesson.step === 2 && s.config.dataset === 'xor' && s.config.hidden.length === 0,
          `${tag} Next opens step 2 (a perceptron on XOR)`, JSON.stringify(s.lesson));
    await command(page, { cmd: 'set_speed', value: 20 });
    await press('play');
    const t0 = Date.now();
    while (!(await state()).lesson.met && Date.now() - t0 < 30000) await sleep(200);
    check((await state()).lesson.met === true, `${tag} the step's goal is met by training and ticked`,
          `epoch ${(await state()).epoch}`);
    await press('play');  // pause
    await press('lesson_next');
    await frames(2);
    s = await state();
    check(s.lesson.step === 3 && s.config.hidden.length === 2, `${tag} Next opens step 3 (two hidden layers)`, JSON.stringify(s.lesson));
    await page.screenshot({ path: artifact(`screen-${screen.name}-lesson.png`) });
    await press('lesson_close');
    await frames(2);
    check(!(await state()).lesson.id, `${tag} the lesson closes`);
  }
  if (screen.name === '1280x800') {
    // The language: the button switches it, it sticks for the next visit, lang= in a link wins.
    check((await state()).lang === 'en', `${tag} the page starts in the browser's language (en-US)`);
    await press('language');
    await frames(2);
    check((await state()).lang === 'ko', `${tag} the language button switches to Korean`);
    await frames(2);
    check((await state()).frame.missing_glyphs === 0, `${tag} in Korean no character is drawn as a box`,
          `${(await state()).frame.missing_glyphs}`);
    await page.screenshot({ path: artifact(`screen-${screen.name}-ko.png`) });
    await page.reload();
    await page.waitForFunction(() => window.nnpReady === true && Module.calledRun, null, { timeout: 30000 });
    await frames(2);
    check((await state()).lang === 'ko', `${tag} Korean sticks after a reload`);
    await page.goto(base + '#v=1&data=xor&lang=en');
    await page.waitForFunction(() => window.nnpReady === true && Module.calledRun, null, { timeout: 30000 });
    await frames(2);
    s = await state();
    check(s.lang === 'en' && s.link_issues.length === 0, `${tag} lang=en in a link wins, and is no link problem`);
    await page.evaluate(() => localStorage.removeItem('nnp.lang'));
  }
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('all screen checks passed');
