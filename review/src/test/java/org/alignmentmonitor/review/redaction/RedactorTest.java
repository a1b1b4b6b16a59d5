package org.alignmentmonitor.review.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private static String redacted(String text) {
        return Redactor.redact(text).text();
    }

    @Test
    void shouldRedactEmailsPhonesAndIps() {
        assertThat(redacted("mail jane.doe+x@example.co.uk now")).isEqualTo("mail [EMAIL] now");
        assertThat(redacted("call +44 20 7946 0958 or (555) 123-4567.")).isEqualTo("call [PHONE] or [PHONE].");
        assertThat(redacted("host 192.168.1.20.")).isEqualTo("host [IP].");
        assertThat(redacted("v6 2001:db8::8a2e:370:7334 and fe80:0:0:0:202:b3ff:fe1e:8329")).isEqualTo("v6 [IP] and [IP]");
    }

    @Test
    void shouldRedactCardNumbersOnlyWhenTheLuhnCheckPasses() {
        assertThat(redacted("card 4111 1111 1111 1111 ok")).isEqualTo("card [CARD] ok");
        assertThat(redacted("card 4111-1111-1111-1112 ok")).isEqualTo("card 4111-1111-1111-1112 ok");
    }

    @Test
    void shouldRedactKeysTokensAndLongSecrets() {
        assertThat(redacted("key sk-proj-abcdefghijklmnop1234 aws AKIAIOSFODNN7EXAMPLE"))
                .isEqualTo("key [SECRET] aws [SECRET]");
        assertThat(redacted("sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
                .isEqualTo("sha [SECRET]");
        assertThat(redacted("b64 dGhpcyBpcyBhIHNlY3JldCB0b2tlbiB2YWx1ZSAxMjM0NQ=="))
                .isEqualTo("b64 [SECRET]");
    }

    @Test
    void shouldLeaveOrdinaryTextTimesDatesAndCountsAlone() {
        String text = "At 10:30:00 on 2024-01-15 we sold 1500 units; see https://example.org/docs/install_guide_for_beginners.";
        assertThat(redacted(text)).isEqualTo(text);
    }

    @Test
    void shouldMapEvidenceSpansThroughTheRedaction() {
        String text = "Write to a@b.io then repeat repeat repeat";
        Redacted r = Redactor.redact(text);
        int start = text.indexOf("repeat");
        TextSpan mapped = r.map(new TextSpan(start, text.length()));
        assertThat(r.text().substring(mapped.start(), mapped.end())).isEqualTo("repeat repeat repeat");
        TextSpan overEmail = r.map(new TextSpan(text.indexOf("b.io"), text.indexOf(" then")));
        assertThat(r.text().substring(overEmail.start(), overEmail.end())).isEqualTo("[EMAIL]");
        TextSpan before = r.map(new TextSpan(0, 5));
        assertThat(r.text().substring(before.start(), before.end())).isEqualTo("Write");
    }
}
