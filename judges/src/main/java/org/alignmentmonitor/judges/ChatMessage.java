package org.alignmentmonitor.judges;

import java.util.Objects;

/** One message of a chat-completions request. */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
