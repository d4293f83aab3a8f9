{{/*
CEL: the field at path (below object) is the same in object and oldObject —
both absent, or both present and equal. has() keeps an absent field from
failing the expression.
*/}}
{{- define "hookwright.celSame" -}}
(has(object.{{ . }}) == has(oldObject.{{ . }}) && (!has(object.{{ . }}) || object.{{ . }} == oldObject.{{ . }}))
{{- end }}

{{/*
CEL: as hookwright.celSame, for a field that only one of the kinds the policy
matches has (JobSpec's, PodStatus's). The API server type-checks every
expression against each matched kind, and a field a kind lacks is a compile
error there even behind a resource guard: dyn() reads the parent untyped.
Arguments: (list "spec" "completions").
*/}}
{{- define "hookwright.celSameUntyped" -}}
{{- $o := printf "dyn(object.%s).%s" (index . 0) (index . 1) -}}
{{- $old := printf "dyn(oldObject.%s).%s" (index . 0) (index . 1) -}}
(has({{ $o }}) == has({{ $old }}) && (!has({{ $o }}) || {{ $o }} == {{ $old }}))
{{- end }}
