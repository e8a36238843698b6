// Errors that are answers, not failures: the guard passes them to the client unchanged.
import { ResponseError, ErrorCodes } from 'vscode-languageserver';

export class RefusedError extends ResponseError<void> {
  constructor(message: string) {
    super(ErrorCodes.InvalidRequest, message);
    // ResponseError resets the prototype to its own; restore ours so instanceof works.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
