// Drives Kaoto as staff use it: the harness page (host.jsx, envelope.js) in headless Chromium, files
// opened the way VS Code opens them, edits made with the mouse and keyboard in Kaoto's own UI.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog, serveCatalog } from './catalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '../../..');
const harnessDir = join(repo, 'target/kaoto-harness');
// localhost is a secure context: Kaoto hashes edits with crypto.subtle, which only exists in one
const ORIGIN = 'http://localhost:5173';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.xsd': 'text/xml' };
// Chromium asks before a public page reaches the loopback (the catalog server): the harness page,
// fulfilled by the browser itself, has no address and counts as public, where VS Code's webview is local
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-features=LocalNetworkAccessChecks'];

/**
 * The YAML behind a node Kaoto draws, by the node's id ("<entity id>|<place in the file>", e.g.
 * "sync-sheet|route.from.steps.2.choice.when.0"): in a route file the entity with that id, in a
 * Kamelet its spec; a bare entity name is the entity itself.
 */
export function definitionOf(document, nodeId) {
  const [id, path] = nodeId.split('|');
  if (document?.kind === 'Kamelet') {
    return path.split('.').reduce((node, key) => node?.[key], document.spec);
  }
  const entity = document.find((item) => Object.values(item)[0]?.id === id);
  return path.includes('.') ? path.split('.').reduce((node, key) => node?.[key], entity) : Object.values(entity ?? {})[0];
}

export class KaotoPage {
  static async launch() {
    const catalog = buildCatalog();
    // served as staff serve it (npm run catalog), from another origin than the editor's, as in VS Code
    const { url, server } = await serveCatalog(0);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The editor is served from its build folder by the browser itself
    await page.route(`${ORIGIN}/**`, (route) => {
      const file = join(harnessDir, decodeURIComponent(new URL(route.request().url()).pathname));
      if (!extname(file) || !existsSync(file)) {
        return route.fulfill({ status: 404 });
      }
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    await page.goto(`${ORIGIN}/host.html?catalog=${encodeURIComponent(url)}`);
    const kaoto = new KaotoPage(browser, page, errors, server);
    await kaoto.pickRuntime(catalog.name);
    return kaoto;
  }

  constructor(browser, page, errors, catalogServer) {
    this.browser = browser;
    this.catalogServer = catalogServer;
    this.page = page;
    this.errors = errors;
    this.frame = page.frameLocator('#kogito-iframe');
  }

  async close() {
    this.catalogServer.close();
    await this.browser.close();
  }

  /**
   * Opens a file of the repository in the editor, and waits until Kaoto has drawn it. The editor is
   * loaded once; each file is then set into it as VS Code does when a file changes on disk (after an
   * empty one, so that Kaoto draws it afresh and forgets the edits of the file before).
   */
  async open(file, content = readFileSync(join(repo, file), 'utf8')) {
    const nodes = this.frame.locator('[data-testid^="custom-node__"]');
    await this.page.evaluate(() => window.harness.load('', ''));
    await nodes.first().waitFor({ state: 'detached', timeout: 60_000 });
    await this.page.evaluate(([path, text]) => window.harness.load(path, text), [file, content]);
    if (content) {
      await nodes.first().waitFor({ timeout: 60_000 });
    }
    return content;
  }

  /** Loads the editor as VS Code opens a file: a new webview with Kaoto and its catalog. */
  async start(file) {
    await this.page.evaluate(([path, text]) => window.harness.open(path, text), [file, readFileSync(join(repo, file), 'utf8')]);
    await this.page.waitForFunction(() => window.harness.ready, null, { timeout: 60_000 });
    await this.frame.locator('[data-testid^="custom-node__"]').first().waitFor({ timeout: 60_000 });
  }

  /** What a save writes: the editor's content. */
  content() {
    return this.page.evaluate(() => window.harness.content());
  }

  /** Kaoto remembers the runtime picked in its runtime selector; staff pick the product's catalog once. */
  async pickRuntime(name) {
    await this.start('routes/receive-export.camel.yaml');
    await this.frame.getByTestId('runtime-selector-list-dropdown').click();
    await this.frame.getByText('Spring Boot', { exact: true }).hover();
    await this.frame.getByText(name, { exact: true }).click();
    await this.frame.getByTestId('runtime-selector-list-dropdown').filter({ hasText: name }).waitFor();
  }

  /** Every node and group Kaoto draws: where it is in the file, its label, its warning, whether Kaoto knows it. */
  nodes() {
    return this.page.frame({ url: /envelope\.html/ }).evaluate(() =>
      [...document.querySelectorAll('[data-testid^="custom-node__"], [data-testid^="custom-group__"]')].map((element) => {
        const group = element.dataset.testid.startsWith('custom-group__');
        const image = element.querySelector('img');
        const warning = element.querySelector('[data-warning="true"]');
        return {
          id: element.closest('[data-id]')?.dataset.id,
          group,
          label: group ? element.querySelector('.custom-group__container__text')?.textContent : element.dataset.nodelabel,
          warning: element.dataset.warning === 'true' || warning ? (warning?.getAttribute('title') ?? 'warning') : null,
          // Kaoto draws a step it finds in no catalog with its question-mark picture
          unknown: !!image && decodeURIComponent(image.src).includes('svg_2.svg'),
          tooltip: element.querySelector('.custom-node__container__image')?.getAttribute('title') ?? null,
        };
      }),
    );
  }

  /** Opens the form of a node (by its place in the file, e.g. "route.from") of the first entity that has it. */
  async select(testId) {
    const node = this.frame.locator(`[data-testid="${testId}"]`).first();
    await (testId.startsWith('custom-group__') ? node.locator('.custom-group__container__text') : node).first().click();
    await this.frame.locator('#All').click();
  }

  /** Types into a form field as a person does (Kaoto updates the file on each change). */
  async type(field, text) {
    const input = this.frame.locator(`[name="${field}"]`);
    await input.fill(text);
    await input.blur();
  }

  /**
   * What Kaoto writes for the open file after any edit: the first step's description is changed in
   * its form and changed back, so Kaoto serializes the whole file from its model. Not an endpoint's:
   * its form writes the endpoint's URI anew, path parameters moved into parameters (a flow of
   * endpoints alone: its route's description).
   */
  async resave(document) {
    const nodes = await this.nodes();
    const step = nodes.find((n) => !n.group && !definitionOf(document, n.id)?.uri)
      ?? nodes.find((n) => n.group && !n.id.split('|')[1].includes('.'));
    const description = definitionOf(document, step.id)?.description ?? '';
    await this.select(`custom-${step.group ? 'group' : 'node'}__${step.id.split('|')[1]}`);
    await this.type('#.description', `${description} (edited)`);
    await this.page.waitForFunction(async () => (await window.harness.content()).includes('(edited)'));
    await this.type('#.description', description);
    await this.page.waitForFunction(async () => !(await window.harness.content()).includes('(edited)'));
    return this.content();
  }

  screenshot(path) {
    return this.page.screenshot({ path });
  }

  /** The diagram alone: fitted to a tall window, then cut to the drawn flows. */
  async diagram(path) {
    const size = this.page.viewportSize();
    await this.page.setViewportSize({ width: 1000, height: 1400 });
    await this.frame.locator('#reset-view').click();
    const frame = this.page.frame({ url: /envelope\.html/ });
    // the canvas animates to its new zoom: wait until the drawing stands still
    await frame.waitForFunction(() => {
      const boxes = [...document.querySelectorAll('[data-testid^="custom-group__"]')].map((e) => e.getBoundingClientRect());
      const now = JSON.stringify(boxes.map((b) => [b.x, b.y, b.width, b.height]));
      const still = now === window.lastDiagram;
      window.lastDiagram = now;
      return still && boxes.length > 0;
    }, null, { polling: 250 });
    const box = await frame.evaluate(() => {
      const boxes = [...document.querySelectorAll('[data-testid^="custom-group__"]')].map((e) => e.getBoundingClientRect());
      const x = Math.min(...boxes.map((b) => b.left)), y = Math.min(...boxes.map((b) => b.top));
      return { x, y, width: Math.max(...boxes.map((b) => b.right)) - x, height: Math.max(...boxes.map((b) => b.bottom)) - y };
    });
    const pad = 16;
    await this.page.screenshot({ path, clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad } });
    await this.page.setViewportSize(size);
  }
}
