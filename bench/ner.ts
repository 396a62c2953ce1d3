// NER cost on one core: µs per sentence of the entities stage alone (text already analysed)
// over the Wikinews demo corpus and the reference article; tagging of pre-tokenized CoNLL-2003
// dev sentences; and the scaling checks (a 5,000-sentence document, an all-capitals document,
// a Title Case document) that must stay linear.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoc, type Doc } from '../src/doc/doc.js';
import { readConllDocuments } from '../src/entities/corpora.js';
import { entitiesStage, loadEntityResources, tagTokenSentences } from '../src/entities/index.js';
import { defaultDataDir } from '../src/pipeline/pipeline.js';
import { loadTextResources, textStage } from '../src/text/index.js';
import { type Bench, peakRssMb, repoDir, table } from './lib.js';
import { benchCorpus } from './pipeline.js';

const shared = process.env.EVENTWIRE_SHARED ?? join(repoDir, '..', 'shared');

function timeStage(docs: readonly Doc[], seconds: number, res: ReturnType<typeof loadEntityResources>) {
  for (const d of docs) entitiesStage.run(d, res, { explain: false });
  let sentences = 0;
  let entities = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < seconds * 1000)
    for (const d of docs) {
      const out = entitiesStage.run(d, res, { explain: false });
      sentences += d.sentences.length;
      entities += out.entities.length;
    }
  const cpu = process.cpuUsage(cpu0);
  // CPU time, not wall time: the figure should not depend on what else the machine runs
  const us = cpu.user + cpu.system;
  return { usPerSentence: us / sentences, sentencesPerSecond: (1e6 * sentences) / us, entities };
}

const sentencesIn = (docs: readonly Doc[]) => docs.reduce((n, d) => n + d.sentences.length, 0);

/** CPU milliseconds of `f`. */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export const nerBench: Bench = {
  name: 'ner',
  title: 'named-entity recognition (entities stage), one core',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 5;
    const dataDir = defaultDataDir();
    const t0 = performance.now();
    const res = loadEntityResources(dataDir);
    const loadMs = performance.now() - t0;
    const textRes = loadTextResources(dataDir);
    const analyse = (text: string) => textStage.run(createDoc({ text }), textRes, { explain: false });
    const docs = benchCorpus().map((d) => analyse(d.text));
    const corpus = timeStage(docs, seconds, res);
    const rows: Array<[string, string]> = [
      ['model load', `${loadMs.toFixed(0)} ms (model, lexicon, gazetteers)`],
      [
        'entities stage',
        `${corpus.usPerSentence.toFixed(1)} µs CPU/sentence, ${corpus.sentencesPerSecond.toFixed(0)} sentences/s (${docs.length} articles, ${sentencesIn(docs)} sentences)`,
      ],
    ];
    const conll = join(shared, 'data/conll2003/dev.jsonl');
    if (existsSync(conll)) {
      const cdocs = readConllDocuments(readFileSync(conll, 'utf8'));
      let n = 0;
      const ms = cpuMs(() => {
        for (const d of cdocs) {
          tagTokenSentences(
            d.sentences.map((x) => x.tokens),
            res,
          );
          n += d.sentences.length;
        }
      });
      rows.push(['CoNLL dev (gold tokens)', `${((1000 * ms) / n).toFixed(1)} µs/sentence over ${n} sentences`]);
    }
    // scaling: long and capitalised documents
    const para = 'Kim Chul Ho met Shinzo Abe in Ulan Bator on Thursday, NHK said. ';
    const long = analyse(para.repeat(5000));
    const caps = analyse(para.toUpperCase().repeat(1000));
    const title = analyse(
      'The Prime Minister Of The Republic Met The Envoy Of The North In The Capital On Thursday Morning. '.repeat(1000),
    );
    for (const [name, d] of [
      ['5,000-sentence document', long],
      ['all-capitals document', caps],
      ['Title Case document', title],
    ] as const) {
      let out = d;
      const ms = cpuMs(() => {
        out = entitiesStage.run(d, res, { explain: false });
      });
      rows.push([
        name,
        `${d.sentences.length} sentences, ${ms.toFixed(0)} ms (${((1000 * ms) / d.sentences.length).toFixed(1)} µs/sentence), ${out.entities.length} entities`,
      ]);
    }
    rows.push(['peak RSS', `${peakRssMb().toFixed(0)} MB`]);
    return table(rows);
  },
};
