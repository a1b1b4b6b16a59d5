package org.alignmentmonitor.review.manual;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelling manual shipped with the product: Markdown text, the version every label records, and the
 * categories a labeller may choose (read from the manual's Categories section, so text and choices cannot drift).
 */
public record LabellingManual(String version, String markdown, List<String> categories) {

    private static final String RESOURCE = "/org/alignmentmonitor/review/manual/manual.md";
    private static final Pattern VERSION = Pattern.compile("<!-- manual-version: ([0-9A-Za-z.\\-]{1,32}) -->");
    private static final Pattern CATEGORY = Pattern.compile("^- `([a-z_]{1,40})`", Pattern.MULTILINE);

    public LabellingManual {
        categories = List.copyOf(categories);
    }

    /** The text without its version marker, for display. */
    public String body() {
        return VERSION.matcher(markdown).replaceFirst("").strip();
    }

    public static LabellingManual bundled() {
        try (InputStream in = LabellingManual.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("labelling manual missing from the classpath: " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabellingManual parse(String markdown) {
        Matcher v = VERSION.matcher(markdown);
        if (!v.find()) {
            throw new IllegalArgumentException("the manual has no '<!-- manual-version: X -->' line");
        }
        int section = markdown.indexOf("\n## Categories");
        if (section < 0) {
            throw new IllegalArgumentException("the manual has no Categories section");
        }
        int next = markdown.indexOf("\n## ", section + 1);
        Matcher c = CATEGORY.matcher(markdown.substring(section, next < 0 ? markdown.length() : next));
        List<String> categories = new ArrayList<>();
        while (c.find()) {
            categories.add(c.group(1));
        }
        return new LabellingManual(v.group(1), markdown, categories);
    }
}
