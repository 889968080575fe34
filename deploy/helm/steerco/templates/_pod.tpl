{{/* Pieces shared by the Deployments and the migration Jobs. */}}

{{/*
Environment of a service's container, shared by its Deployment and its migration Job so that the
migration passes the same boot-time validation. Call with (dict "root" $ "name" "<service>" "config" $c).
Values are inlined rather than read from a chart ConfigMap: pre-install hooks run before any chart
ConfigMap exists, and a changed value then changes the pod template and rolls the pods by itself.
*/}}
{{- define "steerco.env" -}}
{{- $v := .root.Values }}
{{- $svc := index $v.services .name -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: PORT
  value: "8080"
- name: STEERCO_ENV
  value: production
- name: LOG_LEVEL
  value: {{ .config.logLevel | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .config.databaseSecret | quote }}
      key: {{ .config.databaseKey | quote }}
# The migration hook Job migrates before a rollout; services only verify, never race to migrate.
- name: DATABASE_MIGRATE_ON_START
  value: "false"
- name: KAFKA_BROKERS
  value: {{ $v.kafka.brokers | quote }}
- name: KAFKA_CLIENT_ID
  value: {{ .config.kafkaClientId | quote }}
- name: KAFKA_GROUP_PREFIX
  value: {{ $v.kafka.consumerGroupPrefix | default "steerco" | quote }}
- name: KAFKA_SSL
  value: {{ $v.kafka.ssl | toString | quote }}
{{- with $v.kafka.sasl }}
{{- if .enabled }}
- name: KAFKA_SASL_MECHANISM
  value: {{ .mechanism | quote }}
- name: KAFKA_SASL_USERNAME
{{- if .usernameKey }}
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .usernameKey | quote }}
{{- else }}
  value: {{ .username | quote }}
{{- end }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .passwordKey | quote }}
{{- end }}
{{- end }}
{{- $jwksUrl := include "steerco.jwksUrl" .root }}
{{- if $jwksUrl }}
- name: AUTH_JWKS_URL
  value: {{ $jwksUrl | quote }}
{{- else }}
- name: AUTH_PUBLIC_KEY
  value: {{ $v.auth.publicKey | quote }}
{{- end }}
- name: AUTH_ISSUER
  value: {{ $v.auth.issuer | quote }}
- name: AUTH_AUDIENCE
  value: {{ $v.auth.audience | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ .name | quote }}
{{- with $v.opentelemetry.exporterOtlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if $v.opentelemetry.kubernetesResourceAttributes }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=steerco,service.version=%s,k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME)" .root.Chart.AppVersion | quote }}
{{- end }}
{{- if $v.extraCACerts.secretName }}
- name: NODE_EXTRA_CA_CERTS
  value: {{ printf "/etc/steerco/ca/%s" $v.extraCACerts.key | quote }}
{{- end }}
{{- if eq .name "identity-service" }}
{{- with $v.identity }}
- name: IDENTITY_KEY_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .keyEncryptionKey.existingSecret | quote }}
      key: {{ .keyEncryptionKey.key | quote }}
{{- with .trustedProxies }}
- name: IDENTITY_TRUSTED_PROXIES
  value: {{ join "," . | quote }}
{{- end }}
{{- with .publicUrl }}
- name: IDENTITY_PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
{{- with .admin.email }}
- name: STEERCO_ADMIN_EMAIL
  value: {{ . | quote }}
{{- end }}
{{- if .admin.existingSecret }}
- name: STEERCO_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .admin.existingSecret | quote }}
      key: {{ .admin.passwordKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Container command: the image's entrypoint (tini) stays, so args carry the node command. */}}
{{- define "steerco.args" -}}
- node
- {{ printf "dist/apps/%s/main.js" . }}
{{- end }}

{{/* Writable scratch space (the root filesystem is read-only) and the optional CA bundle. */}}
{{- define "steerco.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.extraCACerts.secretName }}
- name: extra-ca-certs
  mountPath: /etc/steerco/ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "steerco.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- with .Values.extraCACerts }}
{{- if .secretName }}
- name: extra-ca-certs
  secret:
    secretName: {{ .secretName | quote }}
    items:
      - key: {{ .key | quote }}
        path: {{ .key | quote }}
{{- end }}
{{- end }}
{{- end }}
