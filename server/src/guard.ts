// Every request handler goes through here: errors are logged with the URI and answered with an empty result.
import { ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

export type Guard = <P, R>(
  name: string,
  uriOf: (params: P) => string | undefined,
  /** The answer on cancellation or failure; a function of the params where the empty answer depends on them. */
  empty: R | ((params: P) => R),
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
) => (params: P, token: CancellationToken) => Promise<R>;

export function createGuard(connection: Connection): Guard {
  return <P, R>(name: string, uriOf: (params: P) => string | undefined, empty: R | ((params: P) => R), handler: (params: P, token: CancellationToken) => R | Promise<R>) => async (params: P, token: CancellationToken): Promise<R> => {
    let uri: string | undefined;
    const emptyAnswer = () => (typeof empty === 'function' ? (empty as (params: P) => R)(params) : empty);
    try {
      uri = uriOf(params);
      if (token?.isCancellationRequested) return emptyAnswer();
      const result = await handler(params, token);
      return token?.isCancellationRequested ? emptyAnswer() : result;
    } catch (error) {
      // A ResponseError is a deliberate answer (e.g. a refused rename), not a failure.
      if (error instanceof ResponseError) throw error;
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      connection.console.error(`${name} failed for ${uri ?? '<unknown document>'}: ${detail}`);
      return emptyAnswer();
    }
  };
}
