// One table of unique events, shared by the dyad page (newest first, with triggers) and a
// story's timeline (oldest first): each row links to the sentence in its article.
import type { ComponentChildren } from 'preact';
import { type EventRow, QUAD_LABELS } from './api.js';
import { href } from './router.js';

export function EventRowsTable({
  events,
  caption,
  showTrigger = false,
  testId,
}: {
  events: readonly EventRow[];
  caption: ComponentChildren;
  showTrigger?: boolean;
  testId?: string;
}) {
  return (
    <table class="events-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">date</th>
          <th scope="col">source</th>
          <th scope="col">event</th>
          <th scope="col">target</th>
          {showTrigger && <th scope="col">trigger</th>}
          <th scope="col">place</th>
          <th scope="col" title="articles, sources and mentions reporting this unique event">
            reports
          </th>
          <th scope="col">article</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.key}>
            <td>{e.date}</td>
            <td title={e.sourceName ?? ''}>{e.sourceCode}</td>
            <td>
              <span class={`quad q${e.quadClass}`} title={QUAD_LABELS[e.quadClass]}>
                {e.code}
              </span>{' '}
              {e.label}
            </td>
            <td title={e.targetName ?? ''}>{e.targetCode}</td>
            {showTrigger && <td>{e.trigger?.text}</td>}
            <td>{e.placeName}</td>
            <td title={`${e.numArticles} articles, ${e.numSources} sources, ${e.numMentions} mentions`}>
              {e.numArticles}
            </td>
            <td>
              <a href={href(`doc/${encodeURIComponent(e.docId)}`, { s: e.sentence })}>{e.docTitle ?? e.docId}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
