// The guard: a failing handler answers empty and logs once with the URI; deliberate refusals pass through.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { RefusedError } from '../../server/src/errors';
import { createGuard } from '../../server/src/guard';

function setup() {
  const logged: string[] = [];
  const connection = { console: { error: (message: string) => logged.push(message) } } as unknown as Connection;
  return { guard: createGuard(connection), logged };
}

type Params = { textDocument: { uri: string } };
const uriOf = (p: Params) => p.textDocument.uri;
const PARAMS: Params = { textDocument: { uri: 'file:///x/Dockerfile' } };
const token = (): CancellationToken => new CancellationTokenSource().token;

describe('guard', () => {
  it('passes results through', async () => {
    const { guard, logged } = setup();
    assert.deepEqual(await guard('symbols', uriOf, [], () => ['a'])(PARAMS, token()), ['a']);
    assert.deepEqual(await guard('symbols', uriOf, [], async () => ['b'])(PARAMS, token()), ['b']);
    assert.deepEqual(logged, []);
  });

  it('answers empty and logs the request name and URI when the handler throws or rejects', async () => {
    const { guard, logged } = setup();
    assert.deepEqual(await guard('hover', uriOf, null, () => { throw new TypeError('boom'); })(PARAMS, token()), null);
    assert.deepEqual(await guard('folding', uriOf, [], async () => Promise.reject('plain string'))(PARAMS, token()), []);
    assert.equal(logged.length, 2);
    assert.match(logged[0], /^hover failed for file:\/\/\/x\/Dockerfile: TypeError: boom/);
    assert.equal(logged[1], 'folding failed for file:///x/Dockerfile: plain string');
  });

  it('survives malformed params', async () => {
    const { guard, logged } = setup();
    const handler = guard('definition', uriOf, [], () => ['never']);
    assert.deepEqual(await handler(undefined as unknown as Params, token()), []);
    assert.deepEqual(await handler({} as Params, token()), []);
    assert.equal(logged.length, 2);
    assert.match(logged[0], /^definition failed for <unknown document>: TypeError/);
  });

  it('passes a deliberate refusal to the client unchanged', async () => {
    const { guard, logged } = setup();
    const refusal = new RefusedError('"scratch" is reserved');
    await assert.rejects(guard('rename', uriOf, null, () => { throw refusal; })(PARAMS, token()), (error) => error === refusal && error instanceof ResponseError);
    assert.deepEqual(logged, []);
  });

  it('answers empty for a request cancelled before or during the handler', async () => {
    const { guard } = setup();
    const before = new CancellationTokenSource();
    before.cancel();
    let called = false;
    assert.deepEqual(await guard('codeLens', uriOf, [], () => { called = true; return ['x']; })(PARAMS, before.token), []);
    assert.equal(called, false);
    const during = new CancellationTokenSource();
    assert.deepEqual(await guard('codeLens', uriOf, [], async () => { during.cancel(); return ['x']; })(PARAMS, during.token), []);
  });
});
