package org.alignmentmonitor.review.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

    @Test
    void shouldEscapeRawHtmlBlocksAndInlineTags() {
        String html = SafeMarkdown.render("<script>window.__xss=1</script>\n\nhi <img src=x onerror=alert(1)> there");
        assertThat(html).doesNotContain("<script", "<img").contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldKeepOnlyWebAndMailLinks() {
        assertThat(SafeMarkdown.render("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x)"))
                .doesNotContainIgnoringCase("javascript:").doesNotContain("data:", "vbscript:").contains("href=\"#\"");
        assertThat(SafeMarkdown.render("[ok](https://example.org/a?b=1) [m](mailto:x@y.z)"))
                .contains("href=\"https://example.org/a?b=1\"", "href=\"mailto:x@y.z\"");
    }

    @Test
    void shouldNeverLoadImages() {
        assertThat(SafeMarkdown.render("![alt](https://evil.example/track.png)")).doesNotContain("evil.example");
    }

    @Test
    void shouldRenderOrdinaryMarkdown() {
        assertThat(SafeMarkdown.render("**bold** and `code`")).contains("<strong>bold</strong>", "<code>code</code>");
    }

    @Test
    void shouldEscapeAttributeBreakingCharacters() {
        assertThat(SafeMarkdown.escape("\"'<>&")).isEqualTo("&quot;&#39;&lt;&gt;&amp;");
    }
}
