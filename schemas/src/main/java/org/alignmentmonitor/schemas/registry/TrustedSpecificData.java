package org.alignmentmonitor.schemas.registry;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link SpecificData} for one generated class that resolves the classes named in that class's own
 * compiled schema directly. Avro 1.12 otherwise loads them by name through its class allow-list
 * ({@code org.apache.avro.SERIALIZABLE_PACKAGES}), which rejects application packages by default.
 * Those classes are trusted by construction: the application was compiled against them. Any other
 * name still goes through Avro's check.
 */
final class TrustedSpecificData extends SpecificData {

    private final Map<String, Class<?>> generatedClasses = new HashMap<>();

    private TrustedSpecificData(Class<? extends SpecificRecord> type) {
        super(type.getClassLoader());
        SpecificData generatedModel = SpecificData.getForClass(type);
        // Keep the generated model's logical-type conversions (timestamp-millis as Instant...).
        generatedModel.getConversions().forEach(this::addLogicalTypeConversion);
        collect(generatedModel.getSchema(type), type.getClassLoader());
    }

    static TrustedSpecificData forClass(Class<? extends SpecificRecord> type) {
        return new TrustedSpecificData(type);
    }

    private void collect(Schema schema, ClassLoader loader) {
        switch (schema.getType()) {
            case RECORD -> {
                if (register(schema, loader)) {
                    schema.getFields().forEach(field -> collect(field.schema(), loader));
                }
            }
            case ENUM, FIXED -> register(schema, loader);
            case ARRAY -> collect(schema.getElementType(), loader);
            case MAP -> collect(schema.getValueType(), loader);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, loader));
            default -> {
            }
        }
    }

    /** Returns false if the type was seen before (recursive schemas). */
    private boolean register(Schema schema, ClassLoader loader) {
        if (generatedClasses.containsKey(schema.getFullName())) {
            return false;
        }
        try {
            generatedClasses.put(schema.getFullName(), Class.forName(getClassName(schema), false, loader));
        } catch (ClassNotFoundException e) {
            // Not generated (e.g. a fixed without a class): leave it to Avro's generic handling.
            generatedClasses.put(schema.getFullName(), null);
        }
        return true;
    }

    @Override
    public Class getClass(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                Class<?> generated = generatedClasses.get(schema.getFullName());
                yield generated != null ? generated : super.getClass(schema);
            }
            default -> super.getClass(schema);
        };
    }
}
