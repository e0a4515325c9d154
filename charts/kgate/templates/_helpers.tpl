{{- define "kgate.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kgate.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "kgate.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kgate.serviceAccount" -}}
{{- default (include "kgate.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "kgate.extAuthzAddress" -}}
{{- default (printf "%s-checks.%s.svc.cluster.local:%v" (include "kgate.fullname" .) .Release.Namespace .Values.ports.grpc) .Values.extAuthz.address -}}
{{- end -}}

{{/* kgate's own API access: watch the policies and Gateways. */}}
{{- define "kgate.watchRules" -}}
- apiGroups: [kgate.dev]
  resources: [authorizationpolicies]
  verbs: [get, list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [gateways]
  verbs: [get, list, watch]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create]
{{- end -}}
