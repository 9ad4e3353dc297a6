// Views of what training does inside a run, as a person uses them: train xor a little, open the
// loss landscape from the output panel and watch it computed (its middle is the run's own loss,
// the path ends there), compute a random slice and cancel a big one; a phone gets the same.
// Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, press, pressHere } =
    await openApp(browser, base, screen, { hash: '#v=1&data=xor&net=5:tanh&opt=adam&lr=0.02' });
  await frames(3);
  await press('play');
  let s, t0 = Date.now();
  while ((s = await state()).epoch < 40 && Date.now() - t0 < 20000) await sleep(100);
  await press('play');
  await frames(2);
  s = await state();
  check(!s.playing && s.epoch >= 40, `${tag} trained xor ${s.epoch} epochs and paused`);

  // The loss landscape: opened, computed over frames, the middle is the run's loss.
  await press('landscape');
  t0 = Date.now();
  while ((s = await state()).landscape.status === 'computing' && Date.now() - t0 < 20000) await sleep(50);
  const l = s.landscape;
  check(l.open && l.status === 'done' && l.dirs === 'pca' && l.n === 31, `${tag} "Loss landscape" computes a 31 x 31 PCA slice`,
        JSON.stringify(l));
  check(Math.abs(l.centre_loss - s.train_loss) <= 1e-4 * Math.max(1, s.train_loss), `${tag} its middle is the run's training loss`,
        `${l.centre_loss} vs ${s.train_loss}`);
  check(l.lo <= l.centre_loss && l.hi > l.lo && l.contours > 0, `${tag} shaded with contour lines`, `${l.lo}..${l.hi}, ${l.contours} segments`);
  check(l.path_points >= 3 && l.explained1 > 0 && l.explained1 + l.explained2 <= 1 + 1e-9,
        `${tag} the path is drawn and the directions' spread named`, `${l.path_points} points, ${l.explained1}, ${l.explained2}`);
  await frames(2);
  await page.screenshot({ path: artifact(`landscape-${screen.name.replace(/ /g, '-')}.png`) });
  // Compute again, then cancel at once: the page goes on (cancelled, or done if it was quicker).
  await pressHere('landscape_compute');
  await pressHere('landscape_cancel');
  await frames(2);
  s = await state();
  check(['cancelled', 'done'].includes(s.landscape.status), `${tag} Cancel stops a computation`, s.landscape.status);
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('inside: all checks passed');
