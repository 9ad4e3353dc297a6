// Views of what training does inside a run, as a person uses them: train xor a little, open the
// loss landscape from the output panel and watch it computed (its middle is the run's own loss,
// the path ends there), compute it again and cancel; then backpropagation step by step, a point
// picked on its map, stepped with Next and the arrow keys. A phone gets the same.
// Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, press, pressHere } =
    await openApp(browser, base, screen, { hash: '#v=1&data=xor&points=10000&net=8:tanh,8:tanh&opt=adam&lr=0.02' });
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
  // Compute again (5,000 training points a cell: a few dozen frames), then cancel.
  await pressHere('landscape_compute');
  await frames(1);
  check((await state()).landscape.status === 'computing', `${tag} Compute starts over`);
  await pressHere('landscape_cancel');
  await frames(2);
  s = await state();
  check(s.landscape.status === 'cancelled' && s.landscape.progress > 0 && s.landscape.progress < 1,
        `${tag} Cancel stops it midway, the cells so far kept`, `${s.landscape.status} at ${s.landscape.progress}`);
  await pressHere('landscape_close');
  await frames(2);
  check(!(await state()).landscape.open, `${tag} Close closes the window`);

  // Backpropagation step by step: opened, a point clicked on its map, stepped with Next and the
  // arrow keys through the forward pass into the backward pass, each step named in words.
  await press('backprop');
  await frames(2);
  s = await state();
  check(s.backprop.open && s.backprop.steps > 10 && s.backprop.step === 0, `${tag} "Backprop" opens the walk-through at its first step`,
        JSON.stringify(s.backprop).slice(0, 200));
  const map = s.ui.bp_map;
  if (map) {
    await page.mouse.click(map[0] + map[2] * 0.8, map[1] + map[3] * 0.2);
    await frames(2);
    s = await state();
    check(s.backprop.sample !== 0, `${tag} a click on the small map picks the nearest training point`, `sample ${s.backprop.sample}`);
  }
  const first = s.backprop.text;
  await pressHere('bp_next');
  await frames(1);
  s = await state();
  check(s.backprop.step === 1 && s.backprop.kind === 'forward' && s.backprop.text !== first && s.backprop.text.includes('z ='),
        `${tag} Next steps to the first neuron's sum`, s.backprop.text.slice(0, 120));
  // 8 + 8 + 1 neurons forward, the loss, the output's error, its gradients: 20 presses reach the
  // error signal sent back to the last hidden layer.
  for (let k = 0; k < 20; ++k) { await page.keyboard.press('ArrowRight'); await frames(1); }
  await frames(2);
  s = await state();
  check(s.backprop.step === 21 && s.backprop.kind === 'signal' && s.backprop.text.includes('Σ w · dL/dz'), `${tag} the arrow keys step on into the backward pass`,
        `${s.backprop.step} ${s.backprop.kind}: ${s.backprop.text.slice(0, 100)}`);
  check(s.backprop.matches_engine, `${tag} the walk's gradient is the engine's for that one sample`);
  await page.screenshot({ path: artifact(`backprop-${screen.name.replace(/ /g, '-')}.png`) });
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('inside: all checks passed');
