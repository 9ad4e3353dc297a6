// Ensembles as a person uses them: bagging seven members on noisy xor (Play, the members' maps
// and the vote's map, a member clicked to show it, a test point clicked on the vote's map to see
// every member's vote), boosting's learners joining one by one, and stacking three different
// networks with the meta-learner's trust in each. A large screen and a phone (taps).
// Screenshots go to NNP_ARTIFACTS.
// Env: NNP_SITE (default ../../build/web/site), NNP_ARTIFACTS (default NNP_SITE/../e2e).
import { artifact, check, finish, launchChromium, openApp, serveSite, site, sleep } from './harness.mjs';

const { server, base } = await serveSite(site);
const browser = await launchChromium();

for (const screen of [{ name: '1280x800', width: 1280, height: 800 },
                      { name: 'phone 390x844', width: 390, height: 844, touch: true }]) {
  const shot = (what) => artifact(`ensemble-${what}-${screen.name.replace(/ /g, '-')}.png`);

  // ---- Bagging ----
  let app = await openApp(browser, base, screen, { hash: '#v=1&data=xor&noise=40&ens=bagging&members=7' });
  let { tag, context, page, errors, state, frames, press, reveal, tap } = app;
  await frames(3);
  let s = await state();
  check(s.ensemble && s.ensemble.kind === 'bagging' && s.ensemble.members === 7 && s.runs.length === 7,
        `${tag} a bagging link opens seven members`, JSON.stringify(s.ensemble).slice(0, 160));
  await press('play');
  let t0 = Date.now();
  while ((s = await state()).runs[0].epoch < 40 && Date.now() - t0 < 30000) await sleep(100);
  await press('play');
  await frames(3);
  s = await state();
  check(!s.playing && s.runs.every((r) => r.epoch >= 39), `${tag} Play trains every member alike`,
        s.runs.map((r) => r.epoch).join(','));
  const e = s.ensemble;
  check(e.test_accuracy > 0.6 && e.members_mean_test_accuracy > 0.5 && e.curve.length === 7,
        `${tag} the vote's and the members' mean accuracy, and the curve over members 1..7`,
        `${e.test_accuracy} vs ${e.members_mean_test_accuracy}, ${e.curve.length} bars`);
  check(e.vote_cell >= 0, `${tag} the vote has its own map`);
  await page.screenshot({ path: shot('bagging') });

  // A member's map clicked: that member is shown in the network panel.
  await press('run_map_3');
  s = await state();
  check(s.selected === 3, `${tag} a click on member 4's map shows it`, `selected ${s.selected}`);

  // A test point clicked on the vote's map: every member's vote and the ensemble's answer.
  const map = await reveal('ensemble_map');
  let picked = -1;
  if (Array.isArray(map)) {
    for (let k = 0; k < 36 && picked < 0; ++k) {
      const fx = 0.1 + 0.8 * ((k * 7) % 9) / 8, fy = 0.1 + 0.8 * ((k * 5) % 4) / 3;
      await tap(map[0] + fx * map[2], map[1] + fy * map[3]);
      picked = (await state()).ensemble.picked;
    }
  }
  s = await state();
  check(picked >= 0 && s.ensemble.votes.length === 7, `${tag} a click on the vote's map picks a test point and shows the 7 votes`,
        `picked ${picked}, votes ${JSON.stringify(s.ensemble.votes)}`);
  if (picked >= 0) {
    const ones = s.ensemble.votes.filter((v) => v === 1).length;
    check(s.ensemble.vote === (ones >= 4 ? 1 : 0), `${tag} the answer is the members' majority`,
          `${ones} of 7 say 1, the ensemble says ${s.ensemble.vote}`);
  }
  await page.screenshot({ path: shot('bagging-vote') });
  check(errors.length === 0, `${tag} no page errors (bagging)`, errors.join('; '));
  await context.close();

  // ---- Boosting ----
  app = await openApp(browser, base, screen, { hash: '#v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=5&lepochs=20' });
  ({ tag, context, page, errors, state, frames, press } = app);
  await frames(3);
  await press('play');
  t0 = Date.now();
  while (!(s = await state()).ensemble.finished && Date.now() - t0 < 30000) await sleep(150);
  s = await state();
  check(s.ensemble.finished && s.ensemble.alphas.length >= 2 && s.ensemble.alphas.every((a) => a > 0),
        `${tag} boosting adds learners one by one, each weighed by its alpha`, JSON.stringify(s.ensemble.alphas));
  check(s.ensemble.errors.every((x) => x > 0 && x < 0.5), `${tag} each learner's weighted error is under a half`,
        JSON.stringify(s.ensemble.errors));
  await frames(3);
  await page.screenshot({ path: shot('boosting') });
  check(errors.length === 0, `${tag} no page errors (boosting)`, errors.join('; '));
  await context.close();

  // ---- Stacking ----
  app = await openApp(browser, base, screen, { hash: '#v=1&data=moons&noise=30&ens=stacking&race=act:tanh,relu,sigmoid&folds=3' });
  ({ tag, context, page, errors, state, frames, press, reveal } = app);
  await frames(3);
  s = await state();
  check(s.ensemble && s.ensemble.kind === 'stacking' && s.runs.length === 3 && s.ensemble.folds === 3,
        `${tag} a stacking link opens its three base learners`, JSON.stringify(s.ensemble).slice(0, 160));
  await press('play');
  t0 = Date.now();
  while ((s = await state()).runs[0].epoch < 30 && Date.now() - t0 < 30000) await sleep(100);
  await press('play');
  await frames(3);
  s = await state();
  check(s.ensemble.meta_weights.length === 3 && s.ensemble.meta_weights.some((w) => w !== 0),
        `${tag} the meta-learner's trust in each base learner`, JSON.stringify(s.ensemble.meta_weights));
  check(s.ensemble.test_accuracy > 0.7 && s.ensemble.curve.length === 3, `${tag} the stacked accuracy, and with learners 1..3`,
        `${s.ensemble.test_accuracy}, ${JSON.stringify(s.ensemble.curve)}`);
  check(Array.isArray(await reveal('meta_weights')), `${tag} the trust bars are on the page`);
  await frames(2);
  await page.screenshot({ path: shot('stacking') });
  check(errors.length === 0, `${tag} no page errors (stacking)`, errors.join('; '));
  await context.close();
}

await browser.close();
server.close();
finish('ensemble: all checks passed');
