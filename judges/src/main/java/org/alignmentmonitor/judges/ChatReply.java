package org.alignmentmonitor.judges;

import java.util.Map;

/**
 * What the endpoint answered.
 *
 * @param content          text of the first choice, "" when absent
 * @param firstTokenLogprobs log-probabilities of the candidate first tokens (the chosen one included),
 *                         empty when the server returned none
 * @param totalTokens      tokens the server billed, 0 when not reported
 */
public record ChatReply(String content, Map<String, Double> firstTokenLogprobs, long totalTokens) {

    public ChatReply {
        content = content == null ? "" : content;
        firstTokenLogprobs = Map.copyOf(firstTokenLogprobs);
    }
}
