// The sensitive-case flags of one registration (the bench's description), per build: what a creation spends on them.
// Usage: node bench/server-flags.mjs <server dist folder> [<another dist folder> …]
//   e.g. node bench/server-flags.mjs /tmp/base-s7/packages/server/dist packages/server/dist
// Each build's `suggest.js` `defaultSuggester().flags({ description })`, best of 8 rounds of 10,000 calls
// (no lock needed to read it, but alternate the builds and run it twice: the machine is shared).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CREATION_BODY } from './creation-body.mjs';

const input = { description: JSON.parse(CREATION_BODY).description };
for (const dir of process.argv.slice(2)) {
  const { defaultSuggester } = await import(pathToFileURL(resolve(dir, 'suggest.js')).href);
  const suggester = defaultSuggester();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 8; round++) {
    const t = performance.now();
    for (let k = 0; k < 10_000; k++) suggester.flags(input);
    best = Math.min(best, ((performance.now() - t) / 10_000) * 1000);
  }
  console.log(`${dir}: ${best.toFixed(2)} µs per registration's flags (best of 8 × 10,000)`);
}
