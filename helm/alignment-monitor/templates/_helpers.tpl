{{/* Chart name, cut to the 63 characters Kubernetes names allow. */}}
{{- define "alignment-monitor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "alignment-monitor.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "alignment-monitor.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "alignment-monitor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one role: dict "root" $ "role" "streams". */}}
{{- define "alignment-monitor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "alignment-monitor.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "alignment-monitor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "alignment-monitor.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "alignment-monitor.headless" -}}
{{- printf "%s-streams-headless" (include "alignment-monitor.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The pod spec every role shares: dict "root" $ "role" "<role>" "values" <the role's values>.
The monitor reads /etc/alignment-monitor/monitor.properties, then AM_* variables, then -D options.
*/}}
{{- define "alignment-monitor.podSpec" -}}
{{- $root := .root -}}
{{- $v := .values -}}
serviceAccountName: {{ include "alignment-monitor.serviceAccountName" $root }}
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- if eq .role "streams" }}
terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
{{- end }}
containers:
  - name: monitor
    image: "{{ $root.Values.image.repository }}:{{ $root.Values.image.tag | default $root.Chart.AppVersion }}"
    imagePullPolicy: {{ $root.Values.image.pullPolicy }}
    args:
      - run
      - --config
      - /etc/alignment-monitor/monitor.properties
      - --role
      - {{ .role }}
      - -D
      - monitor.http.host=0.0.0.0
      - -D
      - monitor.http.port={{ $root.Values.http.port }}
      {{- if eq .role "streams" }}
      - -D
      - monitor.advertised.host=$(POD_NAME).{{ include "alignment-monitor.headless" $root }}.$(POD_NAMESPACE).svc.{{ $root.Values.clusterDomain }}
      {{- end }}
      {{- if and (eq .role "review") $v.usersSecret }}
      - -D
      - monitor.review.users.file=/etc/alignment-monitor/review/users
      {{- end }}
      {{- if and (eq .role "streams") $root.Values.otlp.enabled }}
      - -D
      - monitor.otlp.enabled=true
      - -D
      - monitor.otlp.host=0.0.0.0
      - -D
      - monitor.otlp.port={{ $root.Values.otlp.port }}
      {{- end }}
    ports:
      - name: http
        containerPort: {{ $root.Values.http.port }}
        protocol: TCP
      {{- if and (eq .role "streams") $root.Values.otlp.enabled }}
      - name: otlp-http
        containerPort: {{ $root.Values.otlp.port }}
        protocol: TCP
      {{- end }}
    env:
      - name: POD_NAME
        valueFrom:
          fieldRef:
            fieldPath: metadata.name
      - name: POD_NAMESPACE
        valueFrom:
          fieldRef:
            fieldPath: metadata.namespace
      - name: JAVA_TOOL_OPTIONS
        value: {{ $v.javaOpts | quote }}
      {{- with $root.Values.kafka.sasl.existingSecret }}
      - name: AM_SASL_JAAS_CONFIG
        valueFrom:
          secretKeyRef:
            name: {{ . }}
            key: {{ $root.Values.kafka.sasl.jaasConfigKey }}
      {{- end }}
      {{- with $root.Values.kafka.tls.existingSecret }}
      - name: AM_SSL_TRUSTSTORE_PASSWORD
        valueFrom:
          secretKeyRef:
            name: {{ . }}
            key: {{ $root.Values.kafka.tls.truststorePasswordKey }}
      {{- if $root.Values.kafka.tls.keystoreKey }}
      - name: AM_SSL_KEYSTORE_PASSWORD
        valueFrom:
          secretKeyRef:
            name: {{ . }}
            key: {{ $root.Values.kafka.tls.keystorePasswordKey }}
      {{- end }}
      {{- end }}
      {{- with $root.Values.schemaRegistry.basicAuth.existingSecret }}
      - name: AM_BASIC_AUTH_USER_INFO
        valueFrom:
          secretKeyRef:
            name: {{ . }}
            key: {{ $root.Values.schemaRegistry.basicAuth.userInfoKey }}
      {{- end }}
      {{- if eq .role "review" }}
      {{- with $v.sessionKeySecret }}
      {{- if .name }}
      - name: AM_MONITOR_REVIEW_SESSION_KEY
        valueFrom:
          secretKeyRef:
            name: {{ .name }}
            key: {{ .key }}
      {{- end }}
      {{- end }}
      {{- end }}
      {{- range $root.Values.secretEnv }}
      - name: {{ .name }}
        valueFrom:
          secretKeyRef:
            name: {{ .secret }}
            key: {{ .key }}
      {{- end }}
      {{- with $root.Values.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    startupProbe:
      httpGet: {path: /health, port: http}
      {{- toYaml $root.Values.probes.startup | nindent 6 }}
    livenessProbe:
      httpGet: {path: /health, port: http}
      {{- toYaml $root.Values.probes.liveness | nindent 6 }}
    readinessProbe:
      httpGet: {path: /ready, port: http}
      {{- toYaml $root.Values.probes.readiness | nindent 6 }}
    resources:
      {{- toYaml $v.resources | nindent 6 }}
    securityContext:
      {{- toYaml $root.Values.securityContext | nindent 6 }}
    volumeMounts:
      - name: config
        mountPath: /etc/alignment-monitor/monitor.properties
        subPath: monitor.properties
        readOnly: true
      - name: data
        mountPath: /var/lib/alignment-monitor
      - name: tmp
        mountPath: /tmp
      {{- if $root.Values.kafka.tls.existingSecret }}
      - name: kafka-tls
        mountPath: /etc/alignment-monitor/tls
        readOnly: true
      {{- end }}
      {{- if and (eq .role "review") $v.usersSecret }}
      - name: review-users
        mountPath: /etc/alignment-monitor/review
        readOnly: true
      {{- end }}
      {{- if $root.Values.auth.usersSecret }}
      - name: auth-users
        mountPath: /etc/alignment-monitor/auth
        readOnly: true
      {{- end }}
      {{- if $root.Values.certificates.signingKeySecret }}
      - name: signing-key
        mountPath: /etc/alignment-monitor/certificates
        readOnly: true
      {{- end }}
      {{- with $root.Values.extraVolumeMounts }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
volumes:
  - name: config
    configMap:
      name: {{ include "alignment-monitor.fullname" $root }}
  - name: tmp
    emptyDir: {}
  {{- if not (and (eq .role "streams") $v.persistence.enabled) }}
  - name: data
    emptyDir: {}
  {{- end }}
  {{- with $root.Values.kafka.tls.existingSecret }}
  - name: kafka-tls
    secret:
      secretName: {{ . }}
  {{- end }}
  {{- if and (eq .role "review") $v.usersSecret }}
  - name: review-users
    secret:
      secretName: {{ $v.usersSecret }}
  {{- end }}
  {{- with $root.Values.auth.usersSecret }}
  - name: auth-users
    secret:
      secretName: {{ . }}
  {{- end }}
  {{- with $root.Values.certificates.signingKeySecret }}
  - name: signing-key
    secret:
      secretName: {{ . }}
      defaultMode: 0400
  {{- end }}
  {{- with $root.Values.extraVolumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod template annotations: a config change rolls every pod. */}}
{{- define "alignment-monitor.podAnnotations" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
{{- with .values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}
