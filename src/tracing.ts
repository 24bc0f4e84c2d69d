import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { Config } from './config.ts';

/**
 * Turns tracing on for this process: the one place the OpenTelemetry SDK is loaded. Everything
 * else uses only `@opentelemetry/api`, whose tracer, context and propagator are no-ops until this
 * registers real ones, so with tracing off no SDK module is even loaded (the imports below are
 * dynamic) and no `traceparent` is sent to Glue.
 */

export interface Tracing {
  /** Exports what is still buffered, then unregisters, so the API is a no-op again. */
  shutdown(): Promise<void>;
}

export interface TracingSetup {
  /** The resource's `service.name`. */
  readonly serviceName: string;
  /**
   * Where finished spans go, each as it ends (a test's in-memory exporter). Without it: OTLP over
   * HTTP, batched, configured by the standard OTEL_EXPORTER_OTLP_* variables.
   */
  readonly exporter?: SpanExporter;
}

/** Tracing as the configuration asks: null (nothing loaded, nothing registered) without an OTLP endpoint. */
export async function startConfiguredTracing(config: Config): Promise<Tracing | null> {
  return config.tracing ? startTracing({ serviceName: config.tracing.serviceName }) : null;
}

export async function startTracing(setup: TracingSetup): Promise<Tracing> {
  const [sdk, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
  ]);
  const processor: SpanProcessor = setup.exporter
    ? new sdk.SimpleSpanProcessor({ exporter: setup.exporter })
    : new sdk.BatchSpanProcessor({ exporter: await otlpExporter() });
  const provider = new sdk.TracerProvider({
    resource: resources
      .defaultResource()
      .merge(resources.resourceFromAttributes({ 'service.name': setup.serviceName })),
    spanProcessors: [processor],
  });
  // AsyncLocalStorage carries the active span across awaits, from the operation into Glue and Redis calls.
  const registered = [
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()),
    propagation.setGlobalPropagator(new W3CTraceContextPropagator()),
    trace.setGlobalTracerProvider(provider),
  ];
  if (registered.includes(false)) {
    unregister();
    throw new Error('tracing: another OpenTelemetry setup is already registered in this process');
  }
  return {
    async shutdown() {
      await provider.shutdown();
      unregister();
    },
  };
}

async function otlpExporter(): Promise<SpanExporter> {
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  // Reads OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces), or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, headers, timeout.
  return new OTLPTraceExporter();
}

function unregister(): void {
  trace.disable();
  propagation.disable();
  context.disable();
}
