package org.alignmentmonitor.monitor.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateSealTest {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    private SigningKey key;
    private String file;

    @BeforeEach
    void issue() throws Exception {
        key = SigningKey.loadOrCreate(dir.resolve("key.pem"));
        BucketEstimatorState s = BucketEstimatorState.empty();
        for (int i = 0; i < 400; i++) {
            s = s.add(i < 3 ? 0.8 : 0.1, i < 3, i < 3 ? Label.MISALIGNED : i == 5 ? Label.AMBIGUOUS : Label.ALIGNED, 1.0);
        }
        CertificateRequest request = new CertificateRequest("assistant", "v7", 1_793_000_000_000L, 1_793_003_600_000L,
                0.05, 0.05, Method.PPI_CORRECTED);
        RateCertificate figures = new RateCertificate(request, request.from(), request.to(),
                new RateCertificate.Counts(400, 3, 3, 396, 1), List.of("rules-v2"),
                Estimator.estimate(s, EstimationOptions.DEFAULT),
                new Provenance("policy-1", CanonicalJson.sha256("salt"), 0.001, 50, "manual-3", "test"));
        file = PRETTY.writeValueAsString(CertificateSeal.seal(figures.toJson("cert-1", Instant.parse("2026-12-05T12:00:00Z")), key));
    }

    @Test
    void shouldVerifyAnUntouchedCertificateAgainstTheTrustedKey() {
        assertThat(CertificateSeal.verify(file, key.publicKey()).problems()).isEmpty();
        assertThat(CertificateSeal.verify(file, null).valid()).isTrue();
    }

    @Test
    void shouldNameTheFieldWhenOneByteOfAValueChanges() {
        String changed = file.replace("\"positives\" : 3,", "\"positives\" : 4,");
        assertThat(changed).isNotEqualTo(file);
        List<String> problems = CertificateSeal.verify(changed, key.publicKey()).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("certificate/rate/low/positives").contains("differs"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("signature invalid"));
    }

    @Test
    void shouldSayTheDigestItselfChangedWhenOnlyTheDigestDoes() throws Exception {
        ObjectNode doc = (ObjectNode) PRETTY.readTree(file);
        String digest = doc.get("digest").asText();
        String changed = file.replace(digest, (digest.charAt(0) == 'a' ? "b" : "a") + digest.substring(1));
        assertThat(CertificateSeal.verify(changed, key.publicKey()).problems())
                .anySatisfy(p -> assertThat(p).contains("the digest itself was changed"));
    }

    @Test
    void shouldRejectACertificateSignedByAnotherKeyWhenATrustedKeyIsGiven() {
        SigningKey other = SigningKey.loadOrCreate(dir.resolve("other.pem"));
        assertThat(CertificateSeal.verify(file, other.publicKey()).problems())
                .anySatisfy(p -> assertThat(p).contains("different key"));
    }

    @Test
    void shouldIgnoreLayoutWhenOnlyWhitespaceChanges() {
        assertThat(CertificateSeal.verify(file.replace("\n", "\n  "), key.publicKey()).valid()).isTrue();
    }

    @Test
    void shouldReportTheParseErrorWhenTheFileIsNoLongerJson() {
        assertThat(CertificateSeal.verify(file.replaceFirst("\\{", "["), key.publicKey()).problems())
                .singleElement().satisfies(p -> assertThat(p).startsWith("not valid JSON"));
    }

    @Test
    void shouldNameAnAddedFieldWhenSomeoneInsertsOne() {
        String changed = file.replaceFirst("\"type\" : \"rate\"", "\"type\" : \"rate\", \"note\" : \"x\"");
        assertThat(CertificateSeal.verify(changed, key.publicKey()).problems())
                .anySatisfy(p -> assertThat(p).contains("certificate/note was added"));
    }

    @Test
    void shouldKeepTheSameKeyAcrossRestartsWithOwnerOnlyPermissions() throws Exception {
        SigningKey again = SigningKey.loadOrCreate(dir.resolve("key.pem"));
        assertThat(again.publicKeyBase64()).isEqualTo(key.publicKeyBase64());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem")))).isEqualTo("rw-------");
        assertThat(SigningKey.encode(SigningKey.parsePublicKey(key.publicKeyPem()))).isEqualTo(key.publicKeyBase64());
    }

    @Test
    void shouldEscapeEveryValueInThePrintablePage() throws Exception {
        ObjectNode doc = (ObjectNode) PRETTY.readTree(file);
        ((ObjectNode) doc.get("certificate").get("provenance")).put("codeVersion", "<script>alert(1)</script>");
        String html = CertificateHtml.render(doc);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("assistant:v7").contains("<p class=\"decision\">certified</p>");
    }
}
