// Points placed by clicking, as a person does it: tick "Add points by clicking" under the map,
// clear the plane, click points of two classes into it (a phone: taps), remove one with a right
// click, press Play and watch the network learn them; the link then carries the points and a
// fresh page opened from it has them; the model, history, data and map download, and the model
// dropped on a fresh page brings the trained network back. Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, tap, press } =
    await openApp(browser, base, screen, { contextOptions: { acceptDownloads: true } });
  // A point of the plane ([-6, 6]^2) on the map as it is drawn now.
  const onMap = async (x, y) => {
    const v = (await state()).output_view;
    return { x: v.x + (x + 6) / 12 * v.w, y: v.y + (6 - y) / 12 * v.h };
  };
  await frames(3);

  await press('points_edit');
  let s = await state();
  check(s.csv.points_edit && s.csv.points_editable, `${tag} "Add points by clicking" is on`, JSON.stringify(s.csv));
  await press('points_clear');
  s = await state();
  check(s.config.dataset === 'csv' && s.csv.data_rows === 0, `${tag} Clear leaves an empty plane`, JSON.stringify(s.csv));
  // Class 0 on the left, class 1 on the right, a few of each.
  const placed = [];
  for (const [cls, xs] of [[0, [-4, -3, -4.5]], [1, [3.5, 4, 2.5]]]) {
    await press(`point_class_${cls}`);
    for (const [i, x] of xs.entries()) {
      const p = await onMap(x, -3 + 2.5 * i);
      await tap(p.x, p.y);
      placed.push([x, -3 + 2.5 * i]);
    }
  }
  s = await state();
  check(s.csv.data_rows === 6, `${tag} six clicks place six points`, `${s.csv.data_rows}`);
  if (!screen.touch) {
    const p = await onMap(2.5, 2);
    await tap(p.x, p.y, 'right');
    s = await state();
    check(s.csv.data_rows === 5, `${tag} a right click removes the point under it`, `${s.csv.data_rows}`);
  }
  await press('play');
  const t0 = Date.now();
  while (((s = await state()).train_accuracy < 1 || s.epoch < 20) && Date.now() - t0 < 20000) await sleep(100);
  check(s.train_accuracy === 1, `${tag} Play learns the clicked points`, `${(s.train_accuracy * 100).toFixed(0)}% at epoch ${s.epoch}`);
  // Another click while training: the weights go on (the epoch count restarts with the new data).
  const p = await onMap(-2, 4);
  await tap(p.x, p.y);
  s = await state();
  check(s.playing, `${tag} adding a point while training keeps it training`);
  await page.screenshot({ path: artifact(`points-${screen.name.replace(/ /g, '-')}.png`) });

  // The link carries the points: a fresh page opened from it has them.
  // The address follows the experiment within a quarter second (5 characters a point).
  const rows = s.csv.data_rows;
  const pointsIn = (hash) => { const m = /pts=\d+\.([A-Za-z0-9_-]*)/.exec(hash); return m ? m[1].length / 5 : -1; };
  let link = '';
  for (let k = 0; k < 40 && pointsIn(link) !== rows; ++k) { link = await page.evaluate(() => location.hash); await sleep(50); }
  check(pointsIn(link) === rows, `${tag} the page's link carries the ${rows} points`, link.slice(0, 120));
  const fresh = await openApp(browser, base, screen, { context, hash: link });
  await sleep(300);
  const f = await fresh.state();
  check(f.config.dataset === 'csv' && f.csv.data_rows === rows, `${tag} a page opened from the link has the ${rows} points`,
        JSON.stringify(f.csv));

  // Save: the model downloads as a file; dropped on a fresh page it brings the same network back.
  if (s.playing) await press('play');
  const before = await state();
  const [download] = await Promise.all([page.waitForEvent('download'), press('save_model')]);
  check(download.suggestedFilename() === 'nnp-model.json', `${tag} "Model" downloads nnp-model.json`, download.suggestedFilename());
  const fs = await import('node:fs');
  const model = fs.readFileSync(await download.path(), 'utf8');
  check(model.includes('"format": "nnp-model"'), `${tag} the download is a model file`, model.slice(0, 80));
  for (const [name, file] of [['save_history', 'nnp-history.csv'], ['save_data', 'nnp-data.csv'], ['save_map', 'nnp-map.png']]) {
    const [d] = await Promise.all([page.waitForEvent('download'), press(name)]);
    check(d.suggestedFilename() === file, `${tag} "${name}" downloads ${file}`, d.suggestedFilename());
  }
  // The whole page as a PNG: read back from the canvas after the frame that asked for it.
  const [shot] = await Promise.all([page.waitForEvent('download'), press('save_screen')]);
  const png = fs.readFileSync(await shot.path());
  fs.writeFileSync(artifact(`saved-page-${screen.name.replace(/ /g, '-')}.png`), png);
  const pngW = png.readUInt32BE(16), pngH = png.readUInt32BE(20);
  check(shot.suggestedFilename() === 'nnp-page.png' && png.subarray(1, 4).toString() === 'PNG' && pngW > 0 && pngH > 0,
        `${tag} "Page" downloads the page as a PNG`, `${pngW}x${pngH}, ${png.length} bytes`);
  const blankApp = await openApp(browser, base, screen, { context });
  const blank = blankApp.page;
  await blank.evaluate((t) => {
    const data = new DataTransfer();
    data.items.add(new File([t], 'nnp-model.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, model);
  await sleep(500);
  const m = await blankApp.state();
  // Its model file (what Save would give) is the same file: the same network, weights bit for bit.
  const resaved = JSON.parse(await blank.evaluate(() => Module.ccall('nnp_app_command', 'string', ['string'],
                                                                       ['{"cmd":"model_json"}']))).model;
  check(m.csv.data_rows === before.csv.data_rows && resaved === model,
        `${tag} the model dropped on a fresh page brings back the points and the trained network`,
        `${m.csv.data_rows} points, ${resaved === model ? 'the same' : 'another'} model when saved again`);
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('points: all checks passed');
