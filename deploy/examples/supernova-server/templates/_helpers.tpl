{{/*
The name of a hook Job, exactly as hookwright names it: <release>-<purpose>-<revision>, dots in
the release turned into dashes; over 63 characters the release is cut and
-<first 5 hex of sha256(release)> appended, so distinct releases stay distinct.
Call with (dict "root" $ "purpose" "migrate").
*/}}
{{- define "supernova-server.hookName" -}}
{{- $release := .root.Release.Name | replace "." "-" -}}
{{- $tail := printf "-%s-%d" .purpose (int .root.Release.Revision) -}}
{{- if le (add (len $release) (len $tail)) 63 -}}
{{- printf "%s%s" $release $tail -}}
{{- else -}}
{{- $suffix := printf "-%s" (.root.Release.Name | sha256sum | trunc 5) -}}
{{- $keep := int (sub 63 (add (len $suffix) (len $tail))) -}}
{{- printf "%s%s%s" ($release | trunc $keep | regexReplaceAll "-+$" "") $suffix $tail -}}
{{- end -}}
{{- end -}}

{{- define "supernova-server.labels" -}}
app.kubernetes.io/name: supernova-server
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "supernova-server.selectorLabels" -}}
app.kubernetes.io/name: supernova-server
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* pre-install hooks run before ordinary objects exist: then the env must be a hook too. */}}
{{- define "supernova-server.envHookAnnotations" -}}
{{- if and .Values.migrations.enabled (eq .Values.migrations.when "pre") }}
annotations:
  helm.sh/hook: pre-install,pre-upgrade
  helm.sh/hook-weight: "-20"
  helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end -}}
