// Entry point: creates the connection (IPC from VS Code, or --stdio for other editors and tests).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './startServer';

// Test hook for the client's restart policy: `on-start` dies before connecting, `on-open` on the first didOpen.
const crash = process.env.DOCKERFILE_STAGES_TEST_CRASH;
if (crash === 'on-start') process.exit(1);

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
// Registered after startServer so that it replaces the document sync handler; nothing else is affected.
if (crash === 'on-open') connection.onDidOpenTextDocument(() => process.exit(1));
