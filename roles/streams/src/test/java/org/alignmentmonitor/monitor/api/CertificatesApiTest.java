package org.alignmentmonitor.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.alignmentmonitor.monitor.certificates.CertificateRequest;
import org.alignmentmonitor.monitor.certificates.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificatesApiTest {

    @Test
    void shouldUseTheCorrectedPpiForAFixedWindowAndTheSequenceForAWatchedOneWhenNoMethodIsGiven() {
        CertificateRequest fixed = CertificatesApi.request(
                "{\"model\":\"m\",\"version\":\"v\",\"from\":\"2026-06-01T00:00:00Z\",\"to\":\"2026-07-01T00:00:00Z\",\"bound\":0.02}");
        assertThat(fixed.method()).isEqualTo(Method.PPI_CORRECTED);
        assertThat(fixed.alpha()).isEqualTo(0.05);
        assertThat(fixed.to() - fixed.from()).isEqualTo(30L * 24 * 3600 * 1000);
        CertificateRequest watched = CertificatesApi.request(
                "{\"model\":\"m\",\"version\":\"v\",\"from\":0,\"to\":1000,\"bound\":0.02,\"mode\":\"continuous\"}");
        assertThat(watched.method()).isEqualTo(Method.CONFIDENCE_SEQUENCE);
    }

    @Test
    void shouldReadAProcessRequestWithTheScorecardDefaultsWhenOnlyTheProcessIsGiven() {
        CertificatesApi.ProcessRequest request = CertificatesApi.processRequest(
                CertificatesApi.body("{\"type\":\"process\",\"processId\":\"rl run <1>\"}"));
        assertThat(request.processId()).isEqualTo("rl run <1>");
        assertThat(request.policy()).isEqualTo(ScorecardPolicy.DEFAULT);
        assertThat(request.alpha()).isEqualTo(0.05);
        CertificatesApi.ProcessRequest strict = CertificatesApi.processRequest(CertificatesApi.body(
                "{\"type\":\"process\",\"processId\":\"p\",\"threshold\":0.01,\"delta\":0.01,\"minLabels\":100,\"alpha\":0.1}"));
        assertThat(strict.policy()).isEqualTo(new ScorecardPolicy(0.01, 0.01, 100));
        assertThat(strict.alpha()).isEqualTo(0.1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"process\"} | 'processId' is required",
            "{\"type\":\"process\",\"processId\":\"\"} | process id must be 1-200 characters",
            "{\"type\":\"process\",\"processId\":\"p\",\"threshold\":0} | threshold must be in (0, 1)",
            "{\"type\":\"process\",\"processId\":\"p\",\"delta\":0.7} | delta and alpha must be in (0, 0.5]",
            "{\"type\":\"process\",\"processId\":\"p\",\"minLabels\":2.5} | minLabels must be a whole number",
            "{\"type\":\"process\",\"processId\":\"p\",\"threshold\":\"low\"} | 'threshold' must be a number",
            "{\"type\":\"scorecard\"} | type must be rate or process"})
    void shouldRefuseAProcessRequestWithAMessageWhenItIsInvalid(String body, String message) {
        assertThatThrownBy(() -> CertificatesApi.processRequest(CertificatesApi.body(body)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":0.02,\"mode\":\"continuous\",\"method\":\"clopper-pearson\"} | not valid for mode continuous",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":0.02,\"method\":\"confidence-sequence\"} | not valid for mode fixed",
            "{\"model\":\"m\",\"version\":\"v\"} | 'bound' is required",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":2} | bound must be in (0, 1)",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":\"0.02\"} | 'bound' must be a number",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":0.02,\"alpha\":0.9} | alpha must be in (0, 0.5]",
            "{\"model\":\"<b>\",\"version\":\"v\",\"bound\":0.02} | 'model' must be",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":0.02,\"from\":\"yesterday\"} | 'from' must be an ISO-8601",
            "{\"model\":\"m\",\"version\":\"v\",\"bound\":0.02,\"mode\":\"sometimes\"} | mode must be fixed or continuous",
            "[1, 2] | must be a JSON object",
            "{\"model\": | must be a JSON object"})
    void shouldRefuseWithAMessageWhenTheRequestIsInvalid(String body, String message) {
        assertThatThrownBy(() -> CertificatesApi.request(body)).isInstanceOf(BadRequestException.class).hasMessageContaining(message);
    }
}
