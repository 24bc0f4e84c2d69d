import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type DocumentNode, GraphQLError, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Trace scopes are per layer, so a backend can tell GraphQL spans from Glue and Redis ones. */
const tracer = () => trace.getTracer('headless-payment-gateway/graphql');

/** Client text in a span name or attribute: bounded, as the access log bounds it. */
const MAX_NAME = 100;

/**
 * One server span per GraphQL operation, the root of everything the operation does: Glue calls
 * and Redis scripts become its children because resolvers run in its context (AsyncLocalStorage).
 * Named after the root fields (`placeOrder`, as the metrics' `operation` label) once the document
 * is parsed. With tracing off the span does not record and the operation runs untouched.
 */
export function operationTracingPlugin(): Plugin {
  const spans = new WeakMap<Request, Span>();
  const describe = ({ document, operationName, request }: Described) => {
    const span = spans.get(request);
    if (span) describeOperation(span, document, operationName);
  };
  return {
    instrumentation: {
      operation({ request }, wrapped) {
        const span = tracer().startSpan('graphql.operation', { kind: SpanKind.SERVER });
        if (!span.isRecording()) return wrapped();
        spans.set(request, span);
        return context.with(trace.setSpan(context.active(), span), () => runIn(span, wrapped));
      },
    },
    onExecute({ args }) {
      describe({ document: args.document, operationName: args.operationName, request: args.contextValue.request });
    },
    onSubscribe({ args }) {
      describe({ document: args.document, operationName: args.operationName, request: args.contextValue.request });
    },
    onExecutionResult({ request, result }) {
      const span = spans.get(request);
      if (span && !isAsyncIterable(result)) recordErrors(span, Array.isArray(result) ? result : [result]);
    },
  };
}

interface Described {
  readonly document: DocumentNode;
  readonly operationName: string | null | undefined;
  readonly request: Request;
}

async function runIn(span: Span, wrapped: () => unknown): Promise<void> {
  try {
    await wrapped();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: codeOf(error) });
    throw error;
  } finally {
    span.end();
  }
}

function describeOperation(span: Span, document: DocumentNode, operationName: string | null | undefined): void {
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const rootFields = [
    ...new Set(
      operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      ),
    ),
  ];
  if (rootFields.length > 0) span.updateName(rootFields.join(',').slice(0, MAX_NAME));
  span.setAttribute('graphql.operation.type', operation.operation);
  if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value.slice(0, MAX_NAME));
}

/** Top-level errors only: an error union member is an answer, recorded by the field (`measured`). */
function recordErrors(span: Span, results: readonly ({ readonly errors?: readonly unknown[] } | undefined)[]): void {
  const codes = results.flatMap((result) => (result?.errors ?? []).map(codeOf));
  if (codes.length === 0) return;
  span.setAttribute('graphql.error.codes', [...new Set(codes)]);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
}

function codeOf(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
