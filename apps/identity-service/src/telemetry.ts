import { startTelemetry } from '@steerco/platform-observability';

/**
 * Imported first by main.ts: instrumentations patch pg and http only if they start before those modules load.
 * The endpoint is read raw here; main.ts validates the whole configuration right after.
 */
export const telemetry = startTelemetry(
  'identity-service',
  process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined,
);
