// The product's flows as integration staff see them in Kaoto 2.7.1 (docs/change-the-flows.md):
// every route file and recipe opens with the product's catalog, with nothing unknown or flagged, a
// label on every step and the Kamelet's parameters in its form; a save leaves a file as it was; and a
// route built in Kaoto's UI is one that validate-routes accepts (KaotoEditedRouteIT runs it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KaotoPage, repo } from './kaoto-page.mjs';

const out = join(repo, 'target/kaoto');
/** The pictures docs/change-the-flows.md shows (copied from target/kaoto/ to docs/images/). */
const SCREENSHOTS = { 'routes/receive-export.camel.yaml': 'kaoto-receive-export.png', 'routes/sync-sheet.camel.yaml': 'kaoto-sync-sheet.png' };
const FLOWS = [
  ...readdirSync(join(repo, 'routes')).filter((f) => f.endsWith('.yaml')).map((f) => `routes/${f}`),
  // add-param-column.yaml is a piece of application.yaml, not a flow
  ...readdirSync(join(repo, 'docs/recipes')).filter((f) => f.endsWith('.camel.yaml')).map((f) => `docs/recipes/${f}`),
].sort().filter((f) => !process.env.KAOTO_FLOWS || f.includes(process.env.KAOTO_FLOWS));

/** The value at a place Kaoto names like "route.from.steps.2.choice.when.0" in the entity of that route (a bare name: the entity). */
function at(entity, path) {
  return path.includes('.') ? path.split('.').reduce((node, key) => node?.[key], entity) : Object.values(entity ?? {})[0];
}

function entityOf(flow, id) {
  return flow.find((item) => Object.values(item)[0]?.id === id);
}

let kaoto;

/** The packaged jar's validate-routes on a file (mvn package, or the pre-integration-test phase of mvn verify). */
function validateRoutes(file) {
  const jar = readdirSync(join(repo, 'target')).find((f) => /^esignon-export-bridge-.*\.jar$/.test(f));
  assert.ok(jar, 'target/esignon-export-bridge-*.jar: run mvn package first');
  return execFileSync('java', ['-jar', join(repo, 'target', jar), 'validate-routes', file], { cwd: repo, encoding: 'utf8' });
}

describe('the flows in Kaoto', () => {
  before(async () => {
    mkdirSync(out, { recursive: true });
    kaoto = await KaotoPage.launch();
  });
  after(() => kaoto?.close());

  for (const file of FLOWS) {
    test(`${file}: drawn with every step known, valid and labelled; a save changes nothing`, async () => {
      const original = await kaoto.open(file);
      const flow = parse(original);
      const nodes = await kaoto.nodes();
      assert.ok(nodes.length > 0, 'Kaoto drew nothing');
      if (SCREENSHOTS[file]) {
        await kaoto.diagram(join(out, SCREENSHOTS[file]));
      }

      // an endpoint that is a setting as a whole (to: "{{esignon.handoff.uri}}") has its component only at run time
      const setting = (n) => /^\{\{[^}]+\}\}$/.test(at(entityOf(flow, n.id.split('|')[0]), n.id.split('|')[1])?.uri ?? '');
      const unknown = nodes.filter((n) => n.unknown && !setting(n)).map((n) => n.id);
      assert.deepEqual(unknown, [], 'steps Kaoto finds in no catalog');
      const flagged = nodes.filter((n) => n.warning).map((n) => `${n.id}: ${n.warning}`);
      assert.deepEqual(flagged, [], 'steps Kaoto flags');

      // the label is the step's description, written for staff, not the processor's name
      const unlabelled = nodes
        .map((n) => ({ ...n, description: at(entityOf(flow, n.id.split('|')[0]), n.id.split('|')[1])?.description }))
        .filter((n) => !n.description || n.label !== n.description)
        .map((n) => `${n.id} is labelled "${n.label}"`);
      assert.deepEqual(unlabelled, [], 'steps without a label of their own');

      // An edit in the form and its undoing in the form make Kaoto write the whole file again
      const saved = await kaoto.resave(flow);
      writeFileSync(join(out, file.replaceAll('/', '_')), saved);
      assert.equal(saved, original, `Kaoto writes ${file} differently (its version: target/kaoto/${file.replaceAll('/', '_')})`);
    });
  }

  test('the Kamelet: its form shows every parameter, with the values a flow gives and the seams to choose from', async () => {
    const kamelet = parse(readFileSync(join(repo, 'src/main/resources/kamelets/esignon-subscription.kamelet.yaml'), 'utf8'));
    const definition = kamelet.spec.definition;
    await kaoto.open('routes/sync-sheet.camel.yaml');
    const from = (await kaoto.nodes()).find((n) => n.id === 'sync-sheet|route.from');
    assert.ok(from.tooltip?.startsWith(definition.description.slice(0, 40)), `the Kamelet's node tells what it is: ${from.tooltip}`);
    await kaoto.select('custom-node__route.from');
    for (const parameter of Object.keys(definition.properties)) {
      await kaoto.frame.getByTestId(`#.parameters.${parameter}__field-wrapper`).waitFor({ timeout: 5_000 });
    }
    // a default shows as the empty field's placeholder, or as the switch's state
    const shown = {};
    for (const [parameter, property] of Object.entries(definition.properties).filter(([, p]) => 'default' in p && !p.enum)) {
      const field = kaoto.frame.locator(`[name="#.parameters.${parameter}"]`);
      shown[parameter] = property.type === 'boolean' ? await field.isChecked() : await field.getAttribute('placeholder');
    }
    const defaults = Object.fromEntries(Object.entries(definition.properties).filter(([, p]) => 'default' in p && !p.enum)
      .map(([parameter, p]) => [parameter, p.type === 'boolean' ? p.default : String(p.default)]));
    // sync-sheet sets single-writer and greedy: the switches show its values
    assert.deepEqual(shown, { ...defaults, 'single-writer': true, greedy: false });
    assert.equal(await kaoto.frame.locator('[name="#.parameters.subscriber"]').inputValue(), 'sheet');
    const seam = kaoto.frame.getByTestId('#.parameters.seam__field-wrapper').locator('input').first();
    assert.equal(await seam.inputValue(), 'export-accepted');
    await seam.click();
    const options = await kaoto.frame.getByRole('option').allTextContents();
    assert.deepEqual(options.map((o) => o.trim()), definition.properties.seam.enum);
    await kaoto.screenshot(join(out, 'kamelet-form.png'));
  });

  test('a subscriber route built in the UI from the Kamelet, with a log step, is one validate-routes accepts', async () => {
    const file = 'routes/kaoto-new-subscriber.camel.yaml';
    await kaoto.page.evaluate((path) => window.harness.open(path, ''), file);
    await kaoto.page.waitForFunction(() => window.harness.ready);
    await kaoto.frame.getByTestId('new-entity-list-dropdown').first().click();
    await kaoto.frame.getByTestId('new-entity-route').click();

    // the route Kaoto creates starts with a timer: it becomes a subscriber of the Kamelet
    await kaoto.frame.locator('[data-testid="custom-node__route.from"]').first().click();
    await kaoto.frame.getByTestId('step-toolbar-button-replace').click();
    await kaoto.frame.getByPlaceholder('Filter by name, description or tag').fill('esignon');
    await kaoto.frame.getByTestId('tile-esignon-subscription').click();
    await kaoto.select('custom-node__route.from');
    const seam = kaoto.frame.getByTestId('#.parameters.seam__field-wrapper').locator('input').first();
    await seam.click();
    await kaoto.frame.getByRole('option').filter({ hasText: /^contract-rejected$/ }).click();
    await kaoto.type('#.parameters.subscriber', 'kaoto-rejections');
    await kaoto.type('#.description', 'Take each rejected contract');

    await kaoto.select('custom-node__route.from.steps.0.log');
    await kaoto.type('#.message', 'Rejected in Kaoto: ${body[wfuid]}');
    await kaoto.type('#.description', 'Log the rejected contract');

    await kaoto.select('custom-group__route');
    await kaoto.type('#.id', 'kaoto-rejections');
    await kaoto.type('#.description', 'Log every rejected contract (a route made in Kaoto)');
    await kaoto.page.waitForFunction(async () => (await window.harness.content()).includes('Log every rejected contract'));

    const written = await kaoto.content();
    mkdirSync(join(out, 'routes'), { recursive: true });
    writeFileSync(join(out, file), written);
    const route = parse(written)[0].route;
    assert.equal(route.from.uri, 'kamelet:esignon-subscription');
    assert.deepEqual(route.from.parameters, { seam: 'contract-rejected', subscriber: 'kaoto-rejections' });
    assert.equal(route.from.steps[0].log.message, 'Rejected in Kaoto: ${body[wfuid]}');

    const report = validateRoutes(join(out, file));
    assert.match(report, /1 route files checked: no problems/);
  });

  test('a log step added in the UI to a shipped flow is the only change in the saved file', async () => {
    const file = 'routes/handoff.camel.yaml';
    const original = await kaoto.open(file);
    await kaoto.frame.locator('[data-testid="custom-node__route.from.steps.4.to"]').first().click({ button: 'right' });
    await kaoto.frame.getByTestId('context-menu-item-append').click();
    await kaoto.frame.getByPlaceholder('Filter by name, description or tag').fill('log');
    // the log EIP, not the log component
    await kaoto.frame.getByTestId('tile-log').filter({ hasText: 'Processor' }).click();
    await kaoto.select('custom-node__route.from.steps.5.log');
    await kaoto.type('#.message', 'Handed off export ${header.esignon-export-id}');
    await kaoto.type('#.description', 'Log the hand-off');
    await kaoto.page.waitForFunction(async () => (await window.harness.content()).includes('Log the hand-off'));

    const saved = await kaoto.content();
    const before = original.split('\n');
    const after = saved.split('\n');
    const at = before.findIndex((line, i) => line !== after[i]);
    const added = after.slice(at, at + after.length - before.length);
    assert.deepEqual([...after.slice(0, at), ...after.slice(at + added.length)], before, 'lines other than the new step changed');
    assert.match(added.join('\n'), /^ {8}- log:\n {12}id: log-\d+\n {12}description: Log the hand-off\n {12}message: Handed off export \$\{header.esignon-export-id\}$/);

    mkdirSync(join(out, 'routes'), { recursive: true });
    writeFileSync(join(out, 'routes/handoff-with-a-log-step.camel.yaml'), saved);
    assert.match(validateRoutes(join(out, 'routes/handoff-with-a-log-step.camel.yaml')), /1 route files checked: no problems/);
  });
});
