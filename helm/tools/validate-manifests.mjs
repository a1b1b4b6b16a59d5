// Validates every document of a rendered manifest stream against the Kubernetes (and Prometheus
// Operator) OpenAPI schemas, offline. Usage: node validate-manifests.mjs rendered.yaml
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const GROUPS = {
  'v1': 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

const file = process.argv[2];
const docs = parseAllDocuments(readFileSync(file, 'utf8'));
let checked = 0;
const failures = [];
for (const doc of docs) {
  if (doc.errors.length > 0) {
    failures.push(`${file}: YAML error: ${doc.errors[0].message}`);
    continue;
  }
  const manifest = doc.toJS();
  if (manifest === null) {
    continue;
  }
  const where = `${manifest.kind ?? '?'} ${manifest.metadata?.name ?? '?'}`;
  const group = GROUPS[manifest.apiVersion];
  if (!group) {
    failures.push(`${where}: no schema known for apiVersion ${manifest.apiVersion}`);
    continue;
  }
  let Model;
  try {
    Model = (await import(group))[manifest.kind];
    if (typeof Model !== 'function') throw new Error('missing');
  } catch (e) {
    failures.push(`${where}: no schema for kind ${manifest.kind} in ${manifest.apiVersion}`);
    continue;
  }
  try {
    new Model(manifest).validate();
    checked++;
  } catch (e) {
    failures.push(`${where}: ${e.message}`);
  }
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
if (checked === 0) {
  console.error(`${file}: no manifests`);
  process.exit(1);
}
console.log(`${file}: ${checked} manifests valid`);
