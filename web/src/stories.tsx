// Stories: the list of stories (articles threaded together at ingest), and a story's page with
// the timeline of its unique events (a chart per day and quad class, then the events in date
// order) and its articles, near-duplicate copies marked.
import type { EventRow, Page, SeriesPoint, StoryDetail, StorySummary } from './api.js';
import { seriesChart } from './charts.js';
import { EventRowsTable } from './events.js';
import { Figure, Status, useApi } from './pages.js';
import { href, type Route } from './router.js';

function span(s: StorySummary): string {
  if (!s.firstDate) return 'undated';
  return s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} – ${s.lastDate}`;
}

export function StoriesPage({ route }: { route: Route }) {
  const p = route.params;
  const params = { q: p.get('q') ?? '', limit: 20, offset: Number(p.get('offset') ?? 0) || 0 };
  const { data, error, loading } = useApi<Page<StorySummary>>('stories', params);
  const go = (e: Event) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    location.hash = href('stories', { q });
  };
  return (
    <main>
      <h1>Stories</h1>
      <p class="lead">Articles threaded into stories as they were ingested; copies of one article count once.</p>
      <form class="filters" onSubmit={go} aria-label="search stories">
        <label>
          Title words <input name="q" type="search" defaultValue={params.q} />
        </label>
        <button type="submit">Search</button>
      </form>
      <Status loading={loading} error={error} />
      {data && (
        <>
          <p aria-live="polite" class="count">
            {data.total} stor{data.total === 1 ? 'y' : 'ies'}
            {data.total > 0 ? `, ${data.offset + 1}–${data.offset + data.items.length}` : ''}, most recent first
          </p>
          <ol class="doc-list" start={data.offset + 1} data-testid="story-list">
            {data.items.map((s) => (
              <li key={s.id}>
                <a href={href(`story/${encodeURIComponent(s.id)}`)}>{s.title ?? s.id}</a>
                <span class="meta">
                  {' '}
                  {span(s)} · {s.articles} article{s.articles === 1 ? '' : 's'}
                  {s.articles > s.uniqueArticles ? ` (${s.articles - s.uniqueArticles} copies)` : ''} · {s.sources}{' '}
                  source{s.sources === 1 ? '' : 's'} · {s.events} events
                </span>
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="pages">
            {data.offset > 0 && (
              <a href={href('stories', { q: params.q, offset: Math.max(0, data.offset - data.limit) })}>← previous</a>
            )}
            {data.offset + data.items.length < data.total && (
              <a href={href('stories', { q: params.q, offset: data.offset + data.limit })}>next →</a>
            )}
          </nav>
        </>
      )}
    </main>
  );
}

/** Daily counts per quad class of a story's events (for the timeline chart). */
function dailyPoints(events: readonly EventRow[]): SeriesPoint[] {
  const acc = new Map<string, { period: string; quadClass: number; count: number; sum: number }>();
  for (const e of events) {
    const day = e.date && /^\d{4}-\d{2}-\d{2}/.test(e.date) ? e.date.slice(0, 10) : null;
    if (!day) continue;
    const k = `${day}|${e.quadClass}`;
    const a = acc.get(k) ?? { period: day, quadClass: e.quadClass, count: 0, sum: 0 };
    a.count++;
    a.sum += e.goldstein;
    acc.set(k, a);
  }
  return [...acc.values()]
    .sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : x.quadClass - y.quadClass))
    .map((a) => ({
      period: a.period,
      quadClass: a.quadClass,
      count: a.count,
      goldstein: Math.round((a.sum / a.count) * 100) / 100,
    }));
}

export function StoryPage({ id }: { id: string }) {
  const { data, error, loading } = useApi<StoryDetail>(`stories/${encodeURIComponent(id)}`, {});
  const points = data ? dailyPoints(data.timeline) : [];
  return (
    <main>
      <Status loading={loading} error={error} />
      {data && (
        <>
          <h1>{data.summary.title ?? data.summary.id}</h1>
          <p class="meta">
            {span(data.summary)} · {data.summary.articles} articles ({data.summary.uniqueArticles} without copies) ·{' '}
            {data.summary.sources} sources · {data.summary.events} unique events · id <code>{data.summary.id}</code>
          </p>
          <section aria-labelledby="timeline-h" data-testid="story-timeline">
            <h2 id="timeline-h">Timeline</h2>
            {points.length > 1 && (
              <Figure
                label={`unique events per day by quad class, ${data.timeline.length} events`}
                render={(w) => seriesChart(points, w, 'day')}
              />
            )}
            {data.timeline.length === 0 ? (
              <p class="empty">No events coded in this story.</p>
            ) : (
              <EventRowsTable
                events={data.timeline}
                testId="story-events"
                caption={
                  <>
                    {data.timeline.length} unique events, oldest first
                    {data.summary.events > data.timeline.length ? ` (first ${data.timeline.length})` : ''}
                  </>
                }
              />
            )}
          </section>
          <section aria-labelledby="articles-h">
            <h2 id="articles-h">Articles</h2>
            <ol class="doc-list" data-testid="story-articles">
              {data.documents.map((d) => (
                <li key={d.id}>
                  <a href={href(`doc/${encodeURIComponent(d.id)}`)}>{d.title ?? d.id}</a>
                  <span class="meta">
                    {' '}
                    {d.date ?? 'undated'}
                    {d.source ? ` · ${d.source}` : ''} · {d.counts.events} events
                    {d.duplicateOf ? ' · copy' : ''}
                  </span>
                  {d.duplicateOf && (
                    <span class="meta">
                      {' '}
                      of <a href={href(`doc/${encodeURIComponent(d.duplicateOf)}`)}>{d.duplicateOf}</a>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </main>
  );
}
