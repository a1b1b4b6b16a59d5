package org.alignmentmonitor.monitor.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do. Labellers label; leads also adjudicate and see the quality figures; on-call engineers read
 * rates, alerts and metrics; auditors read windows, exports and the audit trail; admins run the instance (ingest,
 * configuration). Which role reaches which endpoint is decided in one table: {@code monitor.access.AccessPolicy}.
 */
public enum Role {
    LABELLER, LEAD, ONCALL, AUDITOR, ADMIN;

    /** The name used in users files and docs: {@code labeller}, {@code lead}, {@code on-call}, {@code auditor}, {@code admin}. */
    public String configName() {
        return this == ONCALL ? "on-call" : name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.configName().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + text + "'; expected one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
    }
}
