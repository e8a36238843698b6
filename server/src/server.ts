// Entry point: creates the connection (IPC from VS Code, or --stdio for other editors and tests).
import { setFlagsFromString } from 'node:v8';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './startServer';

// Test hook for the client's restart policy: `on-start` dies before connecting, `on-open` on the first didOpen.
const crash = process.env.DOCKERFILE_STAGES_TEST_CRASH;
if (crash === 'on-start') process.exit(1);

// V8 lets the old generation grow by up to 4x its live size before a full collection. A model of a big
// file is MiBs of small objects, so reopening or re-analysing one piled up dead models (peak RSS grew ~50 MiB
// over 9 opens of a 1000-stage file). Growing by at most 50% collects them sooner; 30% (chosen when a model
// was 40% bigger) kept 7 MiB less but ran a full collection on nearly every open. It is a runtime flag, read
// at every full collection, so it works for --stdio users too (no execArgv needed). docs/benchmarks.md.
setFlagsFromString('--heap-growing-percent=50');

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
// Registered after startServer so that it replaces the document sync handler; nothing else is affected.
if (crash === 'on-open') connection.onDidOpenTextDocument(() => process.exit(1));
