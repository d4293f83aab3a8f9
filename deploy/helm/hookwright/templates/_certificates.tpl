{{/*
Certificates made by the chart (certificates.mode=helm). The Secret and both
webhook configurations must carry the same CA, but each template renders on its
own; the material is therefore made once and kept in .Values for the rest of
this render. On an upgrade the installed Secret is looked up and reused, so an
upgrade does not rotate the CA under running pods; a first install has nothing
to look up. `helm template` and `--dry-run` cannot look anything up and render
fresh material every time.
*/}}
{{- define "hookwright.helmCertificates" -}}
{{- if not (hasKey .Values "__hookwrightCertificates") }}
{{- $data := dict }}
{{- if .Release.IsUpgrade }}
{{- $secret := lookup "v1" "Secret" .Release.Namespace (include "hookwright.tlsSecretName" .) }}
{{- $data = (get $secret "data") | default dict }}
{{- end }}
{{- $stored := and (hasKey $data "ca.crt") (hasKey $data "tls.crt") (hasKey $data "tls.key") }}
{{- $material := dict }}
{{- if and $stored (not .Values.certificates.helm.regenerate) }}
{{- $material = pick $data "ca.crt" "tls.crt" "tls.key" "previous-ca.crt" }}
{{- else }}
{{- $days := int .Values.certificates.helm.validityDays }}
{{- $ca := genCA (printf "%s CA" (include "hookwright.fullname" .)) $days }}
{{- $host := include "hookwright.serviceHost" . }}
{{- $cert := genSignedCert $host nil (list $host (printf "%s.cluster.local" $host)) $days $ca }}
{{- $material = dict "ca.crt" ($ca.Cert | b64enc) "tls.crt" ($cert.Cert | b64enc) "tls.key" ($cert.Key | b64enc) }}
{{- /* A regeneration keeps trusting the CA it replaces until the next one. */ -}}
{{- if $stored }}
{{- $_ := set $material "previous-ca.crt" (index $data "ca.crt") }}
{{- end }}
{{- end }}
{{- $_ := set .Values "__hookwrightCertificates" $material }}
{{- end }}
{{- toJson (get .Values "__hookwrightCertificates") }}
{{- end }}

{{/*
The CAs the webhooks trust in helm mode: the current one, the one a
regeneration replaced, and certificates.helm.previousCaBundle, as one PEM
bundle. The API server accepts a serving certificate signed by any of them, so
pods still serving the old certificate until they reload it stay trusted.
*/}}
{{- define "hookwright.helmCaBundle" -}}
{{- $material := include "hookwright.helmCertificates" . | fromJson }}
{{- $pems := list (index $material "ca.crt" | b64dec) }}
{{- with index $material "previous-ca.crt" }}
{{- $pems = append $pems (b64dec .) }}
{{- end }}
{{- with .Values.certificates.helm.previousCaBundle }}
{{- $pems = append $pems (b64dec .) }}
{{- end }}
{{- $bundle := "" }}
{{- range $pems }}
{{- $bundle = printf "%s%s\n" $bundle (trimSuffix "\n" .) }}
{{- end }}
{{- $bundle | b64enc }}
{{- end }}

{{/* clientConfig.caBundle for helm and external modes; cert-manager's CA injector fills it otherwise. */}}
{{- define "hookwright.caBundle" -}}
{{- $mode := include "hookwright.certificateMode" . }}
{{- if eq $mode "helm" }}
{{- include "hookwright.helmCaBundle" . }}
{{- else if eq $mode "external" }}
{{- required "certificates.external.caBundle: the base64 PEM CA that signed the serving certificate" .Values.certificates.external.caBundle }}
{{- end }}
{{- end }}

{{/* Annotations of the webhook configurations: cert-manager injects the serving certificate's CA. */}}
{{- define "hookwright.webhookAnnotations" -}}
{{- if eq (include "hookwright.certificateMode" .) "cert-manager" }}
annotations:
  cert-manager.io/inject-ca-from: {{ printf "%s/%s" .Release.Namespace (include "hookwright.servingCertificateName" .) }}
{{- end }}
{{- end }}
