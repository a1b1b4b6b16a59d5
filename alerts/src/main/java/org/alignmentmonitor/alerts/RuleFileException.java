package org.alignmentmonitor.alerts;

import java.util.List;

/** A rule file that cannot be used, with every problem found in it. */
public class RuleFileException extends IllegalArgumentException {

    private final List<String> errors;

    public RuleFileException(String source, List<String> errors) {
        super(source + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One line per problem, each naming the rule (index and id) and the field. */
    public List<String> errors() {
        return errors;
    }
}
