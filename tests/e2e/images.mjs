// The 8x8 digits in the page, as a person uses them: pick the data set by clicking its
// thumbnail, press Play, watch the test accuracy pass 95% (the time it took is printed), then
// draw a digit on the pad with the mouse (a phone: with a finger) and read the network's answer.
// Screenshots at a laptop's and a phone's size go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import fs from 'node:fs';
import path from 'node:path';
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';



let sent = [];  // { file, bytes } the server sent
const { server, base } = await serveSite(site, (file, bytes) => sent.push({ file, bytes }));
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, reveal, press } = await openApp(browser, base, screen);
  await frames(3);

  await press('data_digits');
  let s = await state();
  check(s.config.dataset === 'digits' && s.config.hidden.length === 1 && s.config.hidden[0].width === 16,
        `${tag} a click on the digits' thumbnail opens them with their own network`, JSON.stringify(s.config.hidden));
  check(s.images && s.images.pixels.length === 64 && s.images.probabilities.length === 10,
        `${tag} the image view shows a 64-pixel image and ten class probabilities`);
  await press('play');
  const t0 = Date.now();
  while ((s = await state()).test_accuracy < 0.95 && Date.now() - t0 < 30000) await sleep(100);
  const seconds = (Date.now() - t0) / 1000;
  check(s.test_accuracy >= 0.95, `${tag} Play trains the digits past 95% test accuracy`,
        `${(s.test_accuracy * 100).toFixed(1)}% at epoch ${s.epoch} after ${seconds.toFixed(1)} s`);
  console.log(`${tag} time to 95% test accuracy: ${seconds.toFixed(2)} s (epoch ${s.epoch})`);
  await press('play');  // pause, so the pad's answer is read from a fixed network
  await page.screenshot({ path: artifact(`digits-${screen.name.replace(/ /g, '-')}.png`) });

  await press('draw_digit');
  s = await state();
  check(s.images.drawing === true, `${tag} "Draw a digit" turns the pad on`);
  // A "1": one stroke down the middle of the pad, drawn with the mouse, or on the phone with a
  // finger (real touch events through the DevTools protocol; web/index.html turns the first
  // finger into the mouse).
  const pad = await reveal('pad');
  const x = pad[0] + pad[2] / 2;
  const at = (i) => ({ x: x + i * 0.3, y: pad[1] + pad[3] * (0.12 + 0.76 * i / 12) });
  if (screen.touch) {
    const cdp = await context.newCDPSession(page);
    const touch = (type, p) => cdp.send('Input.dispatchTouchEvent',
                                        { type, touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [] });
    await touch('touchStart', at(0));
    await frames(1);
    for (let i = 1; i <= 12; ++i) {
      await touch('touchMove', at(i));
      await frames(1);
    }
    await touch('touchEnd', null);
  } else {
    await page.mouse.move(at(0).x, at(0).y);
    await page.mouse.down();
    for (let i = 1; i <= 12; ++i) {
      await page.mouse.move(at(i).x, at(i).y);
      await frames(1);
    }
    await page.mouse.up();
  }
  await frames(3);
  s = await state();
  check(Array.isArray(s.ui.pad) && Math.abs(s.ui.pad[1] - pad[1]) < 1, `${tag} drawing on the pad does not scroll the page`,
        `pad top ${pad[1]} then ${s.ui.pad && s.ui.pad[1]}`);
  const ink = s.images.pixels.reduce((a, b) => a + b, 0);
  check(s.images.strokes === 1 && ink > 0, `${tag} the stroke reaches the network as an 8x8 image`, `ink ${ink}`);
  check(s.images.predicted === 1, `${tag} the trained network reads a straight stroke as a 1`,
        `answer ${s.images.predicted}, p = ${s.images.probabilities.map((p) => p.toFixed(2)).join(' ')}`);
  await page.screenshot({ path: artifact(`digits-pad-${screen.name.replace(/ /g, '-')}.png`) });
  await press('clear_drawing');
  s = await state();
  check(s.images.strokes === 0, `${tag} Clear empties the pad`);
  if (!screen.touch) {
    // MNIST: nothing of it comes with the page; a click on its thumbnail fetches it, then it
    // trains like the digits.
    check(!sent.some((x) => x.file.endsWith('mnist.bin')), `${tag} the page loads without MNIST's file`);
    const tFetch = Date.now();
    await press('data_mnist');
    while (!((s = await state()).images && s.images.pixels.length === 784) && Date.now() - tFetch < 30000) await sleep(50);
    const mnistBytes = sent.filter((x) => x.file.endsWith('mnist.bin')).reduce((a, x) => a + x.bytes, 0);
    check(s.images && s.images.pixels.length === 784 && s.config.hidden[0].width === 64,
          `${tag} a click on MNIST's thumbnail fetches it and opens its 784-64-10 network`,
          `${mnistBytes} bytes in ${((Date.now() - tFetch) / 1000).toFixed(2)} s`);
    console.log(`${tag} MNIST on demand: ${mnistBytes} bytes, ${((Date.now() - tFetch) / 1000).toFixed(2)} s until it can train`);
    await press('play');
    const tTrain = Date.now();
    while ((s = await state()).test_accuracy < 0.95 && Date.now() - tTrain < 60000) await sleep(200);
    const trainSeconds = (Date.now() - tTrain) / 1000;
    check(s.test_accuracy >= 0.95, `${tag} Play trains MNIST past 95% test accuracy`,
          `${(s.test_accuracy * 100).toFixed(1)}% at epoch ${s.epoch} after ${trainSeconds.toFixed(1)} s`);
    console.log(`${tag} MNIST: time to 95% test accuracy: ${trainSeconds.toFixed(1)} s (epoch ${s.epoch})`);
    console.log(`${tag} MNIST frames: ${JSON.stringify(s.frame)}`);
    await press('play');
    // The 64 first-layer neurons as a grid of weight pictures big enough to compare, on screen;
    // the mouse on one draws its own edges (the screenshot shows them).
    const block = (await state()).ui.weight_grid;
    const perNeuron = Array.isArray(block) ? Math.sqrt(block[2] * block[3] / 64) : 0;  // side and gap
    check(Array.isArray(block) && perNeuron >= 26 && block[2] > 3 * perNeuron &&
          (screen.touch || block[1] + block[3] <= screen.height),
          `${tag} MNIST's 64 neurons are a grid of weight pictures`, `${JSON.stringify(block)}, ${perNeuron.toFixed(1)} px a neuron`);
    if (Array.isArray(block) && !screen.touch && block[1] + block[3] <= screen.height) {
      await page.mouse.move(block[0] + 8, block[1] + 8);  // on the first neuron
      await frames(3);
      await page.screenshot({ path: artifact(`mnist-grid-${screen.name.replace(/ /g, '-')}.png`) });
    }
    // The pad stays on from the digits (the same drawing, read by the other network).
    if (!(await state()).images.drawing) await press('draw_digit');
    await press('clear_drawing');
    const pad2 = await reveal('pad');
    const x2 = pad2[0] + pad2[2] / 2;
    await page.mouse.move(x2, pad2[1] + pad2[3] * 0.12);
    await page.mouse.down();
    for (let i = 1; i <= 12; ++i) {
      await page.mouse.move(x2 + i * 0.3, pad2[1] + pad2[3] * (0.12 + 0.76 * i / 12));
      await frames(1);
    }
    await page.mouse.up();
    await frames(3);
    s = await state();
    const ink2 = s.images.pixels.reduce((a, b) => a + b, 0);
    check(ink2 > 0 && s.images.probabilities.length === 10, `${tag} the pad draws into MNIST's 28x28 input`,
          `answer ${s.images.predicted}, p = ${s.images.probabilities.map((p) => p.toFixed(2)).join(' ')}`);
    await page.screenshot({ path: artifact(`mnist-pad-${screen.name.replace(/ /g, '-')}.png`) });
  }
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}
await browser.close();
server.close();
finish('all image checks passed');
