{{/* What every webhook entry shares. */}}

{{/*
The namespaces no webhook serves: kube-system (the cluster must stay
repairable), hookwright's own namespace (it must be able to restart itself
while its webhook is down) and any namespace labelled hookwright.dev/ignore=true
(only "true": a namespace labelled "false" or anything else is served; NotIn
also matches namespaces without the label).
Takes a list of extra matchExpressions.
*/}}
{{- define "hookwright.namespaceSelector" -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: [kube-system, {{ .root.Release.Namespace }}]
    - key: hookwright.dev/ignore
      operator: NotIn
      values: ["true"]
    {{- with .extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}

{{- define "hookwright.clientConfig" -}}
clientConfig:
  service:
    name: {{ include "hookwright.fullname" .root }}
    namespace: {{ .root.Release.Namespace }}
    path: {{ .path }}
    port: 443
  {{- with include "hookwright.caBundle" .root }}
  caBundle: {{ . }}
  {{- end }}
{{- end }}
