// `npm start`: install, then `reel dev` (API and workers on embedded defaults) on PORT (4000).
import { ensureFfmpeg, run, setup } from './setup.mjs';

setup();
ensureFfmpeg();
run('node', ['platform/bin/reel.mjs', 'dev']);
