{{/* Names shared by the monitoring objects (monitoring.* values). */}}

{{/*
The job label Prometheus gives the scraped series: the Prometheus Operator names
the job after the Service a ServiceMonitor found, here hookwright's one Service
(its `metrics` port is the management port).
*/}}
{{- define "hookwright.metricsJob" -}}
{{- include "hookwright.fullname" . }}
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
