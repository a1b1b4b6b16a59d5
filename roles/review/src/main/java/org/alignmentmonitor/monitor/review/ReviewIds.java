package org.alignmentmonitor.monitor.review;

import java.util.regex.Pattern;

/** The item ids the review UI accepts in paths and forms: interaction ids as connectors produce them. */
final class ReviewIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    private ReviewIds() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
