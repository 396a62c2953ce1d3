// The UI's views: annotate a pasted or uploaded article; search the corpus; read a stored
// document with its annotations; a dyad's cooperation/conflict chart, map and events table.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AnnotatedText } from './Annotated.js';
import {
  api,
  type CodedDocument,
  type DocumentSummary,
  type EventRow,
  type Page,
  type PlaceCount,
  QUAD_LABELS,
  type SeriesPoint,
  type StoredDocumentReply,
  type TopDyad,
} from './api.js';
import { goldsteinChart, placesMap, type SeriesInterval, seriesChart } from './charts.js';
import { EventRowsTable } from './events.js';
import { href, type Route } from './router.js';

export function useApi<T>(path: string | null, params: Record<string, string | number | boolean | null | undefined>) {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const key = `${path}?${JSON.stringify(params)}`;
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api
      .get<T>(path, params)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e: Error) => live && setState({ data: null, error: e.message, loading: false }));
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

export function Status({ loading, error }: { loading: boolean; error: string | null }) {
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (loading) return <p class="loading">Loading…</p>;
  return null;
}

// ------------------------------------------------------------------ annotate

export function AnnotatePage() {
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [title, setTitle] = useState('');
  const [doc, setDoc] = useState<CodedDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setDoc(await api.code({ text, date: date || null, title: title || null }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (e: JSX.TargetedEvent<HTMLInputElement>) => {
    const f = e.currentTarget.files?.[0];
    if (!f) return;
    let t = await f.text();
    if (/\.html?$/i.test(f.name) || /^\s*<(!doctype|html)/i.test(t)) {
      const parsed = new DOMParser().parseFromString(t, 'text/html');
      if (!title && parsed.title) setTitle(parsed.title);
      for (const n of parsed.querySelectorAll('script,style,nav,header,footer')) n.remove();
      t = (parsed.body?.textContent || '').replace(/\n{3,}/g, '\n\n').trim();
    }
    setText(t);
  };
  return (
    <main>
      <h1>Annotate an article</h1>
      <p class="lead">Paste or upload a news article; eventwire codes it here without storing it.</p>
      <form onSubmit={submit} class="code-form">
        <label for="article-text">Article text</label>
        <textarea
          id="article-text"
          rows={10}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder="Japan and North Korea wrapped up a rare meeting on Thursday…"
          required
        />
        <div class="row">
          <label>
            Publication date <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </label>
          <label>
            Title <input type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <label>
            Upload a file <input type="file" accept=".txt,.text,.md,.html,.htm" onChange={onFile} />
          </label>
          <button type="submit" disabled={busy || !text.trim()}>
            {busy ? 'Coding…' : 'Annotate'}
          </button>
        </div>
      </form>
      <Status loading={false} error={error} />
      {doc && (
        <section aria-label="coded article">
          <AnnotatedText doc={doc} />
        </section>
      )}
    </main>
  );
}

// ------------------------------------------------------------------ corpus

export function CorpusPage({ route }: { route: Route }) {
  const p = route.params;
  const params = {
    q: p.get('q') ?? '',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    actor: p.get('actor') ?? '',
    country: p.get('country') ?? '',
    limit: 20,
    offset: Number(p.get('offset') ?? 0) || 0,
  };
  const { data, error, loading } = useApi<Page<DocumentSummary>>('documents', params);
  const go = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const [k, v] of f.entries()) if (String(v).trim()) next[k] = String(v).trim();
    if (next.country) next.country = next.country.toUpperCase();
    location.hash = href('corpus', next);
  };
  return (
    <main>
      <h1>Corpus</h1>
      <form class="filters" onSubmit={go} aria-label="search documents">
        <label>
          Search <input name="q" type="search" defaultValue={params.q} placeholder='words or "a phrase"' />
        </label>
        <label>
          From <input name="from" type="date" defaultValue={params.from} />
        </label>
        <label>
          To <input name="to" type="date" defaultValue={params.to} />
        </label>
        <label>
          Actor <input name="actor" defaultValue={params.actor} placeholder="PRKGOV or a name" size={12} />
        </label>
        <label>
          Country{' '}
          <input name="country" defaultValue={params.country} placeholder="PRK" size={5} pattern="[A-Za-z]{3}" />
        </label>
        <button type="submit">Search</button>
      </form>
      <Status loading={loading} error={error} />
      {data && (
        <>
          <p aria-live="polite" class="count">
            {data.total} document{data.total === 1 ? '' : 's'}
            {data.total > 0 ? `, ${data.offset + 1}–${data.offset + data.items.length}` : ''}
          </p>
          <ol class="doc-list" start={data.offset + 1}>
            {data.items.map((d) => (
              <li key={d.id}>
                <a href={href(`doc/${encodeURIComponent(d.id)}`)}>{d.title ?? d.id}</a>
                <span class="meta">
                  {' '}
                  {d.date ?? 'undated'}
                  {d.source ? ` · ${d.source}` : ''} · {d.counts.events} events · {d.counts.quotes} quotes
                </span>
                <p class="snippet">{d.snippet}</p>
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="pages">
            {data.offset > 0 && (
              <a href={href('corpus', { ...params, limit: null, offset: Math.max(0, data.offset - data.limit) })}>
                ← previous
              </a>
            )}
            {data.offset + data.items.length < data.total && (
              <a href={href('corpus', { ...params, limit: null, offset: data.offset + data.limit })}>next →</a>
            )}
          </nav>
        </>
      )}
    </main>
  );
}

// ------------------------------------------------------------------ one document

export function DocumentPage({ id, route }: { id: string; route: Route }) {
  const { data, error, loading } = useApi<StoredDocumentReply>(`documents/${encodeURIComponent(id)}`, {});
  const s = route.params.get('s');
  const sentence = s === null ? null : Number(s);
  useEffect(() => {
    if (data && sentence !== null) document.querySelector('.focus-sentence')?.scrollIntoView({ block: 'center' });
  }, [data, sentence]);
  return (
    <main>
      <Status loading={loading} error={error} />
      {data && (
        <>
          <h1>{data.title ?? data.id}</h1>
          <p class="meta">
            {data.date ?? 'undated'}
            {data.source ? ` · ${data.source}` : ''}
            {data.url ? (
              <>
                {' · '}
                <a href={data.url} rel="noreferrer noopener">
                  original
                </a>
              </>
            ) : null}
            {' · '}id <code>{data.id}</code>
            {data.story ? (
              <>
                {' · '}
                <a href={href(`story/${encodeURIComponent(data.story)}`)}>story</a>
              </>
            ) : null}
            {data.duplicateOf ? (
              <>
                {' · '}copy of <a href={href(`doc/${encodeURIComponent(data.duplicateOf)}`)}>{data.duplicateOf}</a>
              </>
            ) : null}
          </p>
          {data.status === 'failed' && (
            <p class="error" role="alert">
              This document failed: {data.error?.code}: {data.error?.message}
            </p>
          )}
          {data.document && <AnnotatedText key={data.id} doc={data.document} focusSentence={sentence} />}
        </>
      )}
    </main>
  );
}

// ------------------------------------------------------------------ dyads

export function Figure({ render, label }: { render: (width: number) => Element; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const draw = () => {
      el.replaceChildren(render(Math.max(320, el.clientWidth)));
    };
    draw();
    const ro = new ResizeObserver(() => draw());
    ro.observe(el);
    return () => ro.disconnect();
  }, [render]);
  return <div class="figure" ref={ref} role="img" aria-label={label} />;
}

const COUNTRY_RE = /^[A-Z]{3}$/;

export function DyadPage({ route }: { route: Route }) {
  const a = (route.params.get('a') ?? '').toUpperCase();
  const b = (route.params.get('b') ?? '').toUpperCase();
  const interval = route.params.get('interval') ?? 'month';
  const seriesInterval: SeriesInterval =
    (['day', 'week', 'month', 'year'] as const).find((x) => x === interval) ?? 'month';
  const count = route.params.get('count') === 'mentions' ? 'mentions' : 'unique';
  const offset = Number(route.params.get('offset') ?? 0) || 0;
  const chosen = COUNTRY_RE.test(a) && COUNTRY_RE.test(b);
  const top = useApi<{ items: TopDyad[] }>('aggregates/top-dyads', { limit: 12 });
  const series = useApi<{ points: SeriesPoint[] }>(chosen ? 'aggregates/series' : null, { a, b, interval, count });
  const places = useApi<{ items: PlaceCount[] }>(chosen ? 'aggregates/places' : null, { dyad: `${a}-${b}` });
  const events = useApi<Page<EventRow>>(chosen ? 'events' : null, {
    dyad: `${a}-${b}`,
    limit: 25,
    offset,
    unique: count === 'unique',
  });
  const pick = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    location.hash = href('dyad', {
      a: String(f.get('a') ?? '').toUpperCase(),
      b: String(f.get('b') ?? '').toUpperCase(),
      interval: String(f.get('interval') ?? 'month'),
      count: f.get('count') === 'mentions' ? 'mentions' : null,
    });
  };
  const unit = count === 'mentions' ? 'mentions' : 'events';
  const points = series.data?.points ?? [];
  const total = points.reduce((s, p) => s + p.count, 0);
  return (
    <main>
      <h1>Dyads{chosen ? `: ${a} – ${b}` : ''}</h1>
      <form class="filters" onSubmit={pick} aria-label="choose a dyad">
        <label>
          Country A <input name="a" defaultValue={a} placeholder="JPN" size={5} pattern="[A-Za-z]{3}" required />
        </label>
        <label>
          Country B <input name="b" defaultValue={b} placeholder="PRK" size={5} pattern="[A-Za-z]{3}" required />
        </label>
        <label>
          Interval{' '}
          <select name="interval" value={interval}>
            <option value="week">week</option>
            <option value="month">month</option>
            <option value="year">year</option>
          </select>
        </label>
        <label title="near-duplicate copies of an article report the same unique event">
          Count{' '}
          <select name="count" value={count} data-testid="count-mode">
            <option value="unique">unique events</option>
            <option value="mentions">mentions (every copy)</option>
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <section aria-labelledby="top-dyads-h" class="top-dyads">
        <h2 id="top-dyads-h">Most active dyads</h2>
        <Status loading={top.loading} error={top.error} />
        <ul>
          {top.data?.items.map((d) => (
            <li key={`${d.source}-${d.target}`}>
              <a href={href('dyad', { a: d.source, b: d.target, interval })}>
                {d.source} → {d.target}
              </a>{' '}
              <span class="meta">
                {d.count} events, mean Goldstein {d.goldstein}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {chosen && (
        <>
          <section aria-labelledby="chart-h" data-testid="dyad-chart">
            <h2 id="chart-h">
              Cooperation and conflict, {a} – {b} (both directions, {unit} per {interval})
            </h2>
            <Status loading={series.loading} error={series.error} />
            {series.data &&
              (total === 0 ? (
                <p class="empty">
                  No dated events between {a} and {b}.
                </p>
              ) : (
                <>
                  <Figure
                    label={`${unit} per ${interval} between ${a} and ${b} by quad class, ${total} ${unit}`}
                    render={(w) => seriesChart(points, w, seriesInterval)}
                  />
                  <Figure
                    label="mean Goldstein score per period"
                    render={(w) => goldsteinChart(points, w, seriesInterval)}
                  />
                  <p class="summary">
                    {total} {unit}:{' '}
                    {[1, 2, 3, 4]
                      .map(
                        (q) =>
                          `${points.filter((p) => p.quadClass === q).reduce((s, p) => s + p.count, 0)} ${QUAD_LABELS[q]}`,
                      )
                      .join(', ')}
                  </p>
                </>
              ))}
          </section>
          <section aria-labelledby="map-h" data-testid="dyad-map">
            <h2 id="map-h">Where</h2>
            <Status loading={places.loading} error={places.error} />
            {places.data && (
              <Figure
                label={`map of ${places.data.items.length} event locations`}
                render={(w) => placesMap(places.data?.items ?? [], w)}
              />
            )}
          </section>
          <section aria-labelledby="events-table-h">
            <h2 id="events-table-h">Events</h2>
            <Status loading={events.loading} error={events.error} />
            {events.data && <EventsTable page={events.data} a={a} b={b} interval={interval} count={count} />}
          </section>
        </>
      )}
    </main>
  );
}

export function EventsTable({
  page,
  a,
  b,
  interval,
  count,
}: {
  page: Page<EventRow>;
  a: string;
  b: string;
  interval: string;
  count: string;
}) {
  const more = count === 'mentions' ? count : null;
  return (
    <>
      <EventRowsTable
        events={page.items}
        showTrigger
        testId="events-table"
        caption={
          <>
            {page.total > 10_000 ? 'more than 10,000' : page.total} events, {page.offset + 1}–
            {page.offset + page.items.length}, newest first
          </>
        }
      />
      <nav class="pager" aria-label="event pages">
        {page.offset > 0 && (
          <a href={href('dyad', { a, b, interval, count: more, offset: Math.max(0, page.offset - page.limit) })}>
            ← newer
          </a>
        )}
        {page.offset + page.items.length < page.total && (
          <a href={href('dyad', { a, b, interval, count: more, offset: page.offset + page.limit })}>older →</a>
        )}
      </nav>
    </>
  );
}
