#!/usr/bin/env node
// The `orator` command: runs the built program (npm run build / scripts/setup.sh produce dist/).
import('../dist/main.js');
