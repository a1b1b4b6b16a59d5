package org.alignmentmonitor.judges;

import org.alignmentmonitor.avro.Interaction;

/**
 * Receives every finished judgment with the interaction it is about. A judgment leaves the journal
 * only after its listener returned normally, so a listener that hands results on (e.g. to Kafka)
 * should return once they are safely there and throw when they are not: the judgment is then
 * delivered again after a restart.
 */
@FunctionalInterface
public interface JudgmentListener {

    void deliver(Interaction interaction, JudgeResult result) throws Exception;
}
