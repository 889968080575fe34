{{/*
Names. Resource names are "<fullname>-<service>", e.g. steerco-hierarchy-service.
*/}}
{{- define "steerco.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "steerco.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "steerco.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of one service's resources. At most 55 characters so "-migrate" still fits in 63; the release
prefix is shortened rather than the service name, so two services never end up with the same name.
*/}}
{{- define "steerco.componentFullname" -}}
{{- $prefix := include "steerco.fullname" .root | trunc (int (sub 54 (len .name))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix .name }}
{{- end }}

{{/* The path segment a service is routed under: hierarchy-service -> hierarchy (/api/hierarchy). */}}
{{- define "steerco.shortName" -}}
{{- trimSuffix "-service" . }}
{{- end }}

{{/*
Labels. Call with (dict "root" $ "component" "<service>").
*/}}
{{- define "steerco.selectorLabels" -}}
app.kubernetes.io/name: {{ include "steerco.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{- define "steerco.labels" -}}
helm.sh/chart: {{ include "steerco.chart" .root }}
{{ include "steerco.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: steerco
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "steerco.image" -}}
{{- $image := .Values.image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{- define "steerco.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "steerco.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
One service's settings with serviceDefaults and the top-level values applied, as YAML (read it back
with fromYaml). Call with (dict "root" $ "name" "<service>"). Empty service values inherit.
*/}}
{{- define "steerco.serviceConfig" -}}
{{- $root := .root }}
{{- $svc := index $root.Values.services .name }}
{{- $defaults := $root.Values.serviceDefaults }}
{{- $serviceAccountName := $svc.serviceAccountName | default (include "steerco.serviceAccountName" $root) }}
{{- $migrationServiceAccountName := $svc.serviceAccountName }}
{{- if not $migrationServiceAccountName }}
{{- /* The chart's ServiceAccount does not exist yet when pre-install hooks run: migrations get their own hook ServiceAccount. */}}
{{- $migrationServiceAccountName = ternary (printf "%s-migrate" (include "steerco.fullname" $root) | trunc 63 | trimSuffix "-") (include "steerco.serviceAccountName" $root) $root.Values.serviceAccount.create }}
{{- end }}
{{- $config := dict
  "resources" ($svc.resources | default $defaults.resources)
  "nodeSelector" ($svc.nodeSelector | default $defaults.nodeSelector)
  "tolerations" ($svc.tolerations | default $defaults.tolerations)
  "affinity" ($svc.affinity | default $defaults.affinity)
  "podAnnotations" (merge (deepCopy ($svc.podAnnotations | default dict)) ($defaults.podAnnotations | default dict))
  "podLabels" (merge (deepCopy ($svc.podLabels | default dict)) ($defaults.podLabels | default dict))
  "logLevel" ($svc.logLevel | default $root.Values.logLevel)
  "kafkaClientId" ($svc.kafkaClientId | default (printf "%s-%s" $root.Values.kafka.clientIdPrefix .name))
  "databaseSecret" ($svc.database.existingSecret | default $root.Values.database.existingSecret)
  "databaseKey" ($svc.database.key | default $root.Values.database.key)
  "serviceAccountName" $serviceAccountName
  "migrationServiceAccountName" $migrationServiceAccountName
}}
{{- toYaml $config }}
{{- end }}

{{/*
The JWKS URL every service verifies tokens with: auth.jwksUrl, or, when neither it nor auth.publicKey is
set and identity-service is enabled, the identity service's own JWKS inside the cluster.
*/}}
{{- define "steerco.jwksUrl" -}}
{{- $v := .Values }}
{{- if $v.auth.jwksUrl }}
{{- $v.auth.jwksUrl }}
{{- else if and (not $v.auth.publicKey) (index $v.services "identity-service").enabled }}
{{- printf "http://%s:%v/api/identity/.well-known/jwks.json" (include "steerco.componentFullname" (dict "root" . "name" "identity-service")) $v.service.port }}
{{- end }}
{{- end }}
