import { ACCESS_TOKEN_LIFETIME_SECONDS, issueAccessToken } from '../../domain/tokens.ts';
import { E, failOne, ok } from '../results.ts';
import type { GlueRoute } from '../route.ts';
import { ACCESS_TOKENS } from '../schemas.ts';

/** `POST /access-tokens` (login) and `GET /customers` (who owns this token). */
export const customerRoutes: GlueRoute[] = [
  {
    method: 'POST',
    template: '/access-tokens',
    resourceType: 'access-tokens',
    protected: false,
    schema: ACCESS_TOKENS,
    handle(request, state) {
      const username = String(request.attributes.username);
      const password = String(request.attributes.password);
      const customer = state.customerByEmail(username);
      if (!customer || customer.password !== password) return failOne(E.authenticationFailed);
      const token = issueAccessToken(state, customer);
      return ok(201, {
        data: {
          type: 'access-tokens',
          id: null,
          attributes: {
            tokenType: 'Bearer',
            expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
            accessToken: token.accessToken,
            refreshToken: token.refreshToken,
            idCompanyUser: null,
          },
          links: { self: `${request.baseUrl}/access-tokens` },
        },
      });
    },
  },
  {
    method: 'GET',
    template: '/customers',
    resourceType: 'customers',
    protected: true,
    handle(request) {
      if (request.identity.kind !== 'customer') return failOne(E.missingToken);
      const customer = request.identity.customer;
      return ok(200, {
        data: [
          {
            type: 'customers',
            id: customer.customerReference,
            attributes: {
              firstName: customer.firstName,
              lastName: customer.lastName,
              email: customer.email,
              salutation: customer.salutation,
              gender: null,
              dateOfBirth: null,
            },
            links: { self: `${request.baseUrl}/customers/${customer.customerReference}` },
          },
        ],
        links: { self: `${request.baseUrl}/customers` },
      });
    },
  },
];
