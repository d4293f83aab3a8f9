{{/*
CEL: the field at path (below object) is the same in object and oldObject —
both absent, or both present and equal. has() keeps an absent field from
failing the expression.
*/}}
{{- define "hookwright.celSame" -}}
(has(object.{{ . }}) == has(oldObject.{{ . }}) && (!has(object.{{ . }}) || object.{{ . }} == oldObject.{{ . }}))
{{- end }}
