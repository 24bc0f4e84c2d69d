import { hash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const digest = (text: string): Buffer => hash('sha256', text, 'buffer');

/**
 * The operators' endpoint answers only `Authorization: Bearer <OPS_TOKEN>`, compared in constant
 * time (over digests, so not even the length leaks). Anything else, a shopper's Glue token
 * included, is refused with 401 before GraphQL sees the request.
 */
export function operatorAuthPlugin(opsToken: string): Plugin {
  const expected = digest(opsToken);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
      if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [{ message: 'Operator token required.', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
          { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' } },
        ),
      );
    },
  };
}
