import { loadParserModel } from './src/syntax/05-models.js';
import type { SparseLinear } from './src/syntax/02-linear.js';
const m = loadParserModel('data');
const lin = m.moves as SparseLinear;
// collect real keys: use the table directly
const table = (lin as unknown as { table: Uint32Array }).table;
const keys: number[] = [];
for (let i = 0; i < table.length; i += 2) if (table[i]) keys.push(table[i]);
const K = Uint32Array.from(keys.slice(0, 1 << 20));
const out = new Float32Array(4);
const buf = new Uint32Array(84);
let t = performance.now();
let calls = 0;
for (let r = 0; r < 20000; r++) { for (let j = 0; j < 84; j++) buf[j] = K[(r * 84 + j * 7919) & (K.length - 1)]; lin.score(buf, 84, out); calls++; }
console.log('random present keys: ns per lookup', ((performance.now() - t) * 1e6 / (calls * 84)).toFixed(1));
t = performance.now();
for (let r = 0; r < 20000; r++) { for (let j = 0; j < 84; j++) buf[j] = (r * 84 + j) * 2654435761 >>> 0 || 1; lin.score(buf, 84, out); }
console.log('absent keys: ns per lookup', ((performance.now() - t) * 1e6 / (20000 * 84)).toFixed(1));
console.log('size', lin.size, 'table len', table.length);
