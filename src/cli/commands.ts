// Commands beyond `code` register themselves on import; add new command modules here.
import './parse.js';
import './ingest.js';
import './serve.js';
import './export.js';
import './worker.js';
