// Writes route files in the shape Kaoto writes them (npm run format -- routes/x.camel.yaml ...), so
// that a later save in Kaoto changes nothing but what was edited. Only the leading comment block survives.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KaotoPage, repo } from './kaoto-page.mjs';

const kaoto = await KaotoPage.launch();
try {
  for (const file of process.argv.slice(2)) {
    const text = readFileSync(join(repo, file), 'utf8');
    await kaoto.open(file, text);
    const saved = await kaoto.resave(parse(text));
    writeFileSync(join(repo, file), saved);
    console.log(saved === text ? `${file}: already as Kaoto writes it` : `${file}: rewritten as Kaoto writes it`);
  }
} finally {
  await kaoto.close();
}
