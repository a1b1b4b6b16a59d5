package org.alignmentmonitor.monitor.config;

import java.nio.file.Path;
import java.time.Duration;

import org.alignmentmonitor.review.queue.QueueSettings;

/**
 * Settings of the review queue and UI ({@code monitor.review.*}).
 *
 * @param usersFile users and hashed tokens ({@code name = role:sha256-hex}); null creates a demo labeller and lead
 *                  with fresh tokens printed at startup
 * @param goldFile  gold items with known answers (JSON); null uses the small bundled demo set
 */
public record ReviewSettings(boolean enabled, Path usersFile, Path goldFile, Duration lease, double doubleFraction,
                             double goldRate) {

    public ReviewSettings {
        queue("check", lease, doubleFraction, goldRate);
    }

    public static ReviewSettings defaults() {
        return new ReviewSettings(true, null, null, Duration.ofMinutes(15), 0.2, 0.05);
    }

    /** The queue's settings; the salt ties the double-labelling choice to the application so a rebuild repeats it. */
    public QueueSettings queue(String applicationId) {
        return queue(applicationId, lease, doubleFraction, goldRate);
    }

    private static QueueSettings queue(String salt, Duration lease, double doubleFraction, double goldRate) {
        return new QueueSettings(lease, doubleFraction, goldRate, "review:" + salt);
    }
}
