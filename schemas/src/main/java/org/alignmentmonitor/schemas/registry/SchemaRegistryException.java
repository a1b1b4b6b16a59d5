package org.alignmentmonitor.schemas.registry;

/**
 * A schema registry refused a request or could not be reached. Carries the HTTP status and the
 * registry's own {@code error_code} (Confluent's codes, which Redpanda, Apicurio and Karapace reuse),
 * so callers can tell "unknown id" from "registry down". The embedded registry throws the same
 * exception and renders it as the Confluent error JSON.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Status of a failure that happened before any HTTP answer: no registry reachable, bad response... */
    public static final int NO_HTTP_STATUS = -1;

    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INVALID_SUBJECT = 42208;
    public static final int BACKEND_STORE_ERROR = 50001;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** A failure on the client side, with no HTTP answer to report. */
    public SchemaRegistryException(String message, Throwable cause) {
        this(NO_HTTP_STATUS, NO_HTTP_STATUS, message, cause);
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException versionNotFound(String subject, int version) {
        return new SchemaRegistryException(404, VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    public static SchemaRegistryException schemaNotFound(String detail) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found: " + detail);
    }

    public static SchemaRegistryException invalidSchema(String detail) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    public static SchemaRegistryException badRequest(String detail) {
        return new SchemaRegistryException(400, BAD_REQUEST, detail);
    }

    /** HTTP status of the registry's answer, or {@link #NO_HTTP_STATUS}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40403), the HTTP status if it sent none, or {@link #NO_HTTP_STATUS}. */
    public int errorCode() {
        return errorCode;
    }

    /** True for "the registry has no such subject, version or schema". */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    @Override
    public String toString() {
        String codes = httpStatus == NO_HTTP_STATUS ? "" : " (HTTP " + httpStatus + ", error_code " + errorCode + ")";
        return getClass().getName() + ": " + getMessage() + codes;
    }
}
