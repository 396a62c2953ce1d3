// Commands beyond `code` register themselves on import; add new command modules here.
import './ingest.js';
import './export.js';
