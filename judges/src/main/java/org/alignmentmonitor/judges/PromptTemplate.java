package org.alignmentmonitor.judges;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.classifiers.Texts;

/**
 * A versioned judge prompt. The text lives in a resource {@code templates/<id>.v<version>.txt}
 * with a {@code --- system} and a {@code --- user} section; lines before the first section
 * starting with {@code #} are comments. Placeholders: {@code {{conversation}}}, {@code {{prompt}}}
 * (last user turn) and {@code {{completion}}}. A changed wording is a new version file, never an
 * edit, so {@link #ref()} in a result always names the exact words the judge saw.
 */
public record PromptTemplate(String id, String version, String system, String user) {

    public static final PromptTemplate SELF_INTENT = load("self-intent", "1");
    public static final PromptTemplate OVERSEER_INTENT = load("overseer-intent", "1");

    /** {@code id@vN}, recorded in every result. */
    public String ref() {
        return id + "@v" + version;
    }

    public static PromptTemplate load(String id, String version) {
        String resource = "templates/" + id + ".v" + version + ".txt";
        try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no prompt template " + resource);
            }
            return parse(id, version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PromptTemplate parse(String id, String version, String text) {
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--- ")) {
                String section = line.substring(4).strip();
                current = switch (section) {
                    case "system" -> system;
                    case "user" -> user;
                    default -> throw new IllegalArgumentException("unknown section '" + section + "' in template " + id);
                };
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (user.toString().isBlank()) {
            throw new IllegalArgumentException("template " + id + " v" + version + " has no user section");
        }
        return new PromptTemplate(id, version, system.toString().strip(), user.toString().strip());
    }

    public List<ChatMessage> render(Interaction interaction) {
        String conversation = conversationText(interaction);
        String prompt = Texts.lastUserMessage(interaction);
        String completion = Texts.completion(interaction);
        String userText = substitute(user, conversation, prompt, completion);
        if (system.isEmpty()) {
            return List.of(new ChatMessage("user", userText));
        }
        return List.of(new ChatMessage("system", substitute(system, conversation, prompt, completion)),
                new ChatMessage("user", userText));
    }

    static String conversationText(Interaction interaction) {
        StringBuilder text = new StringBuilder();
        List<Message> conversation = interaction.getConversation();
        if (conversation != null) {
            for (Message message : conversation) {
                if (message != null) {
                    text.append(message.getRole()).append(": ").append(message.getContent()).append('\n');
                }
            }
        }
        return text.toString().strip();
    }

    /** One pass, so a placeholder inside the (untrusted) substituted text is never expanded. */
    private static String substitute(String template, String conversation, String prompt, String completion) {
        StringBuilder out = new StringBuilder(template.length() + conversation.length() + completion.length());
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int close = open < 0 ? -1 : template.indexOf("}}", open);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 2, close);
            switch (name) {
                case "conversation" -> out.append(conversation);
                case "prompt" -> out.append(prompt);
                case "completion" -> out.append(completion);
                default -> out.append(template, open, close + 2);
            }
            i = close + 2;
        }
        return out.toString();
    }
}
