// Builds the product's Kaoto catalog: the Camel Spring Boot 4.14.0 library of @kaoto/camel-catalog (the
// catalog Kaoto 2.7.1 ships) with the product's Kamelets added to its Kamelet aggregate, in the
// layout Kaoto's catalog generator writes, and serves it (npm run catalog: http://localhost:8123/index.json,
// the URL for Kaoto's catalog setting). Kaoto fetches it from its own origin (VS Code's webview), so
// the server allows any origin (CORS), which a plain file server does not.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const library = join(here, 'node_modules/@kaoto/camel-catalog/dist/camel-catalog');
export const catalogDir = join(repo, 'target/kaoto-catalog');
const RUNTIME = 'Spring Boot';
const VERSION = '4.14.0';

/** The JSON schema Kaoto draws a Kamelet's form from, as the catalog generator derives it from spec.definition. */
function propertiesSchema(definition) {
  const properties = {};
  for (const [name, property] of Object.entries(definition.properties ?? {})) {
    const { 'x-descriptors': _descriptors, example: _example, ...kept } = property;
    properties[name] = kept;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    title: definition.title,
    description: definition.description,
    required: definition.required ?? [],
    properties,
  };
}

export function productKamelets() {
  const folder = join(repo, 'src/main/resources/kamelets');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.kamelet.yaml'))
    .map((file) => parse(readFileSync(join(folder, file), 'utf8')))
    .map((kamelet) => ({ ...kamelet, propertiesSchema: propertiesSchema(kamelet.spec.definition) }));
}

const hashed = (prefix, text) => `${prefix}-${createHash('md5').update(text).digest('hex')}.json`;

export function buildCatalog() {
  const libraryIndex = JSON.parse(readFileSync(join(library, 'index.json'), 'utf8'));
  const stock = libraryIndex.definitions.find((d) => d.runtime === RUNTIME && d.version === VERSION);
  const stockDir = join(library, dirname(stock.fileName));
  const index = JSON.parse(readFileSync(join(library, stock.fileName), 'utf8'));

  rmSync(catalogDir, { recursive: true, force: true });
  const copy = (entry) => {
    const to = join(catalogDir, dirname(entry.fileName));
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(join(library, dirname(entry.fileName)))) {
      copyFileSync(join(library, dirname(entry.fileName), file), join(to, file));
    }
    return to;
  };
  const outDir = copy(stock);
  // Kaoto 2.7.1 opens a library on a Red Hat Camel Main entry until a runtime is picked in its runtime
  // selector: the newest one is kept so that the editor opens at all, and staff pick ours once.
  const opener = libraryIndex.definitions
    .filter((d) => d.runtime === 'Main' && d.name.includes('redhat'))
    .sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
  copy(opener);

  const kamelets = JSON.parse(readFileSync(join(stockDir, index.catalogs.kamelets.file), 'utf8'));
  for (const kamelet of productKamelets()) {
    kamelets[kamelet.metadata.name] = kamelet;
  }
  const kameletsText = JSON.stringify(kamelets);
  const kameletsFile = hashed('kamelets-aggregate-esignon', kameletsText);
  writeFileSync(join(outDir, kameletsFile), kameletsText);

  const name = `Camel Spring Boot ${VERSION} with the eSignon export bridge Kamelets`;
  const productIndex = {
    ...index,
    name,
    catalogs: { ...index.catalogs, kamelets: { ...index.catalogs.kamelets, file: kameletsFile } },
  };
  const indexText = JSON.stringify(productIndex, null, 2);
  const indexFile = hashed('index-esignon', indexText);
  writeFileSync(join(outDir, indexFile), indexText);
  const product = { name, version: VERSION, runtime: RUNTIME, fileName: `${dirname(stock.fileName)}/${indexFile}` };
  writeFileSync(
    join(catalogDir, 'index.json'),
    JSON.stringify({ definitions: [product, opener] }, null, 2),
  );
  return product;
}

/** Serves the catalog on the loopback interface (port 0: any free one); resolves to its index URL and the server. */
export function serveCatalog(port) {
  const server = createServer((request, response) => {
    const file = join(catalogDir, decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    if (!file.startsWith(catalogDir + '/') || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () =>
    resolve({ url: `http://localhost:${server.address().port}/index.json`, server })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { name } = buildCatalog();
  const { url } = await serveCatalog(Number(process.env.PORT ?? 8123));
  console.log(`Kaoto catalog at ${url} (kaoto.catalog.url): pick "${name}" in Kaoto's runtime selector. Ctrl+C stops it.`);
}
