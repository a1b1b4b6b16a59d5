package org.alignmentmonitor.connectors.openai;

/** Model family and version, as the monitor aggregates them. */
public record ModelVersion(String model, String version) {

    public ModelVersion {
        if (model == null || model.isEmpty() || version == null || version.isEmpty()) {
            throw new IllegalArgumentException("model and version must be non-empty: " + model + ", " + version);
        }
    }

    @Override
    public String toString() {
        return model + ":" + version;
    }
}
