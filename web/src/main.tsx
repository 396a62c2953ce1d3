// The eventwire web UI: annotate, corpus, document and dyad views over the HTTP API.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Health } from './api.js';
import { AnnotatePage, CorpusPage, DocumentPage, DyadPage } from './pages.js';
import { href, useRoute } from './router.js';
import { StoriesPage, StoryPage } from './stories.js';
import './style.css';

function App() {
  const route = useRoute();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    api
      .get<Health>('health')
      .then(setHealth)
      .catch(() => setHealth(null));
  }, []);
  const [section, id] = route.path;
  let page = <AnnotatePage />;
  if (section === 'corpus') page = <CorpusPage route={route} />;
  else if (section === 'doc' && id) page = <DocumentPage id={id} route={route} />;
  else if (section === 'dyad') page = <DyadPage route={route} />;
  else if (section === 'stories') page = <StoriesPage route={route} />;
  else if (section === 'story' && id) page = <StoryPage id={id} />;
  const current = (s: string) => ((section ?? '') === s ? 'page' : undefined);
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById('content')?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <a class="brand" href={href('')}>
          eventwire
        </a>
        <nav aria-label="main">
          <a href={href('')} aria-current={current('')}>
            Annotate
          </a>
          <a href={href('corpus')} aria-current={current('corpus')}>
            Corpus
          </a>
          <a href={href('stories')} aria-current={current('stories') ?? current('story')}>
            Stories
          </a>
          <a href={href('dyad')} aria-current={current('dyad')}>
            Dyads
          </a>
          <a href="openapi.json">API</a>
        </nav>
        {health && (
          <span class="stats" title="store contents">
            {health.documents} documents · {health.events} events
            {health.firstDate ? ` · ${health.firstDate} – ${health.lastDate}` : ''}
          </span>
        )}
      </header>
      <div id="content" tabIndex={-1}>
        {page}
      </div>
    </>
  );
}

render(<App />, document.getElementById('app')!);
