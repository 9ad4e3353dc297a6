// The optimizers on a loss surface, as a person uses the view: open it from the training bar,
// open the wells by a link, drag the start with the mouse (buttons tapped on a phone), press Play and watch all six
// paths advance, and plain gradient descent end in the well it started in. Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, pressHere: press } = await openApp(browser, base, screen);
  await frames(3);

  await press('surfaces');
  let s = await state();
  check(s.surface.open && s.surface.paths.length === 6, `${tag} "Surfaces" opens the view with six paths`, JSON.stringify(s.surface).slice(0, 200));
  // The wells, by a link pasted into the address bar (the combo is ImGui's own).
  await page.evaluate(() => { location.hash = 'v=1&view=surface&fn=wells'; });
  await sleep(300);
  await frames(3);
  s = await state();
  check(s.surface.open && s.surface.fn === 'wells', `${tag} a link with view=surface&fn=wells opens the wells`, JSON.stringify(s.surface).slice(0, 120));
  // Drag the start to the lower right, where the shallow well is.
  const map = (await state()).ui.surface_map;
  const at = (x, y) => ({ x: map[0] + (x + 3) / 6 * map[2], y: map[1] + (3 - y) / 6 * map[3] });
  const from = at(s.surface.start_x, s.surface.start_y), to = at(0.4, -1.2);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let k = 1; k <= 8; ++k) { await page.mouse.move(from.x + (to.x - from.x) * k / 8, from.y + (to.y - from.y) * k / 8); await frames(1); }
  await page.mouse.up();
  await frames(2);
  s = await state();
  check(Math.abs(s.surface.start_x - 0.4) < 0.2 && Math.abs(s.surface.start_y + 1.2) < 0.2 && s.surface.steps === 0,
        `${tag} dragging moves the start and the paths start over`, `start ${s.surface.start_x}, ${s.surface.start_y}`);
  await press('surface_play');
  const t0 = Date.now();
  // One step a frame: 300 frames, which software rendering of this view draws at 13-15 a second here.
  while ((s = await state()).surface.steps < 300 && Date.now() - t0 < 60000) await sleep(100);
  check(s.surface.steps >= 300 && s.surface.paths.every((p) => p.steps === s.surface.steps || p.diverged),
        `${tag} Play advances all six paths together`, `${s.surface.steps} steps`);
  const sgd = s.surface.paths[0];
  check(Math.hypot(sgd.x - 0.5, sgd.y + 1.8) < 0.6, `${tag} gradient descent from there ends in the shallow well`, `${sgd.x}, ${sgd.y}`);
  await page.screenshot({ path: artifact(`surface-${screen.name.replace(/ /g, '-')}.png`) });
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('surfaces: all checks passed');
