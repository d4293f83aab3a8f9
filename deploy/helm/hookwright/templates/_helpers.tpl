{{/* Names and labels shared by every object. */}}

{{- define "hookwright.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name alone when it already says hookwright. */}}
{{- define "hookwright.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "hookwright.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hookwright.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "hookwright.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "hookwright.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "hookwright.serviceAccountName" -}}
{{- default (include "hookwright.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/* The Secret the pods mount: tls.crt and tls.key (and ca.crt, except in external mode). */}}
{{- define "hookwright.tlsSecretName" -}}
{{- if and (eq .Values.certificates.mode "external") .Values.certificates.external.secretName }}
{{- .Values.certificates.external.secretName }}
{{- else }}
{{- printf "%s-tls" (include "hookwright.fullname" .) }}
{{- end }}
{{- end }}

{{- define "hookwright.serviceHost" -}}
{{- printf "%s.%s.svc" (include "hookwright.fullname" .) .Release.Namespace }}
{{- end }}

{{- define "hookwright.servingCertificateName" -}}
{{- printf "%s-tls" (include "hookwright.fullname" .) }}
{{- end }}

{{/* Fails the render on a mode the chart does not know, instead of installing webhooks without a CA. */}}
{{- define "hookwright.certificateMode" -}}
{{- $mode := .Values.certificates.mode }}
{{- if not (has $mode (list "helm" "cert-manager" "external")) }}
{{- fail (printf "certificates.mode must be helm, cert-manager or external, not %q" $mode) }}
{{- end }}
{{- $mode }}
{{- end }}
