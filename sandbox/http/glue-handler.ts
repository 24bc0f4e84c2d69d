import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { delayOf, type Fault } from '../control/faults.ts';
import { processGlue, type RawGlueRequest, type RoutedGlueRequest } from '../glue/pipeline.ts';
import { failOne, type GlueResult } from '../glue/results.ts';
import { endpointName } from '../glue/route.ts';
import { findRoute } from '../glue/routes.ts';
import { type ReceivedRequest, send, sleep } from './io.ts';

function write(response: ServerResponse, result: GlueResult, requestId: string | undefined): void {
  const headers: Record<string, string> = requestId ? { 'X-Request-Id': requestId } : {};
  if (result.kind === 'text')
    send(response, { status: result.status, contentType: 'text/html; charset=UTF-8', body: result.text, headers });
  else
    send(response, {
      status: result.status,
      contentType: 'application/vnd.api+json',
      body: JSON.stringify(result.body),
      headers,
    });
}

/** The error a `status` / `after-effect` fault answers; `{orderReference}` names the order just saved. */
function faultResult(fault: Fault, orderReference: string | undefined): GlueResult {
  const detail =
    orderReference === undefined
      ? fault.error.detail
      : fault.error.detail.replaceAll('{orderReference}', orderReference);
  return failOne({ ...fault.error, detail });
}

/** One Glue call being served: the request and its route, the fault taken for it, and where to answer. */
interface GlueExchange extends RoutedGlueRequest {
  readonly fault: Fault | null;
  readonly response: ServerResponse;
  /** Echoed as X-Request-Id when the client sent one. */
  readonly requestId: string | undefined;
}

/**
 * Serves one Glue call: applies the fault taken for it (if any), runs the Glue pipeline and
 * answers. Returns the status sent, 'reset' for a dropped connection, 'held' for a hung one.
 */
async function serve(context: SandboxContext, exchange: GlueExchange): Promise<number | 'reset' | 'held'> {
  const { response, fault, requestId } = exchange;
  const run = (keepCart: boolean): GlueResult => processGlue(context.state, exchange, keepCart);
  const answer = (result: GlueResult): number => {
    write(response, result, requestId);
    return result.status;
  };
  switch (fault?.mode) {
    case undefined:
      return answer(run(false));
    case 'status':
      // A delayed refusal lets a test act while the gateway waits for it.
      if (fault.delayMs > 0) await sleep(delayOf(fault));
      return answer(faultResult(fault, undefined));
    case 'delay':
      // Before the handler runs: the call acts on the state as it is after the wait (e.g. a cart
      // changed meanwhile through another Glue call, as test/flow/order-total.test.ts relies on).
      await sleep(delayOf(fault));
      return answer(run(false));
    case 'after-effect': {
      const result = run(fault.keepCart);
      // Only a success is replaced: a refused call had no effect to hide.
      if (result.kind === 'json' && result.status < 300) return answer(faultResult(fault, result.orderReference));
      return answer(result);
    }
    case 'hang':
      if (fault.afterEffect) run(fault.keepCart);
      context.hanging.add(response);
      response.on('close', () => context.hanging.delete(response));
      return 'held';
    case 'reset':
      if (fault.afterEffect) run(fault.keepCart);
      response.socket?.destroy();
      return 'reset';
  }
}

export async function handleGlue(
  context: SandboxContext,
  request: ReceivedRequest,
  response: ServerResponse,
): Promise<void> {
  const started = Date.now();
  const { method, url, rawBody } = request;
  const raw: RawGlueRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    rawBody,
    baseUrl: context.baseUrl,
  };
  const match = findRoute(method, url.pathname);
  const endpoint = match.kind === 'route' ? endpointName(match.route) : `${method} ${url.pathname}`;
  // Taken synchronously: concurrent calls cannot both consume the last count of a fault.
  const fault = match.kind === 'route' ? context.faults.take(endpoint) : null;
  const record = context.calls.start({
    endpoint,
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    rawBody,
    fault: fault?.mode ?? null,
  });
  const requestIdHeader = request.headers['x-request-id'];
  const requestId = Array.isArray(requestIdHeader) ? requestIdHeader[0] : requestIdHeader;
  const outcome = await serve(context, { raw, match, fault, response, requestId });
  // A held call stays unfinished in the record: it is never answered.
  if (outcome !== 'held') context.calls.finish(record, outcome === 'reset' ? null : outcome);
  const faultNote = fault ? ` [fault ${fault.mode}]` : '';
  context.log(`${method} ${url.pathname}${url.search} -> ${outcome} ${Date.now() - started}ms${faultNote}`);
}
