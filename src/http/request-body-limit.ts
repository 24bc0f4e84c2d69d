import { createGraphQLError, type Plugin } from 'graphql-yoga';

function tooLarge() {
  return createGraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });
}

/** One non-negative integer; anything else (a list, a sign) is refused rather than skipped. */
const CONTENT_LENGTH = /^\d+$/;

/**
 * MAX_BODY_BYTES, checked the cheapest correct way. Yoga's own limit streams every body through a
 * counting TransformStream; each such pipe costs a stream pipeline and an AbortError built when it
 * ends (about 4 % of the gateway's CPU in `npm run bench`'s profile). With a Content-Length, Node's
 * HTTP parser delivers exactly that many bytes (and refuses a request that also says chunked), so
 * the header alone decides; only a chunked body is counted while it streams. Placed after the
 * request parsers, like Yoga's, so it wraps whichever one was chosen. (Yoga exports neither its
 * plugin nor its counting helper, so the streaming half is written here.)
 */
export function requestBodyLimitPlugin(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) {
          throw createGraphQLError('Content-Length header is invalid.', {
            extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
          });
        }
        if (Number(declared) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((original) => parse(countedWhileStreaming(original, limit, fetchAPI)));
    },
  };
}

type FetchApi = Parameters<NonNullable<Plugin['onRequestParse']>>[0]['fetchAPI'];

/** The request with its body counted chunk by chunk: past the limit the stream fails with a 413. */
function countedWhileStreaming(request: Request, limit: number, fetchAPI: FetchApi): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream cannot be piped into the ponyfill's TransformStream (graphql-yoga issue 4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    // @ts-expect-error `duplex` is required by fetch for a stream body but missing from the DOM types
    duplex: 'half',
  });
}
