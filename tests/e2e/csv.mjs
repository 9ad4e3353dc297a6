// The user's own data in the page, as a person brings it: pick "Your data", click into the box
// and paste a CSV table (Ctrl+V from the browser's clipboard), read it, train
// on it with Play; a line with a problem is named with its line and column and the text stays in
// the box; then a .csv file dropped on the page replaces the data. Screenshots at a laptop's and
// a phone's size go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

// Four columns, two classes split by p + q (r and s carry nothing).
function table(rows, bad = false) {
  let text = 'p,q,r,s,kind\n';
  for (let i = 0; i < rows; ++i) {
    const p = (i % 7) - 3, q = ((i * 5) % 11) - 5;
    const cell = bad && i === 1 ? 'oops' : String(q);
    text += `${p},${cell},${i % 3},1,${p + q > 0 ? 'up' : 'down'}\n`;
  }
  return text;
}

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const { tag, context, page, errors, state, frames, press } = await openApp(browser, base, screen);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A real paste: the text on the browser's clipboard, then Ctrl+V (the browser's paste event
  // hands the text to the page, ImGui's Ctrl+V reads it).
  const paste = async (text) => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('Control+V');
    await frames(3);
  };
  await frames(3);

  await press('data_csv');
  let s = await state();
  check(s.config.dataset === 'csv' && s.csv.data_rows === 0, `${tag} "Your data" opens an empty set with its box`,
        JSON.stringify(s.csv));
  const text = table(140);
  await press('csv_text');
  await paste(text);
  s = await state();
  check(s.csv.text_bytes === text.length, `${tag} the pasted table is in the box`, `${s.csv.text_bytes} of ${text.length} bytes`);
  await press('csv_read');
  s = await state();
  check(s.csv.read && s.csv.rows === 140 && s.csv.cols === 5 && s.csv.header && s.csv.label === 4,
        `${tag} reading finds 140 rows, 5 columns, the header, the label last`, JSON.stringify(s.csv));
  await press('csv_use');
  s = await state();
  check(s.config.dataset === 'csv' && s.csv.data_rows === 140 && s.csv.data_inputs === 4,
        `${tag} "Train on it" makes a data set of 140 rows and 4 inputs`, JSON.stringify(s.csv));
  await press('play');
  const t0 = Date.now();
  while ((s = await state()).test_accuracy < 0.9 && Date.now() - t0 < 30000) await sleep(100);
  check(s.test_accuracy >= 0.9, `${tag} Play learns the pasted table (test accuracy >= 90%)`,
        `${(s.test_accuracy * 100).toFixed(1)}% at epoch ${s.epoch} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.screenshot({ path: artifact(`csv-${screen.name.replace(/ /g, '-')}.png`) });
  if (s.playing) await press('play');

  // A line with a problem: named with its line and column, the rest trains, the text stays.
  const bad = table(60, true);
  await press('csv_text');
  await page.keyboard.press('Control+A');
  await paste(bad);
  await press('csv_read');
  await press('csv_use');
  s = await state();
  check(s.csv.text_bytes === bad.length, `${tag} the text with a problem stays in the box`, `${s.csv.text_bytes} bytes`);
  check(s.csv.problems.some((p) => p.includes('Line 3, column 2') && p.includes('"oops"')) && s.csv.data_rows === 59,
        `${tag} the bad line is named (line 3, column 2) and left out`, JSON.stringify(s.csv.problems));
  await page.screenshot({ path: artifact(`csv-problem-${screen.name.replace(/ /g, '-')}.png`) });

  // A file dropped on the page: two inputs, so the map is the plane of the two columns.
  let two = 'a,b,c\n';
  for (let i = 0; i < 80; ++i) two += `${(i % 9) * 10},${(i % 4) * 100},${(i % 9) * 10 > 40 ? 'yes' : 'no'}\n`;
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.items.add(new File([t], 'two.csv', { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, two);
  await sleep(300);
  await frames(3);
  s = await state();
  check(s.csv.file === 'two.csv' && s.csv.data_rows === 80 && s.csv.data_inputs === 2,
        `${tag} a dropped .csv file becomes the data`, JSON.stringify(s.csv));
  check(errors.length === 0, `${tag} no page errors`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish("csv: all checks passed");
