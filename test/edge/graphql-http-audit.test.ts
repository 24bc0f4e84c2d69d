import { type AuditResult, serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/http/edge.ts';
import { anonymousId } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

/**
 * What every real client of the gateway sends on top of the audit's own request: the CSRF header
 * (the audits also send GETs and `application/graphql+json`-less bodies) and an identity (docs/identity-and-ownership.md).
 */
const anon = anonymousId();
const fetchWithEdgeHeaders: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set(CSRF_HEADER, '1');
  headers.set('x-anonymous-customer-unique-id', anon);
  return fetch(input, { ...init, headers });
};

const requirement = (result: AuditResult) => result.name.split(' ')[0];

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  it('passes every MUST audit; SHOULD and MAY findings are printed', async () => {
    const results: AuditResult[] = [];
    // One at a time: each audit is a request or two, and the order of the printout stays stable.
    for (const audit of serverAudits({ url: () => stack.url, fetchFn: fetchWithEdgeHeaders }))
      results.push(await audit.fn());

    const failedMust = results.filter((result) => result.status !== 'ok' && requirement(result) === 'MUST');
    const findings = results.filter((result) => result.status !== 'ok' && requirement(result) !== 'MUST');
    const passedMust = results.filter((result) => result.status === 'ok' && requirement(result) === 'MUST');
    console.log(
      `graphql-http audits: ${results.length} run, ${passedMust.length} MUST passed, ${failedMust.length} MUST failed, ` +
        `${results.filter((result) => result.status === 'ok').length - passedMust.length} SHOULD/MAY passed, ${findings.length} SHOULD/MAY findings`,
    );
    for (const finding of findings) {
      if (finding.status !== 'ok')
        console.log(`  [${finding.status}] ${finding.id} ${finding.name}: ${finding.reason}`);
    }
    expect(
      failedMust.map((result) => (result.status === 'ok' ? result.name : `${result.name}: ${result.reason}`)),
    ).toEqual([]);
    expect(passedMust.length).toBeGreaterThan(0);
  });
});
