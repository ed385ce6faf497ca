{{/*
The chart's name, or nameOverride.
*/}}
{{- define "sockscope.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The resources' name: fullnameOverride, or <release>-<name> (just <release> when it already
holds the name), cut to the 63 characters a DNS label allows.
*/}}
{{- define "sockscope.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "sockscope.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource. The selector labels, plus ones that change between releases
(and so never go into a selector).
*/}}
{{- define "sockscope.labels" -}}
helm.sh/chart: {{ include "sockscope.chart" . }}
{{ include "sockscope.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sockscope
{{- end }}

{{/*
Selector labels: stable for the life of a release.
*/}}
{{- define "sockscope.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sockscope.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The listeners that open a port, by name, each checked: its name becomes a port name.
A listener set to null or {} is not there.
*/}}
{{- define "sockscope.enabledListeners" -}}
{{- $enabled := dict }}
{{- range $name, $listener := .Values.listeners }}
{{- if $listener }}
{{- if not (regexMatch "^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$" $name) }}
{{- fail (printf "listeners.%s: a listener name is also a port name: at most 15 lowercase letters, digits and dashes, starting with a letter" $name) }}
{{- end }}
{{- if eq $name "metrics" }}
{{- fail "listeners.metrics: the name 'metrics' is the actuator's port" }}
{{- end }}
{{- if not (kindIs "map" $listener) }}
{{- fail (printf "listeners.%s must be a map of listener properties" $name) }}
{{- end }}
{{- if ne (toString (dig "enabled" true $listener)) "false" }}
{{- if not $listener.port }}
{{- fail (printf "listeners.%s.port is required" $name) }}
{{- end }}
{{- $_ := set $enabled $name $listener }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $enabled }}
{{- end }}

{{/*
The application.yml the pods read: the listeners from values (binding every interface
unless they say otherwise; `appProtocol` is the Service's, not the application's), the
actuator's port and address and the drain period, merged over `config`.
*/}}
{{- define "sockscope.applicationYaml" -}}
{{- $listeners := dict }}
{{- if not (get .Values.listeners "echo") }}
{{- $_ := set $listeners "echo" (dict "enabled" false) }}
{{- end }}
{{- range $name, $listener := .Values.listeners }}
{{- if $listener }}
{{- $_ := set $listeners $name (merge (omit (deepCopy $listener) "appProtocol") (dict "host" "0.0.0.0")) }}
{{- end }}
{{- end }}
{{- $grace := printf "%ds" (int .Values.shutdown.gracePeriodSeconds) }}
{{- $generated := dict
  "server" (dict "port" (int .Values.actuator.port) "address" .Values.actuator.address)
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" $grace))
  "sockscope" (dict "listeners" $listeners "shutdown" (dict "grace-period" $grace)) }}
{{- toYaml (mergeOverwrite (deepCopy (.Values.config | default dict)) $generated) }}
{{- end }}

{{/*
Service settings both Services share: IP families.
*/}}
{{- define "sockscope.ipFamilies" -}}
{{- with .Values.service.ipFamilyPolicy }}
ipFamilyPolicy: {{ . }}
{{- end }}
{{- with .Values.service.ipFamilies }}
ipFamilies:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
