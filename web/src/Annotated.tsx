// A coded document shown as its text with every annotation highlighted: actor mentions, event
// triggers, quotes with their speakers and cues, times and places. Hovering or focusing a
// highlight shows its codes and why it was coded in the details panel; lists of events and
// quotes beside the text jump to their spans.
import { useMemo, useState } from 'preact/hooks';
import type { CodedDocument } from './api.js';
import { QUAD_LABELS } from './api.js';

export type Kind = 'entity' | 'actor' | 'trigger' | 'quote' | 'speaker' | 'cue' | 'time' | 'place';

export interface Annotation {
  kind: Kind;
  start: number;
  end: number;
  /** Index into the layer (event, quote, ...) or the actor id. */
  ref: string;
  /** Quotes: direct, indirect, mixed. Events: negated / hypothetical flags. */
  flags?: string[];
  title: string;
  details: string[];
}

const KIND_NAMES: Record<Kind, string> = {
  entity: 'named entity',
  actor: 'actor',
  trigger: 'event trigger',
  quote: 'quote',
  speaker: 'speaker',
  cue: 'quote cue',
  time: 'time',
  place: 'place',
};

/** Every highlighted span of a coded document, with what to say about it. */
export function annotationsOf(doc: CodedDocument): Annotation[] {
  const out: Annotation[] = [];
  const actorById = new Map(doc.actors.map((a) => [a.id, a]));
  doc.entities.forEach((e, i) => {
    out.push({
      kind: 'entity',
      start: e.start,
      end: e.end,
      ref: String(i),
      title: `${e.type} "${e.text}"`,
      details: e.confidence !== undefined ? [`confidence ${e.confidence}`] : [],
    });
  });

  for (const a of doc.actors)
    for (const m of a.mentions)
      out.push({
        kind: 'actor',
        start: m.start,
        end: m.end,
        ref: a.id,
        title: `${a.name} (${a.code ?? 'uncoded'})`,
        details: [
          `actor ${a.id}: ${a.kind}${a.country ? `, country ${a.country}` : ''}${a.roles.length ? `, roles ${a.roles.join(' ')}` : ''}`,
          ...(a.title ? [`title: ${a.title}`] : []),
          ...(m.via ? [`found by ${m.via}`] : []),
          `${a.mentions.length} mention${a.mentions.length === 1 ? '' : 's'} in this article`,
        ],
      });
  doc.events.forEach((e, i) => {
    if (!e.trigger) return;
    const side = (s: typeof e.source) =>
      s ? `${s.name ?? actorById.get(s.actor ?? '')?.name ?? '?'} (${s.code ?? '-'})` : '—';
    out.push({
      kind: 'trigger',
      start: e.trigger.start,
      end: e.trigger.end,
      ref: String(i),
      flags: [...(e.negated ? ['negated'] : []), ...(e.hypothetical ? ['hypothetical'] : [])],
      title: `${e.code} ${e.label}${e.negated ? ' (negated)' : ''}${e.hypothetical ? ' (hypothetical)' : ''}`,
      details: [
        `${side(e.source)} → ${side(e.target)}`,
        `Goldstein ${e.goldstein}, quad class ${e.quadClass} (${QUAD_LABELS[e.quadClass] ?? '?'})`,
        `date ${e.date ?? 'unknown'}${e.place ? `, at ${e.place.name}${e.place.country ? ` (${e.place.country})` : ''}` : ''}`,
        ...(e.plover?.event ? [`PLOVER ${e.plover.event}${e.plover.mode ? ` / ${e.plover.mode}` : ''}`] : []),
        ...(e.negated ? ['negated: did not happen'] : []),
        ...(e.hypothetical ? ['hypothetical: not (yet) happened'] : []),
        `confidence ${e.confidence}${e.rule ? `, rule ${e.rule}` : ''}`,
      ],
    });
  });
  doc.quotes.forEach((q, i) => {
    const who =
      q.speaker?.name ?? (q.speaker?.actor ? actorById.get(q.speaker.actor)?.name : null) ?? 'unknown speaker';
    const parts = q.parts?.length ? q.parts : [{ start: q.start, end: q.end }];
    for (const p of parts)
      out.push({
        kind: 'quote',
        start: p.start,
        end: p.end,
        ref: String(i),
        flags: [q.kind],
        title: `${q.kind} quote by ${who}${q.via ? ` via ${q.via}` : ''}`,
        details: [
          ...(q.cue ? [`cue: "${q.cue.text}"`] : []),
          ...(q.via ? [`via ${q.via}`] : []),
          ...(q.place ? [`said in ${q.place.name}${q.place.country ? ` (${q.place.country})` : ''}`] : []),
          ...(q.speaker?.actor ? [`speaker actor ${q.speaker.actor}`] : []),
        ],
      });
    if (q.speaker && q.speaker.start !== null && q.speaker.end !== null)
      out.push({
        kind: 'speaker',
        start: q.speaker.start,
        end: q.speaker.end,
        ref: String(i),
        title: `speaker of quote ${i + 1}: ${who}`,
        details: [],
      });
    if (q.cue)
      out.push({
        kind: 'cue',
        start: q.cue.start,
        end: q.cue.end,
        ref: String(i),
        title: `cue of quote ${i + 1}`,
        details: [],
      });
  });
  for (const t of doc.times)
    out.push({
      kind: 'time',
      start: t.start,
      end: t.end,
      ref: t.text,
      title: `${t.type} ${t.value ?? 'unresolved'}`,
      details: [...(t.anchor ? [`resolved against ${t.anchor}`] : []), ...(t.mod ? [`mod ${t.mod}`] : [])],
    });
  for (const p of doc.places)
    out.push({
      kind: 'place',
      start: p.start,
      end: p.end,
      ref: p.name,
      title: `${p.name}${p.country ? `, ${p.country}` : ''}`,
      details: [
        p.lat !== null && p.lon !== null ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : 'no coordinates',
        ...(p.geonameId ? [`GeoNames ${p.geonameId}${p.featureCode ? ` (${p.featureCode})` : ''}`] : []),
      ],
    });
  return out.filter((a) => a.end > a.start && a.start >= 0 && a.end <= doc.text.length);
}

interface Segment {
  start: number;
  end: number;
  anns: Annotation[];
}

/** The text cut at every annotation boundary; each piece knows what covers it. */
export function segments(text: string, anns: readonly Annotation[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const a of anns) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  // sweep: annotations sorted by start, active set updated at each boundary
  const sorted = [...anns].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let next = 0;
  let active: Annotation[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const s = bounds[i];
    const e = bounds[i + 1];
    active = active.filter((a) => a.end > s);
    while (next < sorted.length && sorted[next].start <= s) {
      if (sorted[next].end > s) active.push(sorted[next]);
      next++;
    }
    out.push({ start: s, end: e, anns: active.slice() });
  }
  return out;
}

export function AnnotatedText({ doc, focusSentence }: { doc: CodedDocument; focusSentence?: number | null }) {
  const anns = useMemo(() => annotationsOf(doc), [doc]);
  const segs = useMemo(() => segments(doc.text, anns), [doc, anns]);
  const [active, setActive] = useState<Annotation[]>([]);
  const focus = focusSentence != null ? doc.sentences[focusSentence] : null;
  const counts = (k: Kind) => new Set(anns.filter((a) => a.kind === k).map((a) => a.ref)).size;
  return (
    <div class="annotated">
      <p class="legend" title="highlight legend">
        {(['entity', 'actor', 'trigger', 'quote', 'time', 'place'] as Kind[]).map((k) => (
          <span key={k} class={`ann k-${k}`}>
            {KIND_NAMES[k]}s: {counts(k)}
          </span>
        ))}
      </p>
      <div class="doc-layout">
        <article class="doc-text" aria-label="annotated article text" data-testid="annotated-text" data-doc={doc.id}>
          {segs.map((s) => {
            const text = doc.text.slice(s.start, s.end);
            const inFocus = focus && s.start >= focus.start && s.end <= focus.end;
            if (s.anns.length === 0) return inFocus ? <span class="focus-sentence">{text}</span> : text;
            const kinds = [...new Set(s.anns.map((a) => a.kind))];
            const refs = (k: Kind, flag?: string) =>
              [
                ...new Set(s.anns.filter((a) => a.kind === k && (!flag || a.flags?.includes(flag))).map((a) => a.ref)),
              ].join(' ') || undefined;
            const flaggedRefs = [
              ...new Set(s.anns.filter((a) => a.kind === 'trigger' && a.flags?.length).map((a) => a.ref)),
            ];
            const flagged = flaggedRefs.length > 0;
            const quote = s.anns.find((a) => a.kind === 'quote');
            const label = s.anns.map((a) => `${KIND_NAMES[a.kind]}: ${a.title}`).join('; ');
            return (
              <mark
                key={s.start}
                class={`ann ${kinds.map((k) => `k-${k}`).join(' ')}${flagged ? ' flagged' : ''}${inFocus ? ' focus-sentence' : ''}`}
                data-kinds={kinds.join(' ')}
                data-quote={refs('quote')}
                data-direct-quote={refs('quote', 'direct')}
                data-event={refs('trigger')}
                data-flagged-event={flaggedRefs.join(' ') || undefined}
                data-actor={refs('actor')}
                tabIndex={kinds.some((k) => k !== 'quote' && k !== 'entity') || quote?.start === s.start ? 0 : -1}
                title={label}
                onMouseEnter={() => setActive(s.anns)}
                onFocus={() => setActive(s.anns)}
              >
                {text}
              </mark>
            );
          })}
        </article>
        <aside class="details" aria-live="polite" aria-label="annotation details" data-testid="details">
          {active.length === 0 ? (
            <p class="hint">Hover over or tab to a highlight to see its codes and why it was coded.</p>
          ) : (
            active.map((a) => (
              <section key={`${a.kind}-${a.ref}-${a.start}`} class={`detail k-${a.kind}`}>
                <h4>
                  <span class={`swatch k-${a.kind}`} aria-hidden="true" /> {KIND_NAMES[a.kind]}: {a.title}
                </h4>
                <p class="quoted">“{doc.text.slice(a.start, a.end)}”</p>
                <ul>
                  {a.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </aside>
      </div>
      <Lists doc={doc} />
    </div>
  );
}

function Lists({ doc }: { doc: CodedDocument }) {
  const sentenceText = (i: number) => {
    const s = doc.sentences[i];
    return s ? doc.text.slice(s.start, s.end) : '';
  };
  return (
    <div class="lists">
      <section aria-labelledby="events-h">
        <h3 id="events-h">Events ({doc.events.length})</h3>
        {doc.events.length === 0 ? (
          <p class="empty">No events coded.</p>
        ) : (
          <table class="events-table">
            <thead>
              <tr>
                <th scope="col">code</th>
                <th scope="col">source</th>
                <th scope="col">target</th>
                <th scope="col">trigger</th>
                <th scope="col">date</th>
                <th scope="col">place</th>
              </tr>
            </thead>
            <tbody>
              {doc.events.map((e) => (
                <tr key={e.id} class={e.negated || e.hypothetical ? 'flagged' : ''} title={sentenceText(e.sentence)}>
                  <td>
                    <span class={`quad q${e.quadClass}`}>{e.code}</span> {e.label}
                    {e.negated ? ' (negated)' : ''}
                    {e.hypothetical ? ' (hypothetical)' : ''}
                  </td>
                  <td>{e.source?.code ?? '—'}</td>
                  <td>{e.target?.code ?? '—'}</td>
                  <td>{e.trigger?.text ?? ''}</td>
                  <td>{e.date ?? ''}</td>
                  <td>{e.place?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="quotes-h">
        <h3 id="quotes-h">Quotes ({doc.quotes.length})</h3>
        {doc.quotes.length === 0 ? (
          <p class="empty">No quotes found.</p>
        ) : (
          <ol class="quotes-list">
            {doc.quotes.map((q) => (
              <li key={q.start} data-kind={q.kind}>
                <strong>{q.speaker?.name ?? 'unknown speaker'}</strong> ({q.kind}
                {q.cue ? `, “${q.cue.text}”` : ''}
                {q.via ? `, via ${q.via}` : ''}
                {q.place ? `, in ${q.place.name}` : ''}): “{q.text}”
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
