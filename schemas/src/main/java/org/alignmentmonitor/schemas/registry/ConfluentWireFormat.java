package org.alignmentmonitor.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a serialized record: magic byte 0, the writer schema's id as a 4-byte
 * big-endian int, then the Avro binary encoding. Error messages here end up in dead-letter headers,
 * so they say what the bytes look like instead.
 */
final class ConfluentWireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id in the header of {@code data}, after checking that the header is there. */
    static int readSchemaId(String topic, byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("empty payload on topic " + topic + ": expected Confluent wire format (magic byte 0, 4-byte schema id, Avro)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("unknown magic byte 0x%02x on topic %s: not Confluent wire format%s",
                    data[0] & 0xff, topic, guessFormat(data)));
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("payload of " + data.length + " bytes on topic " + topic
                    + " is shorter than the 5-byte Confluent header (magic byte + schema id)");
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        if (id < 0) {
            throw new SerializationException("schema id " + id + " on topic " + topic + " is negative: registries never issue one, the bytes are corrupt");
        }
        return id;
    }

    /** A hint for the usual suspects: a producer that wrote JSON, text or another Avro framing. */
    private static String guessFormat(byte[] data) {
        int first = data[0] & 0xff;
        if (first == '{' || first == '[') {
            return " (is this plain JSON?)";
        }
        if (data.length >= 2 && first == 0xc3 && data[1] == 0x01) {
            return " (looks like Avro single-object encoding, header C3 01)";
        }
        if (data.length >= 4 && first == 'O' && data[1] == 'b' && data[2] == 'j' && data[3] == 1) {
            return " (looks like an Avro object container file, not a single record)";
        }
        if (first == 0xef && data.length >= 3 && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf) {
            return " (starts with a UTF-8 byte-order mark: text?)";
        }
        if (first >= 0x20 && first < 0x7f) {
            return String.format(" (starts with the printable character '%c': text?)", (char) first);
        }
        return "";
    }
}
