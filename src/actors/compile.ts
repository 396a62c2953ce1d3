// `node dist/actors/compile.js [dataDir]` (part of `npm run build`): compile the actor knowledge
// base of data/actors/ into data/actors/compiled.json, which the actors stage loads quickly.
import { join } from 'node:path';
import { defaultDataDir } from '../pipeline/pipeline.js';
import { writeCompiledKb } from './01-kb.js';

const dir = join(process.argv[2] ?? defaultDataDir(), 'actors');
const t0 = performance.now();
const path = writeCompiledKb(dir);
console.log(`actors: compiled ${path} in ${(performance.now() - t0).toFixed(0)} ms`);
