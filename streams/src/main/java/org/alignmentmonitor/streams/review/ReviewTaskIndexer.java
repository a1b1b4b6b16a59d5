package org.alignmentmonitor.streams.review;

import java.util.List;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Remembers every review task by interaction id, with only the last user turn of the conversation,
 * so a label (which carries neither the score nor a trusted inclusion probability) is paired with
 * the values the sampler recorded, and with what the learned classifier trains on.
 */
public final class ReviewTaskIndexer implements Processor<String, ReviewTask, Void, Void> {

    private KeyValueStore<String, ReviewTask> tasks;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.tasks = context.getStateStore(Names.REVIEW_TASK_STORE);
    }

    @Override
    public void process(Record<String, ReviewTask> record) {
        ReviewTask task = record.value();
        if (task == null) {
            return;
        }
        // The record is this processor's own deserialized copy: slimming it in place spares a deep copy.
        // The last user turn, the completion and the rule results stay: the learned classifier trains on them.
        Interaction interaction = task.getInteraction();
        if (interaction != null) {
            String prompt = Texts.lastUserMessage(interaction);
            interaction.setConversation(prompt.isEmpty() ? List.of() : List.of(new Message("user", prompt)));
            // Only the checkpoint step stays: process statistics of a late label need it.
            interaction.setMetadata(ProcessCellKey.stepMetadata(interaction));
        }
        tasks.put(task.getInteractionId(), task);
    }
}
