{{/* Names shared by the monitoring objects (monitoring.* values). */}}

{{/* The Service of the management port; its own name, so the webhook's Service stays as it is. */}}
{{- define "hookwright.metricsServiceName" -}}
{{- printf "%s-metrics" (include "hookwright.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The job label Prometheus gives the scraped series: the Prometheus Operator names
the job after the Service a ServiceMonitor found.
*/}}
{{- define "hookwright.metricsJob" -}}
{{- include "hookwright.metricsServiceName" . }}
{{- end }}

{{- define "hookwright.metricsCaSecretName" -}}
{{- default (include "hookwright.tlsSecretName" .) .Values.monitoring.serviceMonitor.caSecret.name }}
{{- end }}

{{/* runbook_url of one alert, when a base URL is set. */}}
{{- define "hookwright.runbook" -}}
{{- with .root.Values.monitoring.prometheusRule.runbookBaseUrl -}}
runbook_url: {{ printf "%s#%s" (trimSuffix "/" .) ($.alert | lower) | quote }}
{{- end }}
{{- end }}
