#!/usr/bin/env node
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
      process.stderr.write('eventwire: not built yet; run `npm install` (or `npm run build`) in the eventwire folder\n');
    } else {
      process.stderr.write(`eventwire: internal error: ${err && err.message ? err.message : err}\n`);
    }
    process.exitCode = 70;
  });
