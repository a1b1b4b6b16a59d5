package org.alignmentmonitor.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it has not been told to trust, which breaks the generated
 * builders' deep copies ({@code Interaction.newBuilder(other)}) and defaults holding records. This
 * trusts exactly the project's generated package, on top of whatever was trusted already.
 */
public final class AvroTrust {

    private static final String GENERATED_PACKAGE = "org.alignmentmonitor.avro";
    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Idempotent; call once at start-up before building records. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> GENERATED_PACKAGE.equals(type.getPackageName())));
        installed = true;
    }
}
