{{- define "fraud-detector.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fraud-detector.fullname" -}}
{{- if contains (include "fraud-detector.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "fraud-detector.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "fraud-detector.labels" -}}
app.kubernetes.io/name: {{ include "fraud-detector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "fraud-detector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fraud-detector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "fraud-detector.serviceAccountName" -}}
{{- default (include "fraud-detector.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* The watched namespaces as a list; empty: all namespaces. */}}
{{- define "fraud-detector.watchNamespaces" -}}
{{- $namespaces := list -}}
{{- range (splitList "," .Values.operator.watchNamespaces) -}}
{{- if trim . -}}
{{- $namespaces = append $namespaces (trim .) -}}
{{- end -}}
{{- end -}}
{{- toJson $namespaces -}}
{{- end -}}

{{/*
What the operator needs and nothing more, in a ClusterRole or in a Role per watched namespace (HelmChartIT pins these
rules; FraudDetectorOperatorIT runs the operator as this role and checks in the API server's audit log that none of
its requests was refused):
- FraudDetectors: watched through an informer (list, watch); status written by server-side apply (patch).
- Deployments and the NetworkPolicy: server-side apply (patch, and create when the object is new); the scoring
  Deployment is deleted while no model version was ever accepted. Owned objects are otherwise removed by the garbage
  collector.
- ConfigMaps and the Service: created and updated without server-side apply; never deleted by the operator.
- Secrets: read (not listed) by name, the one a FraudDetector names for the registry's password.
*/}}
{{- define "fraud-detector.rules" -}}
- apiGroups: ["centinela.pe"]
  resources: ["frauddetectors"]
  verbs: ["list", "watch"]
- apiGroups: ["centinela.pe"]
  resources: ["frauddetectors/status"]
  verbs: ["patch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["configmaps", "services"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end -}}
