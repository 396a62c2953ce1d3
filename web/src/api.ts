// The UI's view of the HTTP API (types shared with the server's store and document model).
import type { CodedDocument } from '../../src/doc/types.js';
import type {
  DocumentSummary,
  EventRow,
  Page,
  PlaceCount,
  SeriesPoint,
  StoryDetail,
  StorySummary,
  TopDyad,
} from '../../src/store/types.js';

export type {
  CodedDocument,
  DocumentSummary,
  EventRow,
  Page,
  PlaceCount,
  SeriesPoint,
  StoryDetail,
  StorySummary,
  TopDyad,
};

export interface StoredDocumentReply extends DocumentSummary {
  document: CodedDocument | null;
}

export interface Health {
  status: string;
  documents: number;
  events: number;
  quotes: number;
  firstDate: string | null;
  lastDate: string | null;
  store: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function reply<T>(r: Response): Promise<T> {
  const body = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON
  }
  if (!r.ok) throw new ApiError(r.status, (json as { message?: string } | null)?.message ?? `HTTP ${r.status}`);
  return json as T;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string, params: Record<string, string | number | boolean | null | undefined> = {}) =>
    fetch(`api/${path}${query(params)}`).then((r) => reply<T>(r)),
  code: (body: { text: string; date?: string | null; title?: string | null }) =>
    fetch('api/code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => reply<CodedDocument>(r)),
};

export const QUAD_LABELS: Record<number, string> = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

export const QUAD_COLORS: Record<number, string> = { 1: '#2b8a3e', 2: '#1c7ed6', 3: '#e8590c', 4: '#c92a2a' };
