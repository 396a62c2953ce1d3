import { Gazetteer } from './src/places/gazetteer.js';
const t0 = performance.now();
const g = Gazetteer.load('data/places/gazetteer.bin');
console.log('load ms', (performance.now() - t0).toFixed(1), 'maxWords', g.maxWords);
for (const n of ['Ulan Bator', 'ULAN BATOR', 'Sydney', 'Texas', 'U.S.', 'Washington', 'Peking', 'Kiev', 'Bombay', 'Ky.', 'Alberta', 'Georgia', 'Asia-Pacific', 'Middle East', 'Korean peninsula','Kim','Edmonton']) {
  const c = g.lookup(n).slice(0, 4).map((x) => `${g.name(x.feature)}/${g.featureCode(x.feature)}/${g.iso3(x.feature)}/${g.admin1Name(x.feature)}/${g.population[x.feature]}/${g.lat[x.feature].toFixed(2)},${g.lon[x.feature].toFixed(2)}/f${x.flags}`);
  console.log(n, g.lookup(n).length, c.join(' | '));
}
console.log(g.demonym('japanese'), g.demonym('north korean'), g.demonym('canadians'));
