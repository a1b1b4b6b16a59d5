package org.alignmentmonitor.connectors.otel;

import java.util.List;
import org.alignmentmonitor.avro.Message;

/**
 * What a GenAI span says was asked and answered, whichever attribute layout carried it.
 *
 * @param finishReason null when the layout does not record one
 * @param toolCalls    tool calls the answer made (0 when none or not recorded)
 */
record Exchange(List<Message> conversation, String completion, String finishReason, int toolCalls) {
}
