// Every request handler goes through here: errors are logged with the URI and answered with an empty result.
import { ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

export type Guard = <P, R>(
  name: string,
  uriOf: (params: P) => string | undefined,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
) => (params: P, token: CancellationToken) => Promise<R>;

export function createGuard(connection: Connection): Guard {
  return (name, uriOf, empty, handler) => async (params, token) => {
    let uri: string | undefined;
    try {
      uri = uriOf(params);
      if (token?.isCancellationRequested) return empty;
      const result = await handler(params, token);
      return token?.isCancellationRequested ? empty : result;
    } catch (error) {
      // A ResponseError is a deliberate answer (e.g. a refused rename), not a failure.
      if (error instanceof ResponseError) throw error;
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      connection.console.error(`${name} failed for ${uri ?? '<unknown document>'}: ${detail}`);
      return empty;
    }
  };
}
