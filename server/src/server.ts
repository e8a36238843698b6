// Entry point: creates the connection (IPC from VS Code, or --stdio for other editors and tests).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
