// A pipeline is a list of stages configured once (resources loaded, order checked), then
// run over many documents. Presets are only lists of stages.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDoc, type Doc, type LayerName } from '../doc/doc.js';
import type { DocumentInput } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import type { ResourceContext, RunContext, Stage } from './stage.js';

/** The package's `data/` folder (works from `src/` under tsx and from `dist/`). */
export function defaultDataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../data', '../../../data']) {
    const p = join(here, up);
    if (existsSync(p)) return p;
  }
  return join(here, '../../data');
}

interface LoadedStage {
  stage: Stage<unknown>;
  resources: unknown;
  loadMs: number;
}

export interface PipelineOptions {
  dataDir?: string;
}

export class Pipeline {
  private readonly loaded: readonly LoadedStage[];

  // biome-ignore lint/suspicious/noExplicitAny: stages carry heterogeneous resource types
  constructor(stages: readonly Stage<any>[], options: PipelineOptions = {}) {
    const ctx: ResourceContext = { dataDir: options.dataDir ?? defaultDataDir() };
    const have = new Set<LayerName>();
    const loaded: LoadedStage[] = [];
    for (const stage of stages) {
      for (const need of stage.needs)
        if (!have.has(need))
          throw new EventwireError(
            'pipeline',
            `stage "${stage.name}" needs layer "${need}", which no earlier stage adds`,
          );
      const t0 = performance.now();
      const resources = stage.load(ctx);
      loaded.push({ stage, resources, loadMs: performance.now() - t0 });
      for (const a of stage.adds) have.add(a);
    }
    this.loaded = loaded;
  }

  get stages(): readonly string[] {
    return this.loaded.map((l) => l.stage.name);
  }

  /** Milliseconds each stage took to load its resources. */
  get loadTimes(): Record<string, number> {
    return Object.fromEntries(this.loaded.map((l) => [l.stage.name, l.loadMs]));
  }

  run(input: DocumentInput | Doc, ctx: Partial<RunContext> = {}): Doc {
    const runCtx: RunContext = { explain: ctx.explain ?? false };
    let doc = 'layers' in input ? input : createDoc(input);
    for (const { stage, resources } of this.loaded) doc = stage.run(doc, resources, runCtx);
    return doc;
  }

  /**
   * Run and time each stage (for the benchmark): wall milliseconds into `times`, and CPU
   * milliseconds of this process into `cpu` when given (the figure a loaded machine leaves fair).
   */
  runTimed(input: DocumentInput, times: Record<string, number>, cpu?: Record<string, number>): Doc {
    const runCtx: RunContext = { explain: false };
    let doc = createDoc(input);
    for (const { stage, resources } of this.loaded) {
      const t0 = performance.now();
      const c0 = cpu ? process.cpuUsage() : undefined;
      doc = stage.run(doc, resources, runCtx);
      times[stage.name] = (times[stage.name] ?? 0) + performance.now() - t0;
      if (cpu && c0) {
        const c = process.cpuUsage(c0);
        cpu[stage.name] = (cpu[stage.name] ?? 0) + (c.user + c.system) / 1000;
      }
    }
    return doc;
  }
}
