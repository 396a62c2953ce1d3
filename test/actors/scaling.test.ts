// Named entities, actors and coreference together (the entities and actors stages over the
// text stage) on input in any script, very long documents and documents full of capitalised
// words: no errors, spans that hold, and cost that grows linearly with length.
import { describe, expect, it } from 'vitest';
import { actorsStage, loadActorResources } from '../../src/actors/index.js';
import { createDoc, type Doc } from '../../src/doc/doc.js';
import { entitiesStage, loadEntityResources } from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadTextResources, textStage } from '../../src/text/index.js';

const dir = defaultDataDir();
const textRes = loadTextResources(dir);
const entityRes = loadEntityResources(dir);
const actorRes = loadActorResources(dir);
const ctx = { explain: false };

const read = (text: string): Doc => textStage.run(createDoc({ text, date: '2012-03-01' }), textRes, ctx);
const code = (doc: Doc): Doc => actorsStage.run(entitiesStage.run(doc, entityRes, ctx), actorRes, ctx);

function checkSpans(doc: Doc): void {
  for (const e of doc.entities) {
    expect(0 <= e.start && e.start < e.end && e.end <= doc.text.length).toBe(true);
    expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  }
  for (const a of doc.actors)
    for (const m of a.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text ?? doc.text.slice(m.start, m.end));
}

/** CPU milliseconds of the entities and actors stages on a read document (best of `runs`). */
function cost(doc: Doc, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    code(doc);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

/** Cost per unit at `big` units over cost per unit at `small` units (1 when linear). */
function growth(make: (n: number) => string, small: number, big: number): number {
  const a = read(make(small));
  const b = read(make(big));
  code(a); // warm up
  const g = cost(b) / big / (cost(a) / small);
  if (process.env.EVENTWIRE_SHOW_GROWTH) console.log(`growth ${small} -> ${big}: ${g.toFixed(2)}`);
  return g;
}

const scripts = [
  'Президент Владимир Путин встретился с Си Цзиньпином в Москве.',
  '習近平 met 文在寅 and 安倍晋三 in 北京 on Monday, Xinhua said.',
  'محمد بن سلمان said he would visit नरेंद्र मोदी in دبي next week.',
  'Ο Κυριάκος Μητσοτάκης και ο Recep Tayyip Erdoğan μίλησαν στην Αθήνα.',
  'Thủ tướng Nguyễn Xuân Phúc and ผู้นำ ประยุทธ์ จันทร์โอชา met in Hà Nội.',
  'Ṣẹ́nátọ̀ Bọ́lá Tinúbú of Nigeria said ÑÚÑEZ and O’Brien-Smith agreed; Ǆ ǅ ǆ ﬁ.',
];

describe('input in any script', () => {
  it('codes names and text in other scripts without errors, with spans that hold', () => {
    for (const s of scripts) checkSpans(code(read(s)));
    checkSpans(code(read(scripts.join(' '))));
  });
  it('still finds the actors it knows among names it does not', () => {
    const doc = code(read(scripts[2].replace('محمد بن سلمان', 'Saudi envoy محمد بن سلمان')));
    expect(doc.actors.some((a) => a.code?.startsWith('SAU'))).toBe(true);
  });
});

describe('long documents and documents full of capitalised words', () => {
  const news = [
    'Ghanaian envoy Kofi Mensah Boateng met Peruvian officials in Lima on Monday.',
    '"We will talk again," he said, as Kenyan police watched.',
    'Peru and Chile signed the accord, and the two nations agreed to meet in May.',
    'The United Nations said its peacekeepers would stay; Washington disagreed.',
    "Boateng's delegation then flew to Paris, where it met French lawmakers.",
  ];
  const newsText = (n: number) => Array.from({ length: n }, (_, i) => news[i % news.length]).join(' ');
  const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett'];
  const capsText = (n: number) => Array.from({ length: n }, (_, i) => words[(i * 7) % words.length]).join(' ');
  const titleText = (n: number) =>
    Array.from({ length: n }, () => 'The Prime Minister Of The Republic Met The Envoy Of The North.').join(' ');

  it('codes a 5,000-sentence document: one actor per person however long', () => {
    const doc = code(read(newsText(5000)));
    expect(doc.sentences.length).toBe(5000);
    checkSpans(doc);
    const boateng = doc.actors.filter((a) => a.name === 'Kofi Mensah Boateng');
    expect(boateng).toHaveLength(1);
    expect(boateng[0].mentions.length).toBeGreaterThan(1000);
  });
  it('codes capitalised words with no sentence end, in capitals, and in Title Case', () => {
    for (const t of [capsText(10000), capsText(10000).toUpperCase(), titleText(1000)]) checkSpans(code(read(t)));
  });
  it('grows linearly with the number of sentences', () => {
    expect(growth(newsText, 150, 1200)).toBeLessThan(2.5);
    expect(growth(titleText, 150, 1200)).toBeLessThan(2.5);
  });
  it('grows linearly in a run of capitalised words without a sentence end', () => {
    expect(growth(capsText, 1000, 8000)).toBeLessThan(2.5);
  });
});
