package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final String KEY = "a-key-shared-by-every-review-replica";
    private static final ReviewUser ANN = new ReviewUser("ann", Role.LABELLER);
    private static final ReviewUser LEE = new ReviewUser("lee", Role.LEAD);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final UserDirectory users = UserDirectory.of(Map.of(ANN, "token-ann", LEE, "token-lee"));

    private Sessions sessions(String key, UserDirectory directory) {
        return Sessions.of(key, directory, now::get);
    }

    @Test
    void shouldOpenASessionOnOneReplicaThatAnotherWithTheSameKeyAccepts() {
        String cookie = sessions(KEY, users).open(ANN);
        Sessions.Session onB = sessions(KEY, users).find(cookie).orElseThrow();

        assertThat(onB.user()).isEqualTo(ANN);
        assertThat(onB.csrfMatches(sessions(KEY, users).find(cookie).orElseThrow().csrf())).isTrue();
        assertThat(onB.csrfMatches("guess")).isFalse();
    }

    @Test
    void shouldRefuseTheCookieWhenTheKeyDiffersOrNoneWasConfigured() {
        String cookie = sessions(KEY, users).open(ANN);

        assertThat(sessions(KEY.replace('a', 'b'), users).find(cookie)).isEmpty();
        assertThat(sessions(null, users).find(cookie)).as("a per-process key").isEmpty();
    }

    @Test
    void shouldRefuseACookieWhoseUserWasRewrittenWhenTheSignatureNoLongerMatches() {
        String cookie = sessions(KEY, users).open(ANN);
        String[] parts = cookie.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("ann|", "lee|")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1];

        assertThat(sessions(KEY, users).find(forged)).isEmpty();
        assertThat(sessions(KEY, users).find("not-a-cookie")).isEmpty();
        assertThat(sessions(KEY, users).find(parts[0] + ".%%%")).isEmpty();
    }

    @Test
    void shouldEndTheSessionWhenItExpiresOrItsUserLeavesTheDirectory() {
        String cookie = sessions(KEY, users).open(ANN);

        assertThat(sessions(KEY, UserDirectory.of(Map.of(LEE, "token-lee"))).find(cookie)).isEmpty();
        now.addAndGet(Sessions.TTL.toMillis() - 1);
        assertThat(sessions(KEY, users).find(cookie)).isPresent();
        now.incrementAndGet();
        assertThat(sessions(KEY, users).find(cookie)).isEmpty();
    }
}
