// Commands beyond `code` register themselves on import; add new command modules here.
export {};
