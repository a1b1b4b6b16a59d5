package org.alignmentmonitor.monitor.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void shouldAuthenticateByTokenHashFromTheUsersFile() throws Exception {
        String token = UserDirectory.newToken();
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "ann = labeller:" + UserDirectory.sha256Hex(token) + "\nlee = lead:" + UserDirectory.sha256Hex("other") + "\n");
        UserDirectory users = UserDirectory.load(file);
        assertThat(users.authenticate(token)).contains(new ReviewUser("ann", Role.LABELLER));
        assertThat(users.authenticate("wrong")).isEmpty();
        assertThat(users.authenticate(null)).isEmpty();
        assertThat(users.isLead("lee")).isTrue();
        assertThat(Files.readString(file)).doesNotContain(token);
    }

    @Test
    void shouldRefuseMalformedEntries() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "ann = labeller:plaintext-token\n");
        assertThatThrownBy(() -> UserDirectory.load(file)).isInstanceOf(IllegalArgumentException.class);
    }
}
