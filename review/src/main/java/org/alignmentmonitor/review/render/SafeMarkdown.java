package org.alignmentmonitor.review.render;

import java.util.Locale;
import java.util.Set;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Renders untrusted Markdown (model completions, user turns) to HTML that cannot run anything: raw HTML is escaped
 * as text, link targets other than http, https and mailto become "#", and images are never loaded (their target is
 * dropped; CSP backs this up). Thread-safe.
 */
public final class SafeMarkdown {

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SchemeAllowList())
            .percentEncodeUrls(true)
            .build();

    private SafeMarkdown() {
    }

    public static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** Escapes text for an HTML element body or a quoted attribute value. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final class SchemeAllowList implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            String trimmed = url.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                return "#";
            }
            String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
            return LINK_SCHEMES.contains(scheme) && scheme.chars().allMatch(Character::isLetter) ? trimmed : "#";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return "";
        }
    }
}
