// Prints the compact search index (`GET /v1/search/index`) of the demo generator's 1,000-dish catalogue, as the
// server sends it: scripts/size.mjs measures its transfer against issue 20's budget the way it measures bundles.
import { encodeSearchIndex } from '@matbakh/contract';
import { syntheticCatalog } from '../packages/server/src/demo/synthetic.ts';

const AT = Date.parse('2026-12-01T12:00:00Z');
const items = syntheticCatalog(AT, 10).items;
const dishes = items.filter((item) => item.kind === 'dish').length;
if (dishes !== 1000) throw new Error(`expected 1,000 dishes, the generator made ${dishes}`);
process.stdout.write(JSON.stringify(encodeSearchIndex(items, new Date(AT).toISOString())));
