// Clustering scores against gold labels: pairwise precision/recall/F1 (over pairs of items put
// together) and BCubed (Bagga & Baldwin 1998: per item, the share of its predicted cluster
// that shares its gold label, and of its gold cluster that shares its predicted cluster).

export interface ClusterScore {
  precision: number;
  recall: number;
  f1: number;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

function groups(labels: ReadonlyMap<string, string>): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const [item, label] of labels) {
    const list = g.get(label) ?? [];
    list.push(item);
    g.set(label, list);
  }
  return g;
}

/** Pairwise scores of `predicted` against `gold` (both: item -> cluster label). */
export function pairwiseScore(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): ClusterScore {
  // pairs together in both = sum over (pred, gold) cells of C(n, 2)
  const cells = new Map<string, number>();
  for (const [item, p] of predicted) {
    const g = gold.get(item);
    if (g === undefined) continue;
    const k = `${p}\u0000${g}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let both = 0;
  for (const n of cells.values()) both += pairs(n);
  let pred = 0;
  for (const list of groups(predicted).values()) pred += pairs(list.filter((i) => gold.has(i)).length);
  let gl = 0;
  for (const list of groups(gold).values()) gl += pairs(list.filter((i) => predicted.has(i)).length);
  const precision = pred ? both / pred : 1;
  const recall = gl ? both / gl : 1;
  return { precision, recall, f1: f1(precision, recall) };
}

export function bcubedScore(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): ClusterScore {
  const cells = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  let n = 0;
  for (const [item, p] of predicted) {
    const g = gold.get(item);
    if (g === undefined) continue;
    n++;
    cells.set(`${p}\u0000${g}`, (cells.get(`${p}\u0000${g}`) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const [k, c] of cells) {
    const [pl, gl] = k.split('\u0000');
    // each of the c items of this cell: precision c / |pred|, recall c / |gold|
    p += (c * c) / predSize.get(pl)!;
    r += (c * c) / goldSize.get(gl)!;
  }
  const precision = n ? p / n : 1;
  const recall = n ? r / n : 1;
  return { precision, recall, f1: f1(precision, recall) };
}
