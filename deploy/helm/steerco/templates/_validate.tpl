{{/* Names the chart sets itself; extraEnv may not repeat them. */}}
{{- define "steerco.reservedEnvNames" -}}
POD_NAME POD_NAMESPACE PORT STEERCO_ENV LOG_LEVEL DATABASE_URL DATABASE_MIGRATE_ON_START KAFKA_BROKERS KAFKA_CLIENT_ID KAFKA_GROUP_PREFIX KAFKA_SSL KAFKA_SASL_MECHANISM KAFKA_SASL_USERNAME KAFKA_SASL_PASSWORD AUTH_JWKS_URL AUTH_PUBLIC_KEY AUTH_ISSUER AUTH_AUDIENCE IDENTITY_KEY_ENCRYPTION_KEY IDENTITY_TRUSTED_PROXIES IDENTITY_PUBLIC_URL STEERCO_ADMIN_EMAIL STEERCO_ADMIN_PASSWORD OTEL_SERVICE_NAME OTEL_EXPORTER_OTLP_ENDPOINT OTEL_RESOURCE_ATTRIBUTES NODE_EXTRA_CA_CERTS
{{- end }}

{{/*
Checks the schema cannot express; fails once, listing every problem.
*/}}
{{- define "steerco.validate" -}}
{{- $v := .Values }}
{{- $errors := list }}
{{- $enabled := list }}
{{- range $name, $svc := $v.services }}
{{- if $svc.enabled }}
{{- $enabled = append $enabled $name }}
{{- end }}
{{- end }}
{{- if $enabled }}
{{- if not $v.image.repository }}
{{- $errors = append $errors "image.repository is required: push the image built from deploy/docker/Dockerfile and name it here" }}
{{- end }}
{{- if not $v.kafka.brokers }}
{{- $errors = append $errors "kafka.brokers is required (KAFKA_BROKERS, comma-separated host:port)" }}
{{- end }}
{{- if not $v.auth.issuer }}
{{- $errors = append $errors "auth.issuer is required (AUTH_ISSUER)" }}
{{- end }}
{{- if and $v.auth.jwksUrl $v.auth.publicKey }}
{{- $errors = append $errors "set only one of auth.jwksUrl and auth.publicKey" }}
{{- else if not (or $v.auth.jwksUrl $v.auth.publicKey (index $v.services "identity-service").enabled) }}
{{- $errors = append $errors "one of auth.jwksUrl (AUTH_JWKS_URL) or auth.publicKey (AUTH_PUBLIC_KEY) is required while identity-service is disabled" }}
{{- end }}
{{- if and (index $v.services "identity-service").enabled (not $v.identity.keyEncryptionKey.existingSecret) }}
{{- $errors = append $errors "identity.keyEncryptionKey.existingSecret is required while identity-service is enabled: a Secret with 32 random bytes, base64 (openssl rand -base64 32)" }}
{{- end }}
{{- if and $v.kafka.sasl.enabled (not $v.kafka.sasl.existingSecret) }}
{{- $errors = append $errors "kafka.sasl.existingSecret is required when kafka.sasl.enabled is true" }}
{{- end }}
{{- if and $v.kafka.sasl.enabled (not (or $v.kafka.sasl.username $v.kafka.sasl.usernameKey)) }}
{{- $errors = append $errors "kafka.sasl.username or kafka.sasl.usernameKey is required when kafka.sasl.enabled is true" }}
{{- end }}
{{- if ge (int $v.serviceDefaults.preStopSleepSeconds) (int $v.serviceDefaults.terminationGracePeriodSeconds) }}
{{- $errors = append $errors "serviceDefaults.preStopSleepSeconds must be shorter than serviceDefaults.terminationGracePeriodSeconds, or SIGTERM never leaves time to shut down" }}
{{- end }}
{{- if and $v.ingress.enabled $v.ingress.tls (not $v.ingress.hosts) }}
{{- $errors = append $errors "ingress.tls needs ingress.hosts" }}
{{- end }}
{{- $reserved := splitList " " (include "steerco.reservedEnvNames" .) }}
{{- range $name := $enabled }}
{{- $svc := index $v.services $name }}
{{- $c := include "steerco.serviceConfig" (dict "root" $ "name" $name) | fromYaml }}
{{- if not $c.databaseSecret }}
{{- $errors = append $errors (printf "database.existingSecret (or services.%s.database.existingSecret) is required: the Secret holding DATABASE_URL" $name) }}
{{- end }}
{{- if $svc.autoscaling.enabled }}
{{- if gt (int $svc.autoscaling.minReplicas) (int $svc.autoscaling.maxReplicas) }}
{{- $errors = append $errors (printf "services.%s.autoscaling.minReplicas is greater than maxReplicas" $name) }}
{{- end }}
{{- if not (dig "requests" "cpu" "" $c.resources) }}
{{- $errors = append $errors (printf "services.%s.autoscaling needs a CPU request (resources.requests.cpu) to compute utilisation" $name) }}
{{- end }}
{{- end }}
{{- with $svc.podDisruptionBudget }}
{{- if and .enabled (hasKey . "minAvailable") (hasKey . "maxUnavailable") }}
{{- $errors = append $errors (printf "services.%s.podDisruptionBudget: set minAvailable or maxUnavailable, not both" $name) }}
{{- end }}
{{- end }}
{{- range $svc.extraEnv }}
{{- if has .name $reserved }}
{{- $errors = append $errors (printf "services.%s.extraEnv sets %s, which the chart sets itself" $name .name) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nThe steerco chart cannot render these values:\n  - %s\n" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}
