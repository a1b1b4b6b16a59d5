package org.alignmentmonitor.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void shouldReadIsoInstantsAndEpochMillisWhenGivenEither() {
        assertThat(QueryParams.instant("from", "1970-01-01T00:00:01Z", 0L)).isEqualTo(1000L);
        assertThat(QueryParams.instant("from", "1500", 0L)).isEqualTo(1500L);
        assertThat(QueryParams.instant("from", null, 7L)).isEqualTo(7L);
    }

    /** Found reviewing the parsers for QueryParamsFuzzTest: a valid ISO instant beyond epoch milliseconds overflowed into a 500. */
    @Test
    void shouldAnswerBadRequestWhenAnIsoInstantIsBeyondEpochMillis() {
        assertThatThrownBy(() -> QueryParams.instant("to", "+1000000000-01-01T00:00:00Z", 0L))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'to'");
    }

    @Test
    void shouldAnswerBadRequestWhenAlphaIsOutsideItsRange() {
        assertThat(QueryParams.alpha((String) null)).isEqualTo(0.05);
        assertThatThrownBy(() -> QueryParams.alpha("0.6")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> QueryParams.alpha("NaN")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void shouldAnswerBadRequestWhenANameHasForbiddenCharacters() {
        assertThat(QueryParams.requiredName("model", "gpt-4:1106")).isEqualTo("gpt-4:1106");
        assertThatThrownBy(() -> QueryParams.requiredName("model", "<script>")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> QueryParams.flag("local", "yes")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void shouldAnswerBadRequestWhenAScorecardPolicyValueIsOutsideItsRange() {
        assertThat(QueryParams.number("threshold", null, 0.02, 0.0, 0.999)).isEqualTo(0.02);
        assertThat(QueryParams.number("threshold", "0.05", 0.02, 0.0, 0.999)).isEqualTo(0.05);
        assertThatThrownBy(() -> QueryParams.number("delta", "1", 0.05, 1e-9, 0.5)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'delta'");
        assertThatThrownBy(() -> QueryParams.number("delta", "NaN", 0.05, 1e-9, 0.5)).isInstanceOf(BadRequestException.class);
        assertThat(QueryParams.count("minLabels", "40", 30, 1, 1_000_000)).isEqualTo(40);
        assertThatThrownBy(() -> QueryParams.count("minLabels", "2.5", 30, 1, 1_000_000)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> QueryParams.count("minLabels", "0", 30, 1, 1_000_000)).isInstanceOf(BadRequestException.class);
    }
}
